import { type Static, Type } from 'typebox';
import { Role } from './assignment.ts';
import { Collection, Envelope, Nullable, ResourceLinks, closed, type WithExtra, withExtra } from './links.ts';

/** OS-OAUTH1 (keystone/api/os_oauth1.py, keystone/api/users.py). */

/** A consumer; its `secret` only in the answer to its creation. */
export const Consumer = Type.Object(
  {
    id: Type.String(),
    description: Nullable(Type.String()),
    secret: Type.Optional(Type.String()),
    links: ResourceLinks,
  },
  withExtra,
);
export type Consumer = WithExtra<Static<typeof Consumer>>;
export const ConsumerResponse = Envelope('consumer', Consumer);
export const ConsumerList = Collection('consumers', Consumer);

/** The verifier an authorized request token is exchanged with. */
export const RequestTokenAuthorized = Type.Object(
  { token: Type.Object({ oauth_verifier: Type.String() }, closed) },
  closed,
);

/** An access token a user authorized; never its secret. `links.roles` lists its delegated roles. */
export const AccessToken = Type.Object(
  {
    id: Type.String(),
    consumer_id: Type.String(),
    project_id: Type.String(),
    authorizing_user_id: Type.String(),
    expires_at: Nullable(Type.String()),
    links: Type.Object({ self: Type.String(), roles: Type.String() }, closed),
  },
  closed,
);
export type AccessToken = Static<typeof AccessToken>;
export const AccessTokenResponse = Envelope('access_token', AccessToken);
export const AccessTokenList = Collection('access_tokens', AccessToken);

/** A role delegated by an access token: a role without its description (Keystone drops it there). */
export const AccessTokenRole = Type.Omit(Role, ['description'], withExtra);
export const AccessTokenRoleResponse = Envelope('role', AccessTokenRole);
export const AccessTokenRoleList = Collection('roles', AccessTokenRole);
