/**
 * Checks every successful JSON answer of the API suite against the response schema its route-table row declares
 * (src/http/route-table.ts, the `response` slot), so a renderer cannot drift from the wire format
 * @xloud/identity-schemas publishes (and the SDK's types are derived from).
 * On by default for the in-process server; `XLOUD_TEST_RESPONSE_SCHEMAS=0` turns it off (e.g. against an external
 * target whose answers are not ours to fix).
 */
import { ResponseSchemas, type ResponseSchemaName } from '@xloud/identity-schemas';
import { Value } from 'typebox/value';
import type { RouteResponse } from '../../src/http/route-entry.ts';
import { v3RouteTable } from '../../src/http/route-table.ts';
import { isExternalTarget } from '../helpers/target.ts';

/** Version discovery answers at the v3 root itself (http/discovery.ts), outside the route table. */
const VERSION_ROOT: ResponseSchemaName = 'VersionResponse';

/** Literal segments win over parameters, as in Fastify's router, so `/domains/config/default` is never `/domains/:id/…`. */
const specificity = (path: string) =>
  path
    .split('/')
    .map((s) => (s.startsWith(':') ? '0' : '1'))
    .join('');

/** The route table's rows as matchers, most specific first; each carries its declared success body. */
const ROUTES = v3RouteTable
  .map((entry) => ({
    entry,
    pattern: new RegExp(`^${entry.path.replace(/:[A-Za-z_]+/g, '[^/]+')}$`),
    specificity: specificity(entry.path),
  }))
  .sort((a, b) => (a.specificity < b.specificity ? 1 : a.specificity > b.specificity ? -1 : 0));

export const responseSchemaCheckEnabled = (): boolean =>
  process.env.XLOUD_TEST_RESPONSE_SCHEMAS !== undefined
    ? process.env.XLOUD_TEST_RESPONSE_SCHEMAS !== '0'
    : !isExternalTarget();

/** The v3 path of a request URL, or undefined for paths outside the v3 API (discovery at `/`, the console). */
function v3Path(url: string): string | undefined {
  const { pathname } = new URL(url);
  const match = /^(?:\/identity)?\/v3(\/.*)?$/.exec(pathname);
  if (!match) return undefined;
  return (match[1] ?? '').replace(/\/$/, '');
}

/** What the route table declares for a v3 path: a schema name, `none`, or undefined when no row matches. */
function declaredResponse(method: string, path: string): RouteResponse | undefined {
  if (path === '') return VERSION_ROOT;
  return ROUTES.find((r) => r.entry.method === method && r.pattern.test(path))?.entry.response;
}

/**
 * Throws, naming the route, the schema and every schema error, when a 2xx JSON body of a v3 route does not match.
 * A 2xx JSON body from a v3 route the table does not list, or whose row declares no body, is an error too: the
 * route table must describe every answer.
 */
export function assertResponseMatchesSchema(
  method: string,
  url: string,
  status: number,
  contentType: string | null,
  body: unknown,
): void {
  if (
    status < 200 ||
    status > 299 ||
    body === undefined ||
    (contentType ?? '').split(';')[0]?.trim() !== 'application/json'
  )
    return;
  const path = v3Path(url);
  if (path === undefined) return;
  const name = declaredResponse(method, path);
  if (name === undefined)
    throw new Error(`${method} ${url}: ${status} with a JSON body, but no route-table row matches this request`);
  if (name === 'none')
    throw new Error(
      `${method} ${url}: ${status} with a JSON body, but its route-table row declares \`response: 'none'\``,
    );
  const schema = ResponseSchemas[name];
  if (Value.Check(schema, body)) return;
  const errors = Value.Errors(schema, body)
    .slice(0, 10)
    .map(
      (e) =>
        `  ${e.instancePath || '/'}: ${e.message}${e.keyword === 'additionalProperties' ? ` (${JSON.stringify(e.params)})` : ''}`,
    );
  throw new Error(
    `${method} ${url}: the ${status} body does not match ${name}:\n${errors.join('\n')}\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
  );
}
