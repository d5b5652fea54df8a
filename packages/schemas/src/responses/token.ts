import { type Static, Type } from 'typebox';
import { AccessRule } from './application-credential.ts';
import { CatalogEntry } from './catalog.ts';
import { Nullable, closed } from './links.ts';

/** The body of POST/GET /v3/auth/tokens (keystone/common/render_token.py). Times: 2026-03-19T10:00:00.000000Z. */

const DomainName = Type.Object({ id: Type.String(), name: Type.String() }, closed);

export const TokenUser = Type.Object(
  { domain: DomainName, id: Type.String(), name: Type.String(), password_expires_at: Nullable(Type.String()) },
  closed,
);
export type TokenUser = Static<typeof TokenUser>;

export const TokenProject = Type.Object({ domain: DomainName, id: Type.String(), name: Type.String() }, closed);
export type TokenProject = Static<typeof TokenProject>;

export const TokenRole = Type.Object({ id: Type.String(), name: Type.String() }, closed);
export type TokenRole = Static<typeof TokenRole>;

/** A token made with an application credential; `access_rules` only when it has some. */
export const TokenApplicationCredential = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    restricted: Type.Boolean(),
    access_rules: Type.Optional(Type.Array(AccessRule)),
  },
  closed,
);

/** A trust-scoped token's trust. */
export const TokenTrust = Type.Object(
  {
    id: Type.String(),
    impersonation: Type.Boolean(),
    trustee_user: Type.Object({ id: Type.String() }, closed),
    trustor_user: Type.Object({ id: Type.String() }, closed),
  },
  closed,
);

/** At most one of `project`, `domain`, `system`; `roles` (and, unless `?nocatalog`, `catalog`) only when scoped. */
export const Token = Type.Object(
  {
    methods: Type.Array(Type.String()),
    user: TokenUser,
    audit_ids: Type.Array(Type.String()),
    expires_at: Type.String(),
    issued_at: Type.String(),
    project: Type.Optional(TokenProject),
    is_domain: Type.Optional(Type.Boolean()),
    domain: Type.Optional(DomainName),
    system: Type.Optional(Type.Object({ all: Type.Boolean() }, closed)),
    roles: Type.Optional(Type.Array(TokenRole)),
    is_admin_project: Type.Optional(Type.Boolean()),
    catalog: Type.Optional(Type.Array(CatalogEntry)),
    application_credential: Type.Optional(TokenApplicationCredential),
    'OS-TRUST:trust': Type.Optional(TokenTrust),
    /** A token issued with the `oauth1` auth method. */
    'OS-OAUTH1': Type.Optional(Type.Object({ access_token_id: Type.String(), consumer_id: Type.String() }, closed)),
  },
  closed,
);
export type Token = Static<typeof Token>;

export const TokenResponse = Type.Object({ token: Token }, closed);
export type TokenResponse = Static<typeof TokenResponse>;
