import { Type, type Static } from 'typebox';
import { Description } from './common.ts';

const RoleRef = Type.Object(
  {
    id: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    domain_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { minProperties: 1, additionalProperties: false },
);

const AccessRule = Type.Object(
  {
    id: Type.Optional(Type.String()),
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    path: Type.Optional(Type.String({ minLength: 0, maxLength: 128 })),
    method: Type.Optional(Type.Union(['HEAD', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => Type.Literal(m)))),
  },
  { additionalProperties: false },
);

export const ApplicationCredentialCreate = Type.Object({
  application_credential: Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 255 }),
      description: Type.Optional(Description),
      secret: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
      expires_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      roles: Type.Optional(Type.Array(RoleRef)),
      unrestricted: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
      access_rules: Type.Optional(Type.Array(AccessRule)),
    },
    { additionalProperties: false },
  ),
});
export type ApplicationCredentialCreate = Static<typeof ApplicationCredentialCreate>;
