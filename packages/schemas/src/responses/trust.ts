import { type Static, Type } from 'typebox';
import { Role } from './assignment.ts';
import { Collection, CollectionLinks, Envelope, Nullable, ResourceLinks, type WithExtra, withExtra } from './links.ts';

/** OS-TRUST trusts (keystone/api/trusts.py). `expires_at` carries a `Z`; `remaining_uses` null means unlimited. */
export const Trust = Type.Object(
  {
    id: Type.String(),
    trustor_user_id: Type.String(),
    trustee_user_id: Type.String(),
    project_id: Nullable(Type.String()),
    impersonation: Type.Boolean(),
    expires_at: Nullable(Type.String()),
    remaining_uses: Nullable(Type.Integer()),
    /** Keystone leaves it out unless it was asked for. */
    allow_redelegation: Type.Optional(Type.Boolean()),
    redelegation_count: Type.Optional(Type.Integer()),
    redelegated_trust_id: Type.Optional(Nullable(Type.String())),
    roles: Type.Array(Role),
    roles_links: CollectionLinks,
    links: ResourceLinks,
  },
  withExtra,
);
export type Trust = WithExtra<Static<typeof Trust>>;
export const TrustResponse = Envelope('trust', Trust);
export const TrustList = Collection('trusts', Trust);
