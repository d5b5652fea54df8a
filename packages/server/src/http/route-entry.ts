import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  HTTPMethods,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
} from 'fastify';
import type { TSchema } from 'typebox';
import type { ResponseSchemaName } from '@xloud/identity-schemas';
import type { RouteKit } from './route-kit.ts';

/** What a route validates before its handler runs; the handler's request is typed from it. */
export interface RouteSchemas extends FastifySchema {
  body?: TSchema;
  querystring?: TSchema;
  params?: TSchema;
}

/**
 * The body a route answers with on success: the name of its schema in @xloud/identity-schemas' `ResponseSchemas`,
 * or `none` when a success carries no body (204, HEAD, a 201 with only a Location, or a route that never succeeds).
 * Declared, not handed to Fastify as `schema.response`: Fastify would then serialize through it and silently drop
 * whatever the schema does not name, where the API suite should instead fail (test/api/response-schema-check.ts).
 * Measured for the lists (fast-json-stringify 7, 100-item pages): it writes a resource's declared attributes first
 * and its extra attributes after them, where Keystone (and the renderers here) put the extra ones first, so the
 * bytes of any resource carrying extra attributes would change; and it saves ~0.03–0.14 ms per page, a few per cent
 * of a list request. Not worth Keystone's key order.
 */
export type RouteResponse = ResponseSchemaName | 'none';

/**
 * The policy rule names a handler enforces: one name, or named alternatives it chooses between at run time
 * (e.g. `{ global: 'identity:get_role', domain: 'identity:get_domain_role' }`).
 */
type PolicyNames = string | Readonly<Record<string, string>>;

/** A request whose body, query and params have the types of the route's TypeBox schemas. */
export type TypedRequest<S extends RouteSchemas> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  S,
  TypeBoxTypeProvider
>;

/** A route's handler: it receives the kit and the policy name(s) its route entry declares, so it never repeats them. */
export type RouteHandler<S extends RouteSchemas = RouteSchemas, P extends PolicyNames | undefined = string> = (
  request: TypedRequest<S>,
  reply: FastifyReply,
  kit: RouteKit,
  policy: P,
) => Promise<unknown>;

/** Why a route enforces no policy rule of its own. */
interface Unprotected {
  /** `public`: no token needed; `authenticated-only`: any valid token, no rule. */
  access: 'public' | 'authenticated-only';
  reason: string;
}

/** One row of the route table, its generics erased so rows of different shapes share one array. */
export interface RouteEntry {
  method: HTTPMethods;
  /** Relative to /v3 (and /identity/v3). */
  path: string;
  /** The rule names the handler enforces, as a list (docs and the coverage test read this). */
  policies: readonly string[];
  /** As declared: one name, or the named alternatives (the docs say which applies when). */
  policy?: PolicyNames;
  unprotected?: Unprotected;
  schema: RouteSchemas;
  response: RouteResponse;
  /** The body reaches the handler as text, whatever its media type, instead of through the JSON parser. */
  rawBody?: boolean;
  run(request: FastifyRequest, reply: FastifyReply, kit: RouteKit): Promise<unknown>;
}

interface Declared<S extends RouteSchemas> {
  method: HTTPMethods;
  path: string;
  schema?: S;
  response: RouteResponse;
  rawBody?: boolean;
}

/** A route guarded by the policy rule(s) `policy` names; the handler gets them back to enforce. */
export function route<S extends RouteSchemas, P extends PolicyNames>(
  entry: Declared<S> & { policy: P; handler: RouteHandler<S, P> },
): RouteEntry {
  const { handler, policy } = entry;
  return {
    method: entry.method,
    path: entry.path,
    policies: typeof policy === 'string' ? [policy] : Object.values(policy),
    policy,
    schema: entry.schema ?? {},
    response: entry.response,
    // Fastify validated the request against `schema` before this runs, which is what the typed request assumes.
    run: (request, reply, kit) => handler(request as TypedRequest<S>, reply, kit, policy),
  };
}

/** A route with no policy rule: public (no token) or any valid token; `reason` says why. */
export function unprotectedRoute<S extends RouteSchemas>(
  entry: Declared<S> & Unprotected & { handler: RouteHandler<S, undefined> },
): RouteEntry {
  const { handler } = entry;
  return {
    method: entry.method,
    path: entry.path,
    policies: [],
    unprotected: { access: entry.access, reason: entry.reason },
    schema: entry.schema ?? {},
    response: entry.response,
    ...(entry.rawBody ? { rawBody: true } : {}),
    run: (request, reply, kit) => handler(request as TypedRequest<S>, reply, kit, undefined),
  };
}
