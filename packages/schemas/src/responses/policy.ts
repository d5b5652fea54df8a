import { type Static, Type } from 'typebox';
import { Collection, Envelope, ResourceLinks, type WithExtra, withExtra } from './links.ts';

/** A stored policy blob (keystone/api/policy.py): `type` is its media type. */
export const Policy = Type.Object(
  { id: Type.String(), blob: Type.String(), type: Type.String(), links: ResourceLinks },
  withExtra,
);
export type Policy = WithExtra<Static<typeof Policy>>;
export const PolicyResponse = Envelope('policy', Policy);
export const PolicyList = Collection('policies', Policy);
