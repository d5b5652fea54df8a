import { Type, type Static } from 'typebox';
import { Description, Enabled, IdString, NullableId, Options, Tags } from './common.ts';

/** Domains and projects accept extra attributes, which Keystone stores and echoes back. */
const open = { additionalProperties: true };
const DomainName = Type.String({ minLength: 1, maxLength: 64, pattern: '[\\S]+' });

export const DomainCreate = Type.Object({
  domain: Type.Object(
    {
      id: Type.Optional(IdString),
      name: DomainName,
      description: Type.Optional(Description),
      enabled: Type.Optional(Enabled),
      tags: Type.Optional(Tags),
      options: Type.Optional(Options),
    },
    open,
  ),
});
export type DomainCreate = Static<typeof DomainCreate>;

export const DomainUpdate = Type.Object({
  domain: Type.Object(
    {
      name: Type.Optional(DomainName),
      description: Type.Optional(Description),
      enabled: Type.Optional(Enabled),
      tags: Type.Optional(Tags),
      options: Type.Optional(Options),
    },
    { ...open, minProperties: 1 },
  ),
});
export type DomainUpdate = Static<typeof DomainUpdate>;

const ProjectName = Type.String({ minLength: 1, maxLength: 64, pattern: '[\\S]+' });

export const ProjectCreate = Type.Object({
  project: Type.Object(
    {
      name: ProjectName,
      description: Type.Optional(Description),
      domain_id: Type.Optional(NullableId),
      enabled: Type.Optional(Enabled),
      is_domain: Type.Optional(Type.Boolean()),
      parent_id: Type.Optional(NullableId),
      tags: Type.Optional(Tags),
      options: Type.Optional(Options),
    },
    open,
  ),
});
export type ProjectCreate = Static<typeof ProjectCreate>;

export const ProjectUpdate = Type.Object({
  project: Type.Object(
    {
      name: Type.Optional(ProjectName),
      description: Type.Optional(Description),
      domain_id: Type.Optional(NullableId),
      enabled: Type.Optional(Enabled),
      is_domain: Type.Optional(Type.Boolean()),
      parent_id: Type.Optional(NullableId),
      tags: Type.Optional(Tags),
      options: Type.Optional(Options),
    },
    { ...open, minProperties: 1 },
  ),
});
export type ProjectUpdate = Static<typeof ProjectUpdate>;

export const ProjectTagsUpdate = Type.Object({ tags: Tags });
export type ProjectTagsUpdate = Static<typeof ProjectTagsUpdate>;
