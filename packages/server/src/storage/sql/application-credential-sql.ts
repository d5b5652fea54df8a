import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  AccessRuleRecord,
  ApplicationCredentialDriver,
  ApplicationCredentialRecord,
} from '../../services/application-credential/application-credential-driver.ts';
import type { ApplicationCredentialTable, Database } from '../tables.ts';
import { newId } from '../../crypto/ids.ts';
import { fromFlag, insertOrConflict, toFlag } from './sql-helpers.ts';

export class ApplicationCredentialSql implements ApplicationCredentialDriver {
  constructor(private readonly db: Kysely<Database>) {}

  private async hydrate(rows: Selectable<ApplicationCredentialTable>[]): Promise<ApplicationCredentialRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // Roles and access rules in one statement (the token paths read a credential on every issue and validation
    // miss): a role row carries its id in `value`, an access rule its external id, service, path and method.
    const links = await this.db
      .selectFrom('application_credential_role')
      .select([
        'application_credential_id',
        sql<string>`'role'`.as('kind'),
        'role_id as value',
        sql<string | null>`null`.as('service'),
        sql<string | null>`null`.as('path'),
        sql<string | null>`null`.as('method'),
      ])
      .where('application_credential_id', 'in', ids)
      // Built from the expression builder: a branch built from `db` would pass the plugins (the statement counter) twice.
      .unionAll((eb) =>
        eb
          .selectFrom('application_credential_access_rule as link')
          .innerJoin('access_rule as rule', 'rule.id', 'link.access_rule_id')
          .select([
            'link.application_credential_id',
            sql<string>`'rule'`.as('kind'),
            'rule.external_id as value',
            'rule.service',
            'rule.path',
            'rule.method',
          ])
          .where('link.application_credential_id', 'in', ids),
      )
      .execute();
    const roles = links.filter((l) => l.kind === 'role');
    const rules = links.filter((l) => l.kind === 'rule');
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      secretHash: row.secret_hash,
      description: row.description,
      userId: row.user_id,
      projectId: row.project_id,
      system: row.system,
      expiresAt: row.expires_at,
      unrestricted: row.unrestricted === null ? null : fromFlag(row.unrestricted),
      createdAt: row.created_at,
      roleIds: roles.filter((r) => r.application_credential_id === row.id).map((r) => r.value),
      accessRules: rules
        .filter((r) => r.application_credential_id === row.id)
        .map((r) => ({ id: r.value, service: r.service!, path: r.path!, method: r.method! })),
    }));
  }

  async get(id: string) {
    const rows = await this.db.selectFrom('application_credential').selectAll().where('id', '=', id).execute();
    return (await this.hydrate(rows))[0];
  }

  async getByName(userId: string, name: string) {
    const rows = await this.db
      .selectFrom('application_credential')
      .selectAll()
      .where('user_id', '=', userId)
      .where('name', '=', name)
      .execute();
    return (await this.hydrate(rows))[0];
  }

  async list(filter: { userId?: string; name?: string; projectId?: string }) {
    let query = this.db.selectFrom('application_credential').selectAll();
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
    return this.hydrate(await query.orderBy('id').execute());
  }

  async create(c: ApplicationCredentialRecord) {
    await insertOrConflict('application_credential', `Duplicate entry found with name ${c.name}`, () =>
      this.db
        .insertInto('application_credential')
        .values({
          id: c.id,
          name: c.name,
          secret_hash: c.secretHash,
          description: c.description,
          user_id: c.userId,
          project_id: c.projectId,
          system: c.system,
          expires_at: c.expiresAt,
          unrestricted: c.unrestricted === null ? null : toFlag(c.unrestricted),
          created_at: c.createdAt,
        })
        .execute(),
    );
    if (c.roleIds.length > 0) {
      await this.db
        .insertInto('application_credential_role')
        .values(c.roleIds.map((roleId) => ({ application_credential_id: c.id, role_id: roleId })))
        .execute();
    }
    for (const rule of c.accessRules) {
      const existing = await this.db
        .selectFrom('access_rule')
        .select('id')
        .where('user_id', '=', c.userId)
        .where('external_id', '=', rule.id)
        .executeTakeFirst();
      const internalId = existing?.id ?? newId();
      if (!existing) {
        await this.db
          .insertInto('access_rule')
          .values({
            id: internalId,
            external_id: rule.id,
            user_id: c.userId,
            service: rule.service,
            path: rule.path,
            method: rule.method,
          })
          .execute();
      }
      await this.db
        .insertInto('application_credential_access_rule')
        .values({ application_credential_id: c.id, access_rule_id: internalId })
        .execute();
    }
  }

  async updateSecretHash(id: string, secretHash: string) {
    await this.db.updateTable('application_credential').set({ secret_hash: secretHash }).where('id', '=', id).execute();
  }

  async delete(id: string) {
    await this.db.deleteFrom('application_credential_role').where('application_credential_id', '=', id).execute();
    await this.db
      .deleteFrom('application_credential_access_rule')
      .where('application_credential_id', '=', id)
      .execute();
    await this.db.deleteFrom('application_credential').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string) {
    for (const { id } of await this.db
      .selectFrom('application_credential')
      .select('id')
      .where('user_id', '=', userId)
      .execute()) {
      await this.delete(id);
    }
    await this.db.deleteFrom('access_rule').where('user_id', '=', userId).execute();
  }

  async deleteForProject(projectId: string) {
    for (const { id } of await this.db
      .selectFrom('application_credential')
      .select('id')
      .where('project_id', '=', projectId)
      .execute()) {
      await this.delete(id);
    }
  }

  async listAccessRules(userId: string): Promise<AccessRuleRecord[]> {
    const rows = await this.db
      .selectFrom('access_rule')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('external_id')
      .execute();
    return rows.map((r) => ({ id: r.external_id, service: r.service, path: r.path, method: r.method }));
  }

  async getAccessRule(userId: string, id: string) {
    const row = await this.db
      .selectFrom('access_rule')
      .selectAll()
      .where('user_id', '=', userId)
      .where('external_id', '=', id)
      .executeTakeFirst();
    return row && { id: row.external_id, service: row.service, path: row.path, method: row.method };
  }

  async deleteAccessRule(userId: string, id: string) {
    const rule = await this.db
      .selectFrom('access_rule')
      .select('id')
      .where('user_id', '=', userId)
      .where('external_id', '=', id)
      .executeTakeFirst();
    if (!rule) return true;
    const internalId = rule.id;
    const used = await this.db
      .selectFrom('application_credential_access_rule')
      .select('access_rule_id')
      .where('access_rule_id', '=', internalId)
      .executeTakeFirst();
    if (used) return false;
    await this.db.deleteFrom('access_rule').where('id', '=', internalId).execute();
    return true;
  }
}
