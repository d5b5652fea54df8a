import type { ListPage } from '../list-page.ts';
/** Storage port for regions, services and endpoints. */
export interface RegionRecord {
  id: string;
  description: string;
  parentRegionId: string | null;
  extra: Record<string, unknown>;
}

export interface ServiceRecord {
  id: string;
  type: string;
  enabled: boolean;
  /** name, description and any extra attributes, as Keystone keeps them. */
  extra: Record<string, unknown>;
}

export interface EndpointRecord {
  id: string;
  interface: 'public' | 'internal' | 'admin';
  serviceId: string;
  url: string;
  regionId: string | null;
  enabled: boolean;
  extra: Record<string, unknown>;
}

export interface CatalogDriver {
  getRegion(id: string): Promise<RegionRecord | undefined>;
  /** Lists are in id order; a page reads only its slice (WHERE id > after … LIMIT take). */
  listRegions(filter: { parentRegionId?: string }, page?: ListPage): Promise<RegionRecord[]>;
  createRegion(region: RegionRecord): Promise<void>;
  updateRegion(id: string, patch: Partial<Omit<RegionRecord, 'id'>>): Promise<void>;
  deleteRegion(id: string): Promise<void>;

  getService(id: string): Promise<ServiceRecord | undefined>;
  listServices(filter: { type?: string }, page?: ListPage): Promise<ServiceRecord[]>;
  createService(service: ServiceRecord): Promise<void>;
  updateService(id: string, patch: Partial<Omit<ServiceRecord, 'id'>>): Promise<void>;
  deleteService(id: string): Promise<void>;

  getEndpoint(id: string): Promise<EndpointRecord | undefined>;
  listEndpoints(
    filter: { serviceId?: string; interface?: string; regionId?: string },
    page?: ListPage,
  ): Promise<EndpointRecord[]>;
  createEndpoint(endpoint: EndpointRecord): Promise<void>;
  updateEndpoint(id: string, patch: Partial<Omit<EndpointRecord, 'id'>>): Promise<void>;
  deleteEndpoint(id: string): Promise<void>;
}
