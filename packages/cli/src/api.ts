/**
 * The identity calls the commands make, through the SDK: its typed collections (CRUD, `links.next` pagination),
 * `paginate` for nested collections, and the Session (auth, re-auth on expiry/401, endpoint lookup, errors with
 * stable codes). Entities are the wire objects, so show commands print exactly the fields the server returned, as
 * openstackclient does.
 */
import type { IdentityClient, QueryValue } from '@xloud/sdk';
import { CommandError } from './command.ts';
import type { Context } from './context.ts';
import { sdk } from './sdk.ts';

// biome-ignore lint/suspicious/noExplicitAny: a Keystone JSON body, read field by field by commands that know its shape
export type Rec = Record<string, any>;
type Query = Record<string, QueryValue>;

/** The collections commands address by name. */
export type Collection =
  | 'domains'
  | 'projects'
  | 'users'
  | 'groups'
  | 'roles'
  | 'regions'
  | 'services'
  | 'endpoints'
  | 'credentials'
  | 'application_credentials'
  | 'trusts'
  | 'endpoint_groups'
  | 'policies';

interface Crud {
  list(filters?: Query): Promise<unknown[]>;
  get(id: string): Promise<unknown>;
  create(attrs: Rec): Promise<unknown>;
  update(id: string, attrs: Rec): Promise<unknown>;
  delete(id: string): Promise<void>;
}

/** Singular resource names as openstackclient's messages spell them. */
const RESOURCE: Record<Collection, string> = {
  domains: 'domain',
  projects: 'project',
  users: 'user',
  groups: 'group',
  roles: 'role',
  regions: 'region',
  services: 'service',
  endpoints: 'endpoint',
  credentials: 'credential',
  application_credentials: 'applicationcredential',
  trusts: 'trust',
  endpoint_groups: 'endpointgroup',
  policies: 'policy',
};

export class Api {
  constructor(private readonly ctx: Context) {}

  get identity(): IdentityClient {
    return this.ctx.identity();
  }

  private crud(coll: Collection): Crud {
    const id = this.identity;
    switch (coll) {
      case 'application_credentials': {
        const ac = id.applicationCredentials;
        return {
          list: (f) => ac.list(f),
          get: (x) => ac.get(x),
          // The command builds the body from its declared options, which require a name.
          create: (a) => ac.create(a as Parameters<typeof ac.create>[0]),
          update: () => Promise.reject(new CommandError('Application credentials cannot be modified.')),
          delete: (x) => ac.delete(x),
        };
      }
      case 'endpoint_groups':
        return id.endpointGroups as unknown as Crud;
      default: {
        const c = id[coll] as unknown as Crud;
        return c;
      }
    }
  }

  /** A raw request on the identity endpoint (for calls the typed resources do not cover). */
  async request<T = Rec>(
    path: string,
    options: { method?: string; query?: Query; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const res = await this.identity.session.request<T>(path, options);
    return res.body;
  }

  /** Lists a collection (every page); `basePath` lists a nested one instead, e.g. `/groups/{id}/users`. */
  async list(coll: Collection, query: Query = {}, basePath?: string): Promise<Rec[]> {
    if (basePath)
      return this.listPath(basePath, coll === 'application_credentials' ? 'application_credentials' : coll, query);
    return (await this.crud(coll).list(query)) as Rec[];
  }

  /** Lists any collection path whose body carries `key`, following `links.next`. */
  async listPath(path: string, key: string, query: Query = {}): Promise<Rec[]> {
    const out: Rec[] = [];
    for await (const item of sdk().paginate<Rec>(this.identity.session, path, key, query)) out.push(item);
    return out;
  }

  async get(coll: Collection, id: string): Promise<Rec> {
    return (await this.crud(coll).get(id)) as Rec;
  }

  async create(coll: Collection, attrs: Rec): Promise<Rec> {
    return (await this.crud(coll).create(attrs)) as Rec;
  }

  async update(coll: Collection, id: string, attrs: Rec): Promise<Rec> {
    return (await this.crud(coll).update(id, attrs)) as Rec;
  }

  async delete(coll: Collection, id: string): Promise<void> {
    await this.crud(coll).delete(id);
  }

  /**
   * openstackclient's `find_resource`: GET by id (any failure but a transport/auth one moves on), then list
   * filtered by name (and domain) expecting one match. Not found → `No <resource> with a name or ID of 'x' exists.`;
   * several → `More than one <resource> exists with the name 'x'.`
   */
  async find(coll: Collection, nameOrId: string, filters: Query = {}, resource = RESOURCE[coll]): Promise<Rec> {
    try {
      return await this.get(coll, nameOrId);
    } catch (e) {
      if (
        !sdk().isXloudError(e) ||
        ['ERR_CONNECTION', 'ERR_TIMEOUT', 'ERR_CONFIG', 'ERR_UNAUTHORIZED', 'ERR_SERVER'].includes(e.code)
      )
        throw e;
    }
    const matches = await this.list(coll, { ...filters, name: nameOrId });
    const exact = matches.filter((m) => m.name === nameOrId);
    if (exact.length === 1) return exact[0];
    if (exact.length === 0) throw new CommandError(`No ${resource} with a name or ID of '${nameOrId}' exists.`);
    throw new CommandError(`More than one ${resource} exists with the name '${nameOrId}'.`);
  }
}

export const isForbidden = (e: unknown): boolean => sdk().isXloudError(e) && e.code === 'ERR_FORBIDDEN';
