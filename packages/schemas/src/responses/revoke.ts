import { type Static, Type } from 'typebox';
import { CollectionLinks, closed } from './links.ts';

/** OS-REVOKE revocation events (keystone/api/os_revoke.py): only the attributes an event constrains are present. */
export const RevocationEvent = Type.Object(
  {
    issued_before: Type.String(),
    revoked_at: Type.String(),
    user_id: Type.Optional(Type.String()),
    project_id: Type.Optional(Type.String()),
    domain_id: Type.Optional(Type.String()),
    role_id: Type.Optional(Type.String()),
    audit_id: Type.Optional(Type.String()),
    audit_chain_id: Type.Optional(Type.String()),
    expires_at: Type.Optional(Type.String()),
  },
  closed,
);
export type RevocationEvent = Static<typeof RevocationEvent>;

/** GET /v3/OS-REVOKE/events. */
export const RevocationEventList = Type.Object({ events: Type.Array(RevocationEvent), links: CollectionLinks }, closed);
export type RevocationEventList = Static<typeof RevocationEventList>;

/** GET /v3/auth/tokens/OS-PKI/revoked (the seed's JSON listing; Keystone answers 410 since PKI tokens are gone). */
export const RevokedTokenList = Type.Object(
  {
    revoked: Type.Array(
      Type.Object({ audit_id: Type.String(), revoked_at: Type.String(), issued_before: Type.String() }, closed),
    ),
    events: Type.Array(RevocationEvent),
  },
  closed,
);
export type RevokedTokenList = Static<typeof RevokedTokenList>;
