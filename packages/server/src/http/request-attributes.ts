import type { TObject } from 'typebox';
import { type CamelCase, type CamelCaseKeys, camelCase } from '../wire-case.ts';

/**
 * Splits a request body by its schema: the attributes the schema models, camelCased as the service takes them, and
 * the rest, which Keystone keeps verbatim as "extra" attributes. `id` and `links` are never the client's to set;
 * `ignored` names modelled attributes the service does not take (accepted on the wire, stored nowhere).
 * So an attribute added to the schema reaches the service with no line in the route.
 */
export function requestAttributes<B extends object, I extends string = never>(
  body: B,
  schema: TObject,
  ignored: readonly I[] = [],
): [Omit<CamelCaseKeys<B>, 'id' | CamelCase<I>>, Record<string, unknown>] {
  const attributes: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === 'id' || name === 'links' || (ignored as readonly string[]).includes(name)) continue;
    if (name in schema.properties) attributes[camelCase(name)] = value;
    else extra[name] = value;
  }
  return [attributes as Omit<CamelCaseKeys<B>, 'id' | CamelCase<I>>, extra];
}
