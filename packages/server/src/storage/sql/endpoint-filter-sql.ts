import type { Kysely, Selectable } from 'kysely';
import type { EndpointFilterDriver, EndpointGroupRecord } from '../../services/catalog/endpoint-filter-driver.ts';
import type { Database, EndpointGroupTable } from '../tables.ts';
import { defined, insertOrConflict, parseJson } from './sql-helpers.ts';

const toEndpointGroup = (row: Selectable<EndpointGroupTable>): EndpointGroupRecord => ({
  id: row.id,
  name: row.name,
  description: row.description,
  filters: parseJson(row.filters),
});

/** Keystone's conflict wording for these tables carries no detail beyond the table name. */
const DUPLICATE = 'Duplicate entry';

export class EndpointFilterSql implements EndpointFilterDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async addEndpointToProject(endpointId: string, projectId: string) {
    await insertOrConflict('project_endpoint', DUPLICATE, () =>
      this.db.insertInto('project_endpoint').values({ endpoint_id: endpointId, project_id: projectId }).execute(),
    );
  }

  async hasEndpointInProject(endpointId: string, projectId: string) {
    const row = await this.db
      .selectFrom('project_endpoint')
      .select('endpoint_id')
      .where('endpoint_id', '=', endpointId)
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async removeEndpointFromProject(endpointId: string, projectId: string) {
    const result = await this.db
      .deleteFrom('project_endpoint')
      .where('endpoint_id', '=', endpointId)
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listEndpointIdsForProject(projectId: string) {
    const rows = await this.db
      .selectFrom('project_endpoint')
      .select('endpoint_id')
      .where('project_id', '=', projectId)
      .orderBy('endpoint_id')
      .execute();
    return rows.map((r) => r.endpoint_id);
  }

  async listProjectIdsForEndpoint(endpointId: string) {
    const rows = await this.db
      .selectFrom('project_endpoint')
      .select('project_id')
      .where('endpoint_id', '=', endpointId)
      .orderBy('project_id')
      .execute();
    return rows.map((r) => r.project_id);
  }

  async getEndpointGroup(id: string) {
    const row = await this.db.selectFrom('endpoint_group').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEndpointGroup(row);
  }

  async listEndpointGroups(filter: { name?: string; ids?: string[] }) {
    if (filter.ids !== undefined && filter.ids.length === 0) return [];
    let query = this.db.selectFrom('endpoint_group').selectAll();
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.ids !== undefined) query = query.where('id', 'in', filter.ids);
    return (await query.orderBy('id').execute()).map(toEndpointGroup);
  }

  async createEndpointGroup(g: EndpointGroupRecord) {
    await insertOrConflict('endpoint_group', `Duplicate ID, ${g.id}`, () =>
      this.db
        .insertInto('endpoint_group')
        .values({ id: g.id, name: g.name, description: g.description, filters: JSON.stringify(g.filters) })
        .execute(),
    );
  }

  async updateEndpointGroup(id: string, patch: Partial<Omit<EndpointGroupRecord, 'id'>>) {
    const row = defined({
      name: patch.name,
      description: patch.description,
      filters: patch.filters === undefined ? undefined : JSON.stringify(patch.filters),
    });
    if (Object.keys(row).length > 0)
      await this.db.updateTable('endpoint_group').set(row).where('id', '=', id).execute();
  }

  async deleteEndpointGroup(id: string) {
    await this.db.deleteFrom('project_endpoint_group').where('endpoint_group_id', '=', id).execute();
    await this.db.deleteFrom('endpoint_group').where('id', '=', id).execute();
  }

  async addEndpointGroupToProject(endpointGroupId: string, projectId: string) {
    await insertOrConflict('project_endpoint_group', DUPLICATE, () =>
      this.db
        .insertInto('project_endpoint_group')
        .values({ endpoint_group_id: endpointGroupId, project_id: projectId })
        .execute(),
    );
  }

  async hasEndpointGroupInProject(endpointGroupId: string, projectId: string) {
    const row = await this.db
      .selectFrom('project_endpoint_group')
      .select('project_id')
      .where('endpoint_group_id', '=', endpointGroupId)
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async removeEndpointGroupFromProject(endpointGroupId: string, projectId: string) {
    const result = await this.db
      .deleteFrom('project_endpoint_group')
      .where('endpoint_group_id', '=', endpointGroupId)
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listEndpointGroupIdsForProject(projectId: string) {
    const rows = await this.db
      .selectFrom('project_endpoint_group')
      .select('endpoint_group_id')
      .where('project_id', '=', projectId)
      .orderBy('endpoint_group_id')
      .execute();
    return rows.map((r) => r.endpoint_group_id);
  }

  async listProjectIdsForEndpointGroup(endpointGroupId: string) {
    const rows = await this.db
      .selectFrom('project_endpoint_group')
      .select('project_id')
      .where('endpoint_group_id', '=', endpointGroupId)
      .orderBy('project_id')
      .execute();
    return rows.map((r) => r.project_id);
  }

  async deleteForEndpoint(endpointId: string) {
    await this.db.deleteFrom('project_endpoint').where('endpoint_id', '=', endpointId).execute();
  }

  async deleteForProject(projectId: string) {
    await this.db.deleteFrom('project_endpoint').where('project_id', '=', projectId).execute();
    await this.db.deleteFrom('project_endpoint_group').where('project_id', '=', projectId).execute();
  }
}
