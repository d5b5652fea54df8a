import { Type, type Static } from 'typebox';
import { Description, NullableId } from './common.ts';

const RoleName = Type.String({ minLength: 1, maxLength: 255, pattern: '[\\S]+' });
const RoleOptions = Type.Object(
  { immutable: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])) },
  { additionalProperties: false },
);

export const RoleCreate = Type.Object({
  role: Type.Object(
    {
      name: RoleName,
      domain_id: Type.Optional(NullableId),
      description: Type.Optional(Description),
      options: Type.Optional(RoleOptions),
    },
    { additionalProperties: true },
  ),
});
export type RoleCreate = Static<typeof RoleCreate>;

export const RoleUpdate = Type.Object({
  role: Type.Object(
    {
      name: Type.Optional(RoleName),
      domain_id: Type.Optional(NullableId),
      description: Type.Optional(Description),
      options: Type.Optional(RoleOptions),
    },
    { additionalProperties: true, minProperties: 1 },
  ),
});
export type RoleUpdate = Static<typeof RoleUpdate>;
