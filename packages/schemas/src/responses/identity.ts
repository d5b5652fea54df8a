import { type Static, Type } from 'typebox';
import { userAttributesInResponses } from '../user-attributes.ts';
import { Collection, Envelope, Nullable, ResourceLinks, type WithExtra, withExtra } from './links.ts';

/** Users and groups (keystone/api/users.py, groups.py; api-ref "Users", "Groups"). */

/** Keystone's user options (keystone/identity/backends/resource_options.py); null values are never shown. */
export const UserOptions = Type.Object(
  {
    ignore_change_password_upon_first_use: Type.Optional(Type.Boolean()),
    ignore_password_expiry: Type.Optional(Type.Boolean()),
    ignore_lockout_failure_attempts: Type.Optional(Type.Boolean()),
    lock_password: Type.Optional(Type.Boolean()),
    ignore_user_inactivity: Type.Optional(Type.Boolean()),
    multi_factor_auth_rules: Type.Optional(Type.Array(Type.Array(Type.String()))),
    multi_factor_auth_enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserOptions = Static<typeof UserOptions>;

/**
 * A user; never the password. The attributes a client sets (`default_project_id`, `description`, `email`, …; see
 * user-attributes.ts) are present only when set (Keystone keeps description and email among the extra attributes;
 * this server models them).
 */
export const User = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    domain_id: Type.String(),
    enabled: Type.Boolean(),
    password_expires_at: Nullable(Type.String()),
    options: UserOptions,
    links: ResourceLinks,
    ...userAttributesInResponses,
    federated: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
  },
  withExtra,
);
export type User = WithExtra<Static<typeof User>>;
export const UserResponse = Envelope('user', User);
export const UserList = Collection('users', User);

export const Group = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    domain_id: Type.String(),
    /** '' when never set here; Keystone may answer null. */
    description: Nullable(Type.String()),
    links: ResourceLinks,
  },
  withExtra,
);
export type Group = WithExtra<Static<typeof Group>>;
export const GroupResponse = Envelope('group', Group);
export const GroupList = Collection('groups', Group);
