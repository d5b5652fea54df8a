import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../../cache/bounded-cache.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import type { Project, ResourceService } from '../resource/resource-service.ts';
import type { ServiceContext } from '../service-context.ts';
import type { EndpointRecord } from './catalog-driver.ts';
import type { CatalogService } from './catalog-service.ts';
import type { EndpointGroupRecord } from './endpoint-filter-driver.ts';

/** Projects whose endpoint filter is kept in memory (one small set each). */
const PROJECTS_CACHED = 10_000;

/** The endpoint attributes an endpoint group may filter on (keystone/api/os_ep_filter.py). */
const ENDPOINT_GROUP_FILTER_KEYS = ['service_id', 'region_id', 'interface'] as const;

/** Attributes an endpoint group has; Keystone's model refuses any other (a 400 naming it). */
const ENDPOINT_GROUP_ATTRIBUTES = ['id', 'name', 'description', 'filters'];

export interface EndpointGroupInput {
  name: string;
  description?: string | null;
  filters: Record<string, unknown>;
  /** Names of any other attributes the request carried; Keystone refuses them once the rest is checked. */
  unmodelled?: string[];
}

const endpointNotInProject = (endpointId: string, projectId: string) =>
  new NotFoundError(`Endpoint ${endpointId} not found in project ${projectId}`);
const groupNotInProject = () => new NotFoundError('Endpoint Group Project Association not found');

function assertValidFilters(filters: Record<string, unknown>): void {
  for (const key of Object.keys(filters)) {
    if (!(ENDPOINT_GROUP_FILTER_KEYS as readonly string[]).includes(key)) {
      throw new ValidationError(
        `Expecting to find ${ENDPOINT_GROUP_FILTER_KEYS.join(' or ')} in endpoint_group. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`,
      );
    }
  }
}

/** The attributes of a request body an endpoint group does not have. */
export const unmodelledEndpointGroupAttributes = (body: Record<string, unknown>): string[] =>
  Object.keys(body).filter((key) => !ENDPOINT_GROUP_ATTRIBUTES.includes(key));

/** Keystone builds its model from the request dict, so an attribute it does not model fails there, with this. */
function assertModelled(unmodelled: string[] | undefined): void {
  if (unmodelled?.length)
    throw new ValidationError(`'${unmodelled[0]}' is an invalid keyword argument for EndpointGroup`);
}

/** Keystone's endpoint-group match: every filter equals the endpoint's attribute. */
function matches(endpoint: EndpointRecord, filters: Record<string, unknown>): boolean {
  const attributes: Record<string, unknown> = {
    service_id: endpoint.serviceId,
    region_id: endpoint.regionId,
    interface: endpoint.interface,
  };
  return Object.entries(filters).every(([key, value]) => attributes[key] === value);
}

/**
 * OS-EP-FILTER (Keystone's catalog manager, endpoint-filter part): endpoints and endpoint groups associated with
 * projects. As Keystone's sql catalog driver, a project-scoped token's catalog shows only the project's associated
 * endpoints (direct or through endpoint groups) once it has any (visibleEndpointIds); so every change here drops
 * this node's per-project filters and the token cache, and tells the other nodes.
 */
