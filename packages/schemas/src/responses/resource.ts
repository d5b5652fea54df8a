import { type Static, Type } from 'typebox';
import { Collection, Envelope, SelfLinks, Nullable, ResourceLinks, type WithExtra, withExtra } from './links.ts';

/** Domains and projects (keystone/api/domains.py, projects.py; api-ref "Domains", "Projects"). */

export const Domain = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    /** '' when never set here; Keystone may answer null. */
    description: Nullable(Type.String()),
    enabled: Type.Boolean(),
    tags: Type.Array(Type.String()),
    options: Type.Record(Type.String(), Type.Unknown()),
    links: ResourceLinks,
  },
  withExtra,
);
export type Domain = WithExtra<Static<typeof Domain>>;
export const DomainResponse = Envelope('domain', Domain);
export const DomainList = Collection('domains', Domain);

/** `?parents_as_ids` / `?subtree_as_ids`: nested `{id: {…} | null}` maps; `null` when there is nothing above/below. */
const IdTree = Nullable(Type.Record(Type.String(), Type.Unknown()));
/** `?parents_as_list` / `?subtree_as_list`: `[{project: {…}}]`. */
const ProjectRefList = Type.Array(Type.Object({ project: Type.Record(Type.String(), Type.Unknown()) }));

export const Project = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    /** null for a project acting as a domain. */
    domain_id: Nullable(Type.String()),
    /** '' when never set here; Keystone may answer null. */
    description: Nullable(Type.String()),
    enabled: Type.Boolean(),
    parent_id: Nullable(Type.String()),
    is_domain: Type.Boolean(),
    tags: Type.Array(Type.String()),
    options: Type.Record(Type.String(), Type.Unknown()),
    links: ResourceLinks,
    parents: Type.Optional(Type.Union([IdTree, ProjectRefList])),
    subtree: Type.Optional(Type.Union([IdTree, ProjectRefList])),
  },
  withExtra,
);
export type Project = WithExtra<Static<typeof Project>>;
export const ProjectResponse = Envelope('project', Project);
export const ProjectList = Collection('projects', Project);

export const ProjectTags = Type.Object(
  { tags: Type.Array(Type.String()), links: SelfLinks },
  { additionalProperties: false },
);
export type ProjectTags = Static<typeof ProjectTags>;
