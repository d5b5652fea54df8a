import type { Services } from '../../container.ts';
import type { RouteHandler, RouteSchemas, TypedRequest } from '../route-entry.ts';
import { noContent, type RouteKit } from '../route-kit.ts';

/*
 * The two shapes most one-resource routes share: "enforce, load by the URL's ids, render" and "enforce, act,
 * 204". The services answer 404 for an unknown id, so neither shape checks for one.
 */

type Params<S extends RouteSchemas> = TypedRequest<S>['params'];
/** One rule name, or named alternatives (route-entry.ts). */
type Policies = string | Readonly<Record<string, string>>;

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
  render: (record: R, v3: string) => unknown,
): RouteHandler<S, P> {
  return async (request, _reply, kit, policy) => ({
    [key]: render(await load(kit, request, policy), kit.v3Url(request)),
  });
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
