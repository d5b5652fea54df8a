import { Type, type Static } from 'typebox';

/**
 * `PUT`/`PATCH /v3/domains/{domain_id}/config[/{group}[/{option}]]` (keystone/api/domains.py): `{"config": {...}}`.
 * Which groups and options are allowed, and that each group is a non-empty object, is checked by the server with
 * Keystone's 403 messages; an absent config is "No options specified" there too.
 */
export const DomainConfigBody = Type.Object(
  { config: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
  { additionalProperties: true },
);
export type DomainConfigBody = Static<typeof DomainConfigBody>;
