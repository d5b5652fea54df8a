import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  GroupFilter,
  GroupRecord,
  GroupTextAttribute,
  IdentityDriver,
  LockoutWindow,
  UserFilter,
  UserRecord,
  UserTextAttribute,
} from '../../services/identity/identity-driver.ts';
import type { ListPage } from '../../services/list-page.ts';
import type { DialectKind } from '../dialect-kind.ts';
import type { Database, GroupTable, UserTable } from '../tables.ts';
import { defined, fromFlag, insertOrConflict, parseJson, toFlag } from './sql-helpers.ts';
import { textMatchCondition } from './text-match-sql.ts';
import { camelCaseKeys, snakeCaseKeys } from '../../wire-case.ts';

const USER_TEXT_COLUMNS: Record<UserTextAttribute, string> = { name: 'name', domainId: 'domain_id' };
const GROUP_TEXT_COLUMNS: Record<GroupTextAttribute, string> = { name: 'name', domainId: 'domain_id' };

export const toUser = (row: Selectable<UserTable>): UserRecord => ({
  ...camelCaseKeys(row),
  enabled: fromFlag(row.enabled),
  extra: parseJson(row.extra),
  options: parseJson(row.options),
  failedAuthCount: Number(row.failed_auth_count),
});

/** A record (or a patch of one) as its row: every attribute under its snake_case column. */
function toUserRow(u: Partial<UserRecord>) {
  return {
    ...snakeCaseKeys(u),
    enabled: u.enabled === undefined ? undefined : toFlag(u.enabled),
    extra: u.extra === undefined ? undefined : JSON.stringify(u.extra),
    options: u.options === undefined ? undefined : JSON.stringify(u.options),
  };
}

const toGroup = (row: Selectable<GroupTable>): GroupRecord => ({
  id: row.id,
  domainId: row.domain_id,
  name: row.name,
  description: row.description,
  extra: parseJson(row.extra),
});

