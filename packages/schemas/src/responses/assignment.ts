import { type Static, Type } from 'typebox';
import {
  Collection,
  Envelope,
  SelfLinks,
  Nullable,
  ResourceLinks,
  closed,
  type WithExtra,
  withExtra,
} from './links.ts';

/** Roles, implied roles and role assignments (keystone/api/roles.py, role_inferences.py, role_assignments.py). */

export const RoleOptions = Type.Object({ immutable: Type.Optional(Type.Boolean()) }, closed);

/** A role; global when `domain_id` is null; `description` is null when unset. */
export const Role = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    domain_id: Nullable(Type.String()),
    description: Nullable(Type.String()),
    options: RoleOptions,
    links: ResourceLinks,
  },
  withExtra,
);
export type Role = WithExtra<Static<typeof Role>>;
export const RoleResponse = Envelope('role', Role);
export const RoleList = Collection('roles', Role);

/** A role as an implication rule names it. */
export const RoleReference = Type.Object({ id: Type.String(), name: Type.String(), links: ResourceLinks }, closed);
export type RoleReference = Static<typeof RoleReference>;

/** GET/PUT /v3/roles/{prior}/implies/{implied}. */
export const ImpliedRoleResponse = Type.Object(
  { role_inference: Type.Object({ prior_role: RoleReference, implies: RoleReference }, closed), links: ResourceLinks },
  closed,
);
export type ImpliedRoleResponse = Static<typeof ImpliedRoleResponse>;

/** One prior role and every role it implies. */
export const RoleInference = Type.Object({ prior_role: RoleReference, implies: Type.Array(RoleReference) }, closed);
export type RoleInference = Static<typeof RoleInference>;

/** GET /v3/roles/{prior}/implies. */
export const RoleInferenceResponse = Type.Object({ role_inference: RoleInference, links: ResourceLinks }, closed);
/** GET /v3/role_inferences: no `links` at all, as Keystone answers it. */
export const RoleInferenceList = Type.Object({ role_inferences: Type.Array(RoleInference) }, closed);

const DomainReference = Type.Object({ id: Type.String(), name: Type.Optional(Type.String()) }, closed);
/** An actor, role or project of an assignment: its id, plus name and domain with `?include_names`. */
const NamedReference = Type.Object(
  { id: Type.String(), name: Type.Optional(Type.String()), domain: Type.Optional(DomainReference) },
  closed,
);

/** One row of GET /v3/role_assignments: exactly one of `user`/`group`, one scope. */
export const RoleAssignment = Type.Object(
  {
    role: NamedReference,
    user: Type.Optional(NamedReference),
    group: Type.Optional(NamedReference),
    scope: Type.Object(
      {
        project: Type.Optional(NamedReference),
        domain: Type.Optional(DomainReference),
        system: Type.Optional(Type.Object({ all: Type.Boolean() }, closed)),
        'OS-INHERIT:inherited_to': Type.Optional(Type.Literal('projects')),
      },
      closed,
    ),
    links: Type.Object(
      { assignment: Type.String(), membership: Type.Optional(Type.String()), prior_role: Type.Optional(Type.String()) },
      closed,
    ),
  },
  closed,
);
export type RoleAssignment = Static<typeof RoleAssignment>;
export const RoleAssignmentList = Collection('role_assignments', RoleAssignment);

/** GET /v3/auth/system: `[{all: true}]` when the caller has a role on the system, else `[]`. */
export const AuthSystemResponse = Type.Object(
  { system: Type.Array(Type.Object({ all: Type.Boolean() }, closed)), links: SelfLinks },
  closed,
);
