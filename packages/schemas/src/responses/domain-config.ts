import { type Static, Type } from 'typebox';
import { closed } from './links.ts';

/**
 * Domain-specific configuration (keystone/api/domains.py): `{config: {group: {option: value}}}` for a whole
 * configuration, `{config: {option: value}}` for one group, `{config: {option: value}}` for one option.
 */
export const DomainConfigResponse = Type.Object({ config: Type.Record(Type.String(), Type.Unknown()) }, closed);
export type DomainConfigResponse = Static<typeof DomainConfigResponse>;