export class IdentitySql implements IdentityDriver {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectKind,
  ) {}

  async getUser(id: string) {
    const row = await this.db.selectFrom('identity_user').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async claimPasswordAttempt(userId: string, window: LockoutWindow) {
    // One statement decides and records: no read-then-write window for parallel attempts to slip through.
    const result = await this.db
      .updateTable('identity_user')
      // MySQL applies SET assignments left to right, each seeing the ones before it: the count must stay first,
      // so that it reads the previous failed_auth_at (SQLite and PostgreSQL always read the old row).
      .set({
        failed_auth_count: sql<number>`case when coalesce(failed_auth_at, '') <= ${window.expiredBefore} then 1 else failed_auth_count + 1 end`,
        failed_auth_at: window.now,
      })
      .where('id', '=', userId)
      .where((eb) =>
        eb.not(
          eb.and([
            eb('failed_auth_count', '>=', window.attempts),
            eb(sql`coalesce(failed_auth_at, '')`, '>', window.expiredBefore),
          ]),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async getUserByName(domainId: string, name: string) {
    const row = await this.db
      .selectFrom('identity_user')
      .selectAll()
      .where('domain_id', '=', domainId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async listUsers(filter: UserFilter, page: ListPage = {}) {
    let query = this.db.selectFrom('identity_user').selectAll();
    if (filter.domainId !== undefined) query = query.where('domain_id', '=', filter.domainId);
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.enabled !== undefined) query = query.where('enabled', '=', toFlag(filter.enabled));
    for (const match of filter.textMatches ?? [])
      query = query.where(textMatchCondition(this.dialect, USER_TEXT_COLUMNS[match.attribute], match));
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0) return [];
      query = query.where('id', 'in', filter.ids);
    }
    if (filter.inGroup !== undefined) {
      const members = this.db.selectFrom('group_membership').select('user_id').where('group_id', '=', filter.inGroup);
      query = query.where('id', 'in', members);
    }
    if (page.after !== undefined) query = query.where('id', '>', page.after);
    if (page.take !== undefined) query = query.limit(page.take);
    return (await query.orderBy('id').execute()).map(toUser);
  }

  async createUser(u: UserRecord) {
    await insertOrConflict('user', `Duplicate entry found with name ${u.name} at domain ID ${u.domainId}`, () =>
      this.db
        .insertInto('identity_user')
        .values({
          ...snakeCaseKeys(u),
          enabled: toFlag(u.enabled),
          extra: JSON.stringify(u.extra),
          options: JSON.stringify(u.options),
        })
        .execute(),
    );
  }

  async updateUser(id: string, patch: Partial<Omit<UserRecord, 'id'>>) {
    const row = defined(toUserRow(patch));
    if (Object.keys(row).length === 0) return;
    await insertOrConflict('user', `Duplicate entry found with name ${patch.name ?? ''}`, () =>
      this.db.updateTable('identity_user').set(row).where('id', '=', id).execute(),
    );
  }

  async deleteUser(id: string) {
    await this.db.deleteFrom('group_membership').where('user_id', '=', id).execute();
    await this.db.deleteFrom('password_history').where('user_id', '=', id).execute();
    await this.db.deleteFrom('identity_user').where('id', '=', id).execute();
  }

  async addPasswordHistory(userId: string, passwordHash: string, createdAt: string) {
    await this.db
      .insertInto('password_history')
      .values({ user_id: userId, password_hash: passwordHash, created_at: createdAt })
      .execute();
  }

  async listPasswordHistory(userId: string, limit: number) {
    const rows = await this.db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.password_hash);
  }

  async getGroup(id: string) {
    const row = await this.db.selectFrom('identity_group').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toGroup(row);
  }

  async listGroups(filter: GroupFilter, page: ListPage = {}) {
    let query = this.db.selectFrom('identity_group').selectAll();
    if (filter.domainId !== undefined) query = query.where('domain_id', '=', filter.domainId);
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    for (const match of filter.textMatches ?? [])
      query = query.where(textMatchCondition(this.dialect, GROUP_TEXT_COLUMNS[match.attribute], match));
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0) return [];
      query = query.where('id', 'in', filter.ids);
    }
    if (filter.withMember !== undefined) {
      const groups = this.db.selectFrom('group_membership').select('group_id').where('user_id', '=', filter.withMember);
      query = query.where('id', 'in', groups);
    }
    if (page.after !== undefined) query = query.where('id', '>', page.after);
    if (page.take !== undefined) query = query.limit(page.take);
    return (await query.orderBy('id').execute()).map(toGroup);
  }

  async createGroup(g: GroupRecord) {
    await insertOrConflict('group', `Duplicate entry found with name ${g.name} at domain ID ${g.domainId}`, () =>
      this.db
        .insertInto('identity_group')
        .values({
          id: g.id,
          domain_id: g.domainId,
          name: g.name,
          description: g.description,
          extra: JSON.stringify(g.extra),
        })
        .execute(),
    );
  }

  async updateGroup(id: string, patch: Partial<Omit<GroupRecord, 'id'>>) {
    const row = defined({
      domain_id: patch.domainId,
      name: patch.name,
      description: patch.description,
      extra: patch.extra === undefined ? undefined : JSON.stringify(patch.extra),
    });
    if (Object.keys(row).length === 0) return;
    await insertOrConflict('group', `Duplicate entry found with name ${patch.name ?? ''}`, () =>
      this.db.updateTable('identity_group').set(row).where('id', '=', id).execute(),
    );
  }

  async deleteGroup(id: string) {
    await this.db.deleteFrom('group_membership').where('group_id', '=', id).execute();
    await this.db.deleteFrom('identity_group').where('id', '=', id).execute();
  }

  async addMember(groupId: string, userId: string) {
    if (await this.isMember(groupId, userId)) return;
    await this.db.insertInto('group_membership').values({ group_id: groupId, user_id: userId }).execute();
  }

  async removeMember(groupId: string, userId: string) {
    const result = await this.db
      .deleteFrom('group_membership')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async isMember(groupId: string, userId: string) {
    const row = await this.db
      .selectFrom('group_membership')
      .select('user_id')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async listGroupIdsForUser(userId: string) {
    const rows = await this.db
      .selectFrom('group_membership')
      .select('group_id')
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => r.group_id);
  }

  async listUserIdsInGroup(groupId: string) {
    const rows = await this.db
      .selectFrom('group_membership')
      .select('user_id')
      .where('group_id', '=', groupId)
      .execute();
    return rows.map((r) => r.user_id);
  }
}
