/**
 * Storage port for OS-EP-FILTER: which endpoints a project may see, directly (project_endpoint) or through
 * endpoint groups (endpoint_group, project_endpoint_group). Keystone keeps these beside the catalog.
 */
export interface EndpointGroupRecord {
  id: string;
  name: string;
  description: string | null;
  /** Endpoint attributes an endpoint must equal to belong: any of service_id, region_id, interface. */
  filters: Record<string, unknown>;
}

export interface EndpointFilterDriver {
  /** 409 (ConflictError) when the association exists. */
  addEndpointToProject(endpointId: string, projectId: string): Promise<void>;
  hasEndpointInProject(endpointId: string, projectId: string): Promise<boolean>;
  /** False when there was no such association. */
  removeEndpointFromProject(endpointId: string, projectId: string): Promise<boolean>;
  listEndpointIdsForProject(projectId: string): Promise<string[]>;
  listProjectIdsForEndpoint(endpointId: string): Promise<string[]>;

  getEndpointGroup(id: string): Promise<EndpointGroupRecord | undefined>;
  listEndpointGroups(filter: { name?: string; ids?: string[] }): Promise<EndpointGroupRecord[]>;
  createEndpointGroup(group: EndpointGroupRecord): Promise<void>;
  updateEndpointGroup(id: string, patch: Partial<Omit<EndpointGroupRecord, 'id'>>): Promise<void>;
  /** Removes the group and its project associations. */
  deleteEndpointGroup(id: string): Promise<void>;

  /** 409 (ConflictError) when the association exists. */
  addEndpointGroupToProject(endpointGroupId: string, projectId: string): Promise<void>;
  hasEndpointGroupInProject(endpointGroupId: string, projectId: string): Promise<boolean>;
  /** False when there was no such association. */
  removeEndpointGroupFromProject(endpointGroupId: string, projectId: string): Promise<boolean>;
  listEndpointGroupIdsForProject(projectId: string): Promise<string[]>;
  listProjectIdsForEndpointGroup(endpointGroupId: string): Promise<string[]>;

  /** Keystone drops an endpoint's project associations with the endpoint… */
  deleteForEndpoint(endpointId: string): Promise<void>;
  /** …and a project's endpoint and endpoint-group associations with the project. */
  deleteForProject(projectId: string): Promise<void>;
}
