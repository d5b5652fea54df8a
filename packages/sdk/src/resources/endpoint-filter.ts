import type { Session } from '../session.ts';
import { Collection, paginate, type CallOptions } from './collection.ts';
import type { Endpoint, Links, Project } from './types.ts';

/**
 * An OS-EP-FILTER endpoint group: the endpoints whose attributes match `filters` (`service_id`, `region_id`,
 * `interface`).
 *
 * @example
 * ```ts
 * const g: EndpointGroup = await identity.endpointGroups.get(groupId);
 * console.log(g.name, g.filters.interface);
 * ```
 */
export interface EndpointGroup {
  id: string;
  name: string;
  description?: string | null;
  filters: Record<string, unknown>;
  links?: Links;
  [key: string]: unknown;
}

/**
 * The body of a new endpoint group.
 *
 * @example
 * ```ts
 * const body: EndpointGroupCreate = { name: 'public-only', filters: { interface: 'public' } };
 * ```
 */
export interface EndpointGroupCreate {
  name: string;
  filters: Record<string, unknown>;
  description?: string;
}

const GROUPS = '/OS-EP-FILTER/endpoint_groups';
const enc = encodeURIComponent;

async function collect<T>(session: Session, path: string, plural: string, options?: CallOptions): Promise<T[]> {
  const out: T[] = [];
  for await (const item of paginate<T>(session, path, plural, undefined, options)) out.push(item);
  return out;
}

/**
 * /v3/OS-EP-FILTER/endpoint_groups, and which projects an endpoint group is associated with. Filters: `name`.
 *
 * @example
 * ```ts
 * const g = await identity.endpointGroups.create({ name: 'public', filters: { interface: 'public' } });
 * await identity.endpointGroups.addProject(g.id, projectId);
 * ```
 */
export class EndpointGroups extends Collection<EndpointGroup, EndpointGroupCreate> {
  constructor(session: Session) {
    super(session, {
      path: GROUPS,
      key: 'endpoint_group',
      plural: 'endpoint_groups',
      nameFilter: true,
    });
  }

  /** The endpoints the group's filters select. */
  listEndpoints(groupId: string, options?: CallOptions): Promise<Endpoint[]> {
    return collect<Endpoint>(this.session, `${GROUPS}/${enc(groupId)}/endpoints`, 'endpoints', options);
  }

  /** The projects the group is associated with. */
  listProjects(groupId: string, options?: CallOptions): Promise<Project[]> {
    return collect<Project>(this.session, `${GROUPS}/${enc(groupId)}/projects`, 'projects', options);
  }

  /** The endpoint groups associated with a project. */
  listForProject(projectId: string, options?: CallOptions): Promise<EndpointGroup[]> {
    return collect<EndpointGroup>(
      this.session,
      `/OS-EP-FILTER/projects/${enc(projectId)}/endpoint_groups`,
      'endpoint_groups',
      options,
    );
  }

  async addProject(groupId: string, projectId: string, options?: CallOptions): Promise<void> {
    await this.session.request(`${GROUPS}/${enc(groupId)}/projects/${enc(projectId)}`, {
      method: 'PUT',
      signal: options?.signal,
    });
  }

  async removeProject(groupId: string, projectId: string, options?: CallOptions): Promise<void> {
    await this.session.request(`${GROUPS}/${enc(groupId)}/projects/${enc(projectId)}`, {
      method: 'DELETE',
      signal: options?.signal,
    });
  }
}

/**
 * OS-EP-FILTER's direct endpoint ↔ project associations (/v3/OS-EP-FILTER/projects/{project}/endpoints/{endpoint}).
 *
 * @example
 * ```ts
 * await identity.endpointFilter.addEndpointToProject(endpointId, projectId);
 * const eps = await identity.endpointFilter.listEndpointsForProject(projectId);
 * ```
 */
export class EndpointProjectAssociations {
  constructor(private readonly session: Session) {}

  async addEndpointToProject(endpointId: string, projectId: string, options?: CallOptions): Promise<void> {
    await this.session.request(`/OS-EP-FILTER/projects/${enc(projectId)}/endpoints/${enc(endpointId)}`, {
      method: 'PUT',
      signal: options?.signal,
    });
  }

  async removeEndpointFromProject(endpointId: string, projectId: string, options?: CallOptions): Promise<void> {
    await this.session.request(`/OS-EP-FILTER/projects/${enc(projectId)}/endpoints/${enc(endpointId)}`, {
      method: 'DELETE',
      signal: options?.signal,
    });
  }

  /** The endpoints associated with a project (directly or through its endpoint groups). */
  listEndpointsForProject(projectId: string, options?: CallOptions): Promise<Endpoint[]> {
    return collect<Endpoint>(this.session, `/OS-EP-FILTER/projects/${enc(projectId)}/endpoints`, 'endpoints', options);
  }

  /** The projects an endpoint is associated with. */
  listProjectsForEndpoint(endpointId: string, options?: CallOptions): Promise<Project[]> {
    return collect<Project>(this.session, `/OS-EP-FILTER/endpoints/${enc(endpointId)}/projects`, 'projects', options);
  }
}
