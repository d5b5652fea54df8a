/**
 * Name-or-ID lookups as openstackclient's `identity/common.py` does them: domains, projects, users and groups fall
 * back to `{id: x, name: x}` when the caller may not look them up (403), roles and services have their own rules, and
 * names found in the caller's own token are used without asking the server.
 */
import { type Api, isForbidden, type Rec } from './api.ts';
import { CommandError } from './command.ts';
import type { Context } from './context.ts';

type Identity = 'domains' | 'projects' | 'users' | 'groups';

async function findIdentity(api: Api, coll: Identity, nameOrId: string, domainId?: string): Promise<Rec> {
  try {
    return await api.find(coll, nameOrId, domainId ? { domain_id: domainId } : {});
  } catch (e) {
    if (isForbidden(e)) return { id: nameOrId, name: nameOrId };
    throw e;
  }
}

export async function findDomain(api: Api, nameOrId: string): Promise<Rec> {
  return findIdentity(api, 'domains', nameOrId);
}

async function domainIdOf(api: Api, domain?: string): Promise<string | undefined> {
  return domain ? (await findDomain(api, domain)).id : undefined;
}

export async function findProject(api: Api, nameOrId: string, domain?: string): Promise<Rec> {
  return findIdentity(api, 'projects', nameOrId, await domainIdOf(api, domain));
}

export async function findUser(api: Api, nameOrId: string, domain?: string): Promise<Rec> {
  return findIdentity(api, 'users', nameOrId, await domainIdOf(api, domain));
}

export async function findGroup(api: Api, nameOrId: string, domain?: string): Promise<Rec> {
  return findIdentity(api, 'groups', nameOrId, await domainIdOf(api, domain));
}

export async function findRole(api: Api, nameOrId: string, domain?: string): Promise<Rec> {
  const domainId = await domainIdOf(api, domain);
  return api.find('roles', nameOrId, domainId ? { domain_id: domainId } : {});
}

/** A service by ID, then name, then type (openstackclient's `find_service`). */
export async function findService(api: Api, nameTypeOrId: string): Promise<Rec> {
  try {
    return await api.get('services', nameTypeOrId);
  } catch (e) {
    if (!(e as { code?: string }).code || (e as { code?: string }).code !== 'ERR_NOT_FOUND') throw e;
  }
  for (const filter of ['name', 'type'] as const) {
    const all = await api.list('services', { [filter]: nameTypeOrId });
    const matches = all.filter((s) => s[filter] === nameTypeOrId);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1)
      throw new CommandError(`Multiple service matches found for '${nameTypeOrId}', use an ID to be more specific.`);
  }
  throw new CommandError(`No service with a type, name or ID of '${nameTypeOrId}' exists.`);
}

/** An object looked up by ID only (regions, endpoints, credentials). */
export async function findById(api: Api, coll: 'regions' | 'endpoints' | 'credentials', id: string): Promise<Rec> {
  try {
    return await api.get(coll, id);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_NOT_FOUND') {
      throw new CommandError(`No ${coll.slice(0, -1)} with a name or ID of '${id}' exists.`);
    }
    throw e;
  }
}

/**
 * openstackclient's `_get_token_resource`: if the caller's token names this project/user/domain (or role), its ID
 * from the token — so non-admin users can use names they may not list.
 */
export async function tokenResource(
  ctx: Context,
  resource: 'project' | 'user' | 'domain' | 'roles',
  name: string,
  domain?: string,
): Promise<string> {
  try {
    const token = (await ctx.access()).data as Rec;
    const obj = resource === 'domain' ? token.project?.domain : token[resource];
    if (!obj) return name;
    if (domain && !Object.values(obj.domain ?? {}).includes(domain)) return name;
    if (Array.isArray(obj)) {
      for (const item of obj) {
        if (item.name === name) return item.id;
        if (item.id === name) return name;
      }
      return name;
    }
    return obj.name === name ? obj.id : name;
  } catch {
    return name;
  }
}
