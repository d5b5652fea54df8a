import type { Services } from '../../container.ts';
import type { RouteHandler, RouteSchemas, TypedRequest } from '../route-entry.ts';
import { created, noContent, type RouteKit } from '../route-kit.ts';

/*
 * The shapes most one-resource routes share: "enforce, then read, create or update, and render under the
 * resource's key" and "enforce, act, 204". The services answer 404 for an unknown id, so no shape checks for one.
 */

type Params<S extends RouteSchemas> = TypedRequest<S>['params'];
/** One rule name, or named alternatives (route-entry.ts). */
type Policies = string | Readonly<Record<string, string>>;
type Render<R> = (record: R, v3: string) => unknown;
/** What a route does once its rule let the request through: reads or writes the resource. */
type Step<S extends RouteSchemas, R> = (services: Services, request: TypedRequest<S>) => Promise<R>;

/** Enforces the route's rule(s), possibly against a target read first; returns what it read, if anything. */
type Guard<S extends RouteSchemas, P, R> = (kit: RouteKit, request: TypedRequest<S>, policy: P) => Promise<R>;

/** The route's rule with no target beyond the URL's parameters (which enforce adds itself). */
const ruleOnly = (kit: RouteKit, request: TypedRequest<RouteSchemas>, policy: string) => kit.enforce(request, policy);

/** A guard that enforces the route's rule with no target, then reads the resource the URL names. */
export function enforceThenRead<S extends RouteSchemas, R>(
  read: (services: Services, params: Params<S>) => Promise<R>,
): Guard<S, string, R> {
  return async (kit, request, policy) => {
    await kit.enforce(request, policy);
    return read(kit.services, request.params);
  };
}

/** GET of one resource: `load` enforces and reads it, and it is answered rendered under `key`. */
export function showOne<S extends RouteSchemas, R, P extends Policies = string>(
  key: string,
  load: Guard<NoInfer<S>, P, R>,
  render: Render<R>,
): RouteHandler<S, P> {
  return async (request, _reply, kit, policy) => ({
    [key]: render(await load(kit, request, policy), kit.v3Url(request)),
  });
}

/** POST creating one resource under the route's rule (no target): 201 with what `create` made, under `key`. */
export function createOne<S extends RouteSchemas, R>(
  key: string,
  create: Step<S, R>,
  render: Render<R>,
): RouteHandler<S> {
  return async (request, reply, kit, policy) => {
    await kit.enforce(request, policy);
    const record = await create(kit.services, request);
    return created(reply, { [key]: render(record, kit.v3Url(request)) });
  };
}

/** PATCH of one resource: `guard` enforces (by default the route's rule, no target), then `update`; 200 with the result. */
export function updateOne<S extends RouteSchemas, R>(
  key: string,
  update: Step<S, R>,
  render: Render<R>,
): RouteHandler<S>;
export function updateOne<S extends RouteSchemas, R, P extends Policies>(
  key: string,
  update: Step<S, R>,
  render: Render<R>,
  guard: Guard<NoInfer<S>, P, unknown>,
): RouteHandler<S, P>;
export function updateOne<S extends RouteSchemas, R, P extends Policies>(
  key: string,
  update: Step<S, R>,
  render: Render<R>,
  guard: Guard<S, P, unknown> = ruleOnly as Guard<S, P, unknown>,
): RouteHandler<S, P> {
  return async (request, _reply, kit, policy) => {
    await guard(kit, request, policy);
    return { [key]: render(await update(kit.services, request), kit.v3Url(request)) };
  };
}

/**
 * A route answered with 204 once `act` has run (delete, add, a membership check): `guard` enforces first, by
 * default the route's rule with no target.
 */
export function noContentAfter<S extends RouteSchemas>(
  act: (services: Services, params: Params<S>) => Promise<unknown>,
): RouteHandler<S>;
export function noContentAfter<S extends RouteSchemas, P extends Policies>(
  act: (services: Services, params: Params<S>) => Promise<unknown>,
  guard: Guard<NoInfer<S>, P, unknown>,
): RouteHandler<S, P>;
export function noContentAfter<S extends RouteSchemas, P extends Policies>(
  act: (services: Services, params: Params<S>) => Promise<unknown>,
  guard: Guard<S, P, unknown> = ruleOnly as Guard<S, P, unknown>,
): RouteHandler<S, P> {
  return async (request, reply, kit, policy) => {
    await guard(kit, request, policy);
    await act(kit.services, request.params);
    return noContent(reply);
  };
}
