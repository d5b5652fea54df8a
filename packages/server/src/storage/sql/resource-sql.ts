import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import {
  ROOT_DOMAIN_SENTINEL,
  type ProjectFilter,
  type ProjectRecord,
  type ProjectTextAttribute,
  type ResourceDriver,
} from '../../services/resource/resource-driver.ts';
import type { ListPage } from '../../services/list-page.ts';
import type { DialectKind } from '../dialect-kind.ts';
import type { Database, ProjectTable } from '../tables.ts';
import { defined, fromFlag, insertOrConflict, parseJson, toFlag } from './sql-helpers.ts';
import { textMatchCondition } from './text-match-sql.ts';

const PROJECT_TEXT_COLUMNS: Record<ProjectTextAttribute, string> = {
  name: 'name',
  domainId: 'domain_id',
  parentId: 'parent_id',
};

export const toRecord = (row: Selectable<ProjectTable>): ProjectRecord => ({
  id: row.id,
  name: row.name,
  domainId: row.domain_id,
  parentId: row.parent_id,
  isDomain: fromFlag(row.is_domain),
  enabled: fromFlag(row.enabled),
  description: row.description,
  extra: parseJson(row.extra),
});

export class ResourceSql implements ResourceDriver {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectKind,
  ) {}

  async getProject(id: string) {
    const row = await this.db.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async getProjectByName(domainId: string, name: string) {
    const row = await this.db
      .selectFrom('project')
      .selectAll()
      .where('domain_id', '=', domainId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async listProjects(filter: ProjectFilter, page: ListPage = {}) {
    let query = this.db.selectFrom('project').selectAll();
    if (filter.domainId !== undefined) query = query.where('domain_id', '=', filter.domainId);
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.enabled !== undefined) query = query.where('enabled', '=', toFlag(filter.enabled));
    if (filter.isDomain !== undefined) query = query.where('is_domain', '=', toFlag(filter.isDomain));
    if (filter.parentId !== undefined) query = query.where('parent_id', '=', filter.parentId);
    if (filter.parentIds !== undefined) {
      if (filter.parentIds.length === 0) return [];
      query = query.where('parent_id', 'in', filter.parentIds);
    }
    for (const match of filter.textMatches ?? []) {
      // A domain's domain_id column holds the root sentinel; on the wire (and for matching) it is null.
      if (match.attribute === 'domainId') query = query.where('domain_id', '!=', ROOT_DOMAIN_SENTINEL);
      query = query.where(textMatchCondition(this.dialect, PROJECT_TEXT_COLUMNS[match.attribute], match));
    }
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0) return [];
      query = query.where('id', 'in', filter.ids);
    }
    // Tag filters: `id IN (…)` reads the tag's projects through project_tag (name, project_id); the negative ones
    // are NOT EXISTS probes of the primary key (project_id, name).
    const withTag = (names: string[]) =>
      this.db.selectFrom('project_tag').select('project_tag.project_id').where('project_tag.name', 'in', names);
    const tagged = (names: string[]) => (eb: ExpressionBuilder<Database, 'project'>) =>
      eb.exists(
        eb
          .selectFrom('project_tag')
          .select('project_tag.name')
          .whereRef('project_tag.project_id', '=', 'project.id')
          .where('project_tag.name', 'in', names),
      );
    for (const tag of filter.tags ?? []) query = query.where('project.id', 'in', withTag([tag]));
    if (filter.tagsAny !== undefined) {
      if (filter.tagsAny.length === 0) return [];
      query = query.where('project.id', 'in', withTag(filter.tagsAny));
    }
    if (filter.notTags !== undefined) {
      if (filter.notTags.length === 0) return [];
      const notTags = filter.notTags;
      query = query.where((eb) => eb.not(eb.and(notTags.map((tag) => tagged([tag])(eb)))));
    }
    if (filter.notTagsAny !== undefined && filter.notTagsAny.length > 0) {
      const notTagsAny = filter.notTagsAny;
      query = query.where((eb) => eb.not(tagged(notTagsAny)(eb)));
    }
    if (page.after !== undefined) query = query.where('id', '>', page.after);
    if (page.take !== undefined) query = query.limit(page.take);
    return (await query.orderBy('id').execute()).map(toRecord);
  }

  async createProject(p: ProjectRecord) {
    await insertOrConflict(p.isDomain ? 'domain' : 'project', `Duplicate entry found with name ${p.name}`, () =>
      this.db
        .insertInto('project')
        .values({
          id: p.id,
          name: p.name,
          domain_id: p.domainId,
          parent_id: p.parentId,
          is_domain: toFlag(p.isDomain),
          enabled: toFlag(p.enabled),
          description: p.description,
          extra: JSON.stringify(p.extra),
        })
        .execute(),
    );
  }

  async updateProject(id: string, patch: Partial<Omit<ProjectRecord, 'id'>>) {
    const row = defined({
      name: patch.name,
      domain_id: patch.domainId,
      parent_id: patch.parentId,
      is_domain: patch.isDomain === undefined ? undefined : toFlag(patch.isDomain),
      enabled: patch.enabled === undefined ? undefined : toFlag(patch.enabled),
      description: patch.description,
      extra: patch.extra === undefined ? undefined : JSON.stringify(patch.extra),
    });
    if (Object.keys(row).length === 0) return;
    await insertOrConflict('project', `Duplicate entry found with name ${patch.name ?? ''}`, () =>
      this.db.updateTable('project').set(row).where('id', '=', id).execute(),
    );
  }

  async deleteProject(id: string) {
    await this.db.deleteFrom('project_tag').where('project_id', '=', id).execute();
    const result = await this.db.deleteFrom('project').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async lockProject(id: string, mode: 'share' | 'update') {
    let query = this.db.selectFrom('project').selectAll().where('id', '=', id);
    if (this.dialect === 'postgres') query = mode === 'share' ? query.forShare() : query.forUpdate();
    // MariaDB has no FOR SHARE; LOCK IN SHARE MODE is its spelling (MySQL 8 accepts both).
    if (this.dialect === 'mysql')
      query = mode === 'share' ? query.modifyEnd(sql`lock in share mode`) : query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toRecord(row);
  }

  async addTag(projectId: string, tag: string) {
    const insert = this.db.insertInto('project_tag').values({ project_id: projectId, name: tag });
    // MySQL has no ON CONFLICT; INSERT IGNORE would also turn other errors into warnings: a no-op update instead.
    await (this.dialect === 'mysql'
      ? insert.onDuplicateKeyUpdate({ name: sql.ref('name') })
      : insert.onConflict((oc) => oc.doNothing())
    ).execute();
  }

  async listTags(projectIds: string[]) {
    const tags = new Map<string, string[]>(projectIds.map((id) => [id, []]));
    if (projectIds.length === 0) return tags;
    const rows = await this.db
      .selectFrom('project_tag')
      .selectAll()
      .where('project_id', 'in', projectIds)
      .orderBy('name')
      .execute();
    for (const row of rows) tags.get(row.project_id)?.push(row.name);
    return tags;
  }

  async replaceTags(projectId: string, tags: string[]) {
    await this.db.deleteFrom('project_tag').where('project_id', '=', projectId).execute();
    if (tags.length > 0) {
      await this.db
        .insertInto('project_tag')
        .values(tags.map((name) => ({ project_id: projectId, name })))
        .execute();
    }
  }
}
