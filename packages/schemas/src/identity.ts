import { Type, type Static } from 'typebox';
import { Description, Enabled, IdString, Name } from './common.ts';
import { userAttributesInRequests } from './user-attributes.ts';

const open = { additionalProperties: true };
const Password = Type.Union([Type.String(), Type.Null()]);

const UserOptions = Type.Object(
  {
    ignore_change_password_upon_first_use: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    ignore_password_expiry: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    ignore_lockout_failure_attempts: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    lock_password: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    ignore_user_inactivity: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    // Keystone's schema: a rule names each method once, and no rule is given twice.
    multi_factor_auth_rules: Type.Optional(
      Type.Union([
        Type.Array(Type.Array(Type.String(), { minItems: 1, uniqueItems: true }), { uniqueItems: true }),
        Type.Null(),
      ]),
    ),
    multi_factor_auth_enabled: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  },
  { additionalProperties: false },
);

export const UserCreate = Type.Object({
  user: Type.Object(
    {
      name: Name,
      domain_id: Type.Optional(IdString),
      ...userAttributesInRequests,
      enabled: Type.Optional(Enabled),
      password: Type.Optional(Password),
      options: Type.Optional(UserOptions),
      federated: Type.Optional(Type.Array(Type.Unknown())),
    },
    open,
  ),
});
export type UserCreate = Static<typeof UserCreate>;

export const UserUpdate = Type.Object({
  user: Type.Object(
    {
      name: Type.Optional(Name),
      domain_id: Type.Optional(IdString),
      ...userAttributesInRequests,
      enabled: Type.Optional(Enabled),
      password: Type.Optional(Password),
      options: Type.Optional(UserOptions),
    },
    { ...open, minProperties: 1 },
  ),
});
export type UserUpdate = Static<typeof UserUpdate>;

export const PasswordChange = Type.Object({
  user: Type.Object({
    original_password: Type.String(),
    password: Type.String(),
  }),
});
export type PasswordChange = Static<typeof PasswordChange>;

export const GroupCreate = Type.Object({
  group: Type.Object({ name: Name, domain_id: Type.Optional(IdString), description: Type.Optional(Description) }, open),
});
export type GroupCreate = Static<typeof GroupCreate>;

export const GroupUpdate = Type.Object({
  group: Type.Object(
    { name: Type.Optional(Name), domain_id: Type.Optional(IdString), description: Type.Optional(Description) },
    { ...open, minProperties: 1 },
  ),
});
export type GroupUpdate = Static<typeof GroupUpdate>;