export class EndpointFilterService {
  /**
   * Per project: the endpoint ids its token catalog may show, or null when nothing is associated (show all).
   * Kept as long as the catalog itself ([catalog] cache_time), for the most recently used projects.
   */
  private readonly visible: LRUCache<string, Promise<Set<string> | null>> | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly catalog: CatalogService,
    private readonly resource: ResourceService,
  ) {
    this.visible = boundedCache({ max: PROJECTS_CACHED, ttlSeconds: catalog.cacheSeconds, clock: ctx.clock });
  }

  private get driver() {
    return this.ctx.store.endpointFilter;
  }

  private changed(): void {
    this.forgetCached();
    // Validated tokens stay (the catalog is rendered apart from them); other nodes learn of it as of any change.
    this.ctx.catalogChanged();
  }

  /** Drops the cached per-project filters (associations, groups or endpoints changed, here or on another node). */
  forgetCached(): void {
    this.visible?.clear();
  }

  /**
   * What Keystone's sql catalog driver does for a project-scoped token: once a project has endpoint
   * associations (direct or through endpoint groups), its catalog shows only those endpoints.
   */
  visibleEndpointIds(projectId: string): Promise<Set<string> | null> {
    const cached = this.visible?.get(projectId);
    if (cached) return cached;
    const found = (async () => {
      const direct = await this.driver.listEndpointIdsForProject(projectId);
      const groups = await this.driver.listEndpointGroupIdsForProject(projectId);
      if (direct.length === 0 && groups.length === 0) return null;
      return new Set((await this.endpointsForProject(projectId)).map((e) => e.id));
    })();
    this.visible?.set(projectId, found);
    // A failed read is not kept (only if it is still the entry: a change may have replaced it meanwhile).
    found.catch(() => {
      if (this.visible?.peek(projectId) === found) this.visible.delete(projectId);
    });
    return found;
  }

  // ---- endpoint groups

  async getEndpointGroup(id: string): Promise<EndpointGroupRecord> {
    const group = await this.driver.getEndpointGroup(id);
    if (!group) throw new NotFoundError(`Could not find Endpoint Group: ${id}.`);
    return group;
  }

  listEndpointGroups(filter: { name?: string }): Promise<EndpointGroupRecord[]> {
    return this.driver.listEndpointGroups(filter);
  }

  async createEndpointGroup(input: EndpointGroupInput): Promise<EndpointGroupRecord> {
    if (Object.keys(input.filters).length === 0)
      throw new ValidationError('filters field is required and cannot be empty');
    assertValidFilters(input.filters);
    assertModelled(input.unmodelled);
    const group: EndpointGroupRecord = {
      id: newId(),
      name: input.name,
      description: input.description ?? null,
      filters: input.filters,
    };
    await this.driver.createEndpointGroup(group);
    this.changed();
    return group;
  }

  /** Unlike creation, Keystone lets an update empty the filters (the group then matches every endpoint). */
  async updateEndpointGroup(id: string, patch: Partial<EndpointGroupInput>): Promise<EndpointGroupRecord> {
    if (patch.filters !== undefined) assertValidFilters(patch.filters);
    await this.getEndpointGroup(id);
    assertModelled(patch.unmodelled);
    await this.driver.updateEndpointGroup(id, {
      name: patch.name,
      description: patch.description,
      filters: patch.filters,
    });
    this.changed();
    return this.getEndpointGroup(id);
  }

  async deleteEndpointGroup(id: string): Promise<void> {
    await this.getEndpointGroup(id);
    await this.ctx.store.transaction((store) => store.endpointFilter.deleteEndpointGroup(id));
    this.changed();
  }

  /** Every endpoint (enabled or not) the group's filters select. */
  async endpointsInGroup(id: string): Promise<EndpointRecord[]> {
    const group = await this.getEndpointGroup(id);
    return (await this.catalog.listEndpoints({})).filter((e) => matches(e, group.filters));
  }

  // ---- endpoint ↔ project

  async addEndpointToProject(projectId: string, endpointId: string): Promise<void> {
    await this.catalog.getEndpoint(endpointId);
    await this.resource.getProject(projectId);
    await this.driver.addEndpointToProject(endpointId, projectId);
    this.changed();
  }

  async checkEndpointInProject(projectId: string, endpointId: string): Promise<void> {
    await this.catalog.getEndpoint(endpointId);
    await this.resource.getProject(projectId);
    if (!(await this.driver.hasEndpointInProject(endpointId, projectId)))
      throw endpointNotInProject(endpointId, projectId);
  }

  /** Keystone checks neither the project nor the endpoint here: a stale association can still be removed. */
  async removeEndpointFromProject(projectId: string, endpointId: string): Promise<void> {
    if (!(await this.driver.removeEndpointFromProject(endpointId, projectId)))
      throw endpointNotInProject(endpointId, projectId);
    this.changed();
  }

  async projectsForEndpoint(endpointId: string): Promise<Project[]> {
    await this.catalog.getEndpoint(endpointId);
    return this.projects(await this.driver.listProjectIdsForEndpoint(endpointId));
  }

  /** The endpoints associated with the project directly, then those its endpoint groups select (each once). */
  async endpointsForProject(projectId: string): Promise<EndpointRecord[]> {
    await this.resource.getProject(projectId);
    const found = new Map<string, EndpointRecord>();
    for (const endpointId of await this.driver.listEndpointIdsForProject(projectId)) {
      const endpoint = await this.ctx.store.catalog.getEndpoint(endpointId);
      // As Keystone does, an association whose endpoint is gone is dropped on the way.
      if (endpoint) found.set(endpoint.id, endpoint);
      else await this.driver.removeEndpointFromProject(endpointId, projectId);
    }
    const groups = await this.endpointGroupsForProject(projectId);
    if (groups.length > 0) {
      const endpoints = await this.catalog.listEndpoints({});
      for (const group of groups) {
        for (const endpoint of endpoints)
          if (!found.has(endpoint.id) && matches(endpoint, group.filters)) found.set(endpoint.id, endpoint);
      }
    }
    return [...found.values()];
  }

  // ---- endpoint group ↔ project

  async endpointGroupsForProject(projectId: string): Promise<EndpointGroupRecord[]> {
    await this.resource.getProject(projectId);
    const ids = await this.driver.listEndpointGroupIdsForProject(projectId);
    return ids.length === 0 ? [] : this.driver.listEndpointGroups({ ids });
  }

  /** Keystone does not check that the group exists: an unknown group simply has no projects. */
  async projectsForEndpointGroup(endpointGroupId: string): Promise<Project[]> {
    return this.projects(await this.driver.listProjectIdsForEndpointGroup(endpointGroupId));
  }

  async checkEndpointGroupInProject(endpointGroupId: string, projectId: string): Promise<void> {
    await this.resource.getProject(projectId);
    await this.getEndpointGroup(endpointGroupId);
    if (!(await this.driver.hasEndpointGroupInProject(endpointGroupId, projectId))) throw groupNotInProject();
  }

  async addEndpointGroupToProject(endpointGroupId: string, projectId: string): Promise<void> {
    await this.resource.getProject(projectId);
    await this.getEndpointGroup(endpointGroupId);
    await this.driver.addEndpointGroupToProject(endpointGroupId, projectId);
    this.changed();
  }

  async removeEndpointGroupFromProject(endpointGroupId: string, projectId: string): Promise<void> {
    await this.resource.getProject(projectId);
    await this.getEndpointGroup(endpointGroupId);
    if (!(await this.driver.removeEndpointGroupFromProject(endpointGroupId, projectId))) throw groupNotInProject();
    this.changed();
  }

  /** Projects by id, skipping any deleted meanwhile (their associations are removed with them). */
  private async projects(ids: string[]): Promise<Project[]> {
    const projects: Project[] = [];
    for (const id of ids) {
      const project = await this.resource.getProject(id).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (project) projects.push(project);
    }
    return projects;
  }
}
