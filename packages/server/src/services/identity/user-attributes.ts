import { UserClientAttributes } from '@xloud/identity-schemas';
import { camelCase } from '../../wire-case.ts';
import type { UserAttributes } from './identity-driver.ts';

/**
 * Every attribute a client sets on a user, unset (null): what a user record has before a request's own values. From
 * the schema's table, so a record built here needs no line when an attribute is added.
 */
export const unsetUserAttributes = (): UserAttributes =>
  Object.fromEntries(Object.keys(UserClientAttributes).map((name) => [camelCase(name), null])) as UserAttributes;
