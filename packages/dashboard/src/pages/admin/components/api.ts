import type { Role } from '@xloud/sdk/browser';
import { identity } from '../../../api/identity.ts';
import type { ListPage } from './paging.ts';

/** The collections the server pages with limit/marker and filters by name. */
export type NamedCollection = 'users' | 'groups' | 'projects' | 'domains';

/** Query-string filters of a list call (undefined and empty values are left out). */
export type Query = Record<string, string | number | boolean | undefined>;
interface Pageable {
  page(filters: Query & { limit: number; marker?: string }): Promise<ListPage<{ id: string; name: string }>>;
}

function collection(kind: NamedCollection): Pageable {
  return identity[kind] as unknown as Pageable;
}

/** One page of a collection through the SDK (GET with limit and marker; the next marker from links.next). */
export async function fetchPage<T>(
  kind: NamedCollection,
  filters: Query,
  limit: number,
  marker?: string,
): Promise<ListPage<T>> {
  const clean: Query = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') clean[key] = value;
  return (await collection(kind).page({ ...clean, limit, ...(marker ? { marker } : {}) })) as unknown as ListPage<T>;
}

/**
 * The query filter for a name search: Keystone's `name__icontains` (part of a name, any case — what a person typing
 * into a search box means), answered in SQL by the server that serves this console.
 */
export function nameFilter(term: string): Query {
  const value = term.trim();
  return value ? { name__icontains: value } : {};
}

/** A Keystone id as the server generates them (32 hex digits), or a short id such as `default`. */
export function looksLikeId(term: string): boolean {
  return /^[0-9a-f]{32}$/i.test(term.trim());
}

/** A role inference rule: whoever holds `prior` also holds each of `implies`. */
export interface RoleInference {
  prior_role: { id: string; name: string };
  implies: Array<{ id: string; name: string }>;
}

/**
 * Implied roles (GET /v3/role_inferences, PUT/DELETE /v3/roles/{prior}/implies/{implied}), over the same SDK
 * session as every other call.
 */
export const impliedRoles = {
  async list(): Promise<RoleInference[]> {
    const response = await identity.session.request<{ role_inferences: RoleInference[] }>('/role_inferences');
    return response.body.role_inferences ?? [];
  },
  async add(priorId: string, impliedId: string): Promise<void> {
    await identity.session.request(`/roles/${encodeURIComponent(priorId)}/implies/${encodeURIComponent(impliedId)}`, {
      method: 'PUT',
    });
  },
  async remove(priorId: string, impliedId: string): Promise<void> {
    await identity.session.request(`/roles/${encodeURIComponent(priorId)}/implies/${encodeURIComponent(impliedId)}`, {
      method: 'DELETE',
    });
  },
};

/** Global roles, by name (the role list is small and not paged by the server). */
export async function listRoles(): Promise<Role[]> {
  const roles = await identity.roles.list();
  return [...roles].sort((a, b) => a.name.localeCompare(b.name));
}

/** Where a grant is made. */
export type GrantTarget = { kind: 'project' | 'domain'; id: string } | { kind: 'system' };

/** Grants or revokes a role with the SDK's grant API (PUT/DELETE /v3/{target}/{actor}/roles/{role}). */
export async function changeGrant(
  change: 'grant' | 'revoke',
  grant: { roleId: string; actor: { kind: 'user' | 'group'; id: string }; target: GrantTarget; inherited?: boolean },
): Promise<void> {
  const spec = {
    role: grant.roleId,
    resolve: false,
    ...(grant.actor.kind === 'user' ? { user: grant.actor.id } : { group: grant.actor.id }),
    ...(grant.target.kind === 'system'
      ? { system: 'all' as const }
      : grant.target.kind === 'project'
        ? { project: grant.target.id }
        : { domain: grant.target.id }),
    ...(grant.inherited ? { inherited: true } : {}),
  };
  if (change === 'grant') await identity.roles.grant(spec);
  else await identity.roles.revoke(spec);
}
