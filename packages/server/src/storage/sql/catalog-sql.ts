import type { ListPage } from '../../services/list-page.ts';
import type { Kysely, Selectable } from 'kysely';
import type {
  CatalogDriver,
  EndpointRecord,
  RegionRecord,
  ServiceRecord,
} from '../../services/catalog/catalog-driver.ts';
import type { Database, EndpointTable, RegionTable, ServiceTable } from '../tables.ts';
import { defined, fromFlag, insertOrConflict, parseJson, toFlag } from './sql-helpers.ts';

const toRegion = (row: Selectable<RegionTable>): RegionRecord => ({
  id: row.id,
  description: row.description,
  parentRegionId: row.parent_region_id,
  extra: parseJson(row.extra),
});

const toService = (row: Selectable<ServiceTable>): ServiceRecord => ({
  id: row.id,
  type: row.type,
  enabled: fromFlag(row.enabled),
  extra: parseJson(row.extra),
});

const toEndpoint = (row: Selectable<EndpointTable>): EndpointRecord => ({
  id: row.id,
  interface: row.interface as EndpointRecord['interface'],
  serviceId: row.service_id,
  url: row.url,
  regionId: row.region_id,
  enabled: fromFlag(row.enabled),
  extra: parseJson(row.extra),
});

export class CatalogSql implements CatalogDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async getRegion(id: string) {
    const row = await this.db.selectFrom('region').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRegion(row);
  }

  async listRegions(filter: { parentRegionId?: string }, page: ListPage = {}) {
    let query = this.db.selectFrom('region').selectAll();
    if (filter.parentRegionId !== undefined) query = query.where('parent_region_id', '=', filter.parentRegionId);
    if (page.after !== undefined) query = query.where('id', '>', page.after);
    if (page.take !== undefined) query = query.limit(page.take);
    return (await query.orderBy('id').execute()).map(toRegion);
  }

  async createRegion(r: RegionRecord) {
    await insertOrConflict('region', `Duplicate ID, ${r.id}`, () =>
      this.db
        .insertInto('region')
        .values({
          id: r.id,
          description: r.description,
          parent_region_id: r.parentRegionId,
          extra: JSON.stringify(r.extra),
        })
        .execute(),
    );
  }

  async updateRegion(id: string, patch: Partial<Omit<RegionRecord, 'id'>>) {
    const row = defined({
      description: patch.description,
      parent_region_id: patch.parentRegionId,
      extra: patch.extra === undefined ? undefined : JSON.stringify(patch.extra),
    });
    if (Object.keys(row).length > 0) await this.db.updateTable('region').set(row).where('id', '=', id).execute();
  }

  async deleteRegion(id: string) {
    await this.db.deleteFrom('region').where('id', '=', id).execute();
  }

  async getService(id: string) {
    const row = await this.db.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toService(row);
  }

  async listServices(filter: { type?: string }, page: ListPage = {}) {
    let query = this.db.selectFrom('service').selectAll();
    if (filter.type !== undefined) query = query.where('type', '=', filter.type);
    if (page.after !== undefined) query = query.where('id', '>', page.after);
    if (page.take !== undefined) query = query.limit(page.take);
    return (await query.orderBy('id').execute()).map(toService);
  }

  async createService(s: ServiceRecord) {
    await this.db
      .insertInto('service')
      .values({ id: s.id, type: s.type, enabled: toFlag(s.enabled), extra: JSON.stringify(s.extra) })
      .execute();
  }

  async updateService(id: string, patch: Partial<Omit<ServiceRecord, 'id'>>) {
    const row = defined({
      type: patch.type,
      enabled: patch.enabled === undefined ? undefined : toFlag(patch.enabled),
      extra: patch.extra === undefined ? undefined : JSON.stringify(patch.extra),
    });
    if (Object.keys(row).length > 0) await this.db.updateTable('service').set(row).where('id', '=', id).execute();
  }

  async deleteService(id: string) {
    await this.db.deleteFrom('endpoint').where('service_id', '=', id).execute();
    await this.db.deleteFrom('service').where('id', '=', id).execute();
  }

  async getEndpoint(id: string) {
    const row = await this.db.selectFrom('endpoint').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEndpoint(row);
  }

  async listEndpoints(filter: { serviceId?: string; interface?: string; regionId?: string }, page: ListPage = {}) {
    let query = this.db.selectFrom('endpoint').selectAll();
    if (filter.serviceId !== undefined) query = query.where('service_id', '=', filter.serviceId);
    if (filter.interface !== undefined) query = query.where('interface', '=', filter.interface);
    if (filter.regionId !== undefined) query = query.where('region_id', '=', filter.regionId);
    if (page.after !== undefined) query = query.where('id', '>', page.after);
    if (page.take !== undefined) query = query.limit(page.take);
    return (await query.orderBy('id').execute()).map(toEndpoint);
  }

  async createEndpoint(e: EndpointRecord) {
    await this.db
      .insertInto('endpoint')
      .values({
        id: e.id,
        interface: e.interface,
        service_id: e.serviceId,
        url: e.url,
        region_id: e.regionId,
        enabled: toFlag(e.enabled),
        extra: JSON.stringify(e.extra),
      })
      .execute();
  }

  async updateEndpoint(id: string, patch: Partial<Omit<EndpointRecord, 'id'>>) {
    const row = defined({
      interface: patch.interface,
      service_id: patch.serviceId,
      url: patch.url,
      region_id: patch.regionId,
      enabled: patch.enabled === undefined ? undefined : toFlag(patch.enabled),
      extra: patch.extra === undefined ? undefined : JSON.stringify(patch.extra),
    });
    if (Object.keys(row).length > 0) await this.db.updateTable('endpoint').set(row).where('id', '=', id).execute();
  }

  async deleteEndpoint(id: string) {
    await this.db.deleteFrom('endpoint').where('id', '=', id).execute();
  }
}
