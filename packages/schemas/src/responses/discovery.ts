import { type Static, Type } from 'typebox';
import { closed } from './links.ts';

/** Version discovery (keystone/api/discovery.py): GET /v3 answers one version, GET / (300) all of them. */
export const Version = Type.Object(
  {
    id: Type.String(),
    status: Type.String(),
    updated: Type.String(),
    links: Type.Array(Type.Object({ rel: Type.String(), href: Type.String() }, closed)),
    'media-types': Type.Array(Type.Object({ base: Type.String(), type: Type.String() }, closed)),
  },
  closed,
);
export type Version = Static<typeof Version>;
export const VersionResponse = Type.Object({ version: Version }, closed);
export const VersionList = Type.Object({ versions: Type.Object({ values: Type.Array(Version) }, closed) }, closed);
