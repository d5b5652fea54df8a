import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  AssignmentDriver,
  AssignmentFilter,
  AssignmentRecord,
  ImpliedRoleRecord,
  RoleFilter,
  RoleRecord,
  RoleTextAttribute,
} from '../../services/assignment/assignment-driver.ts';
import type { DialectKind } from '../dialect-kind.ts';
import { GLOBAL_ROLE_SENTINEL, type AssignmentTable, type Database, type RoleTable } from '../tables.ts';
import { defined, fromFlag, insertOrConflict, parseJson, toFlag } from './sql-helpers.ts';
import { textMatchCondition } from './text-match-sql.ts';

const ROLE_TEXT_COLUMNS: Record<RoleTextAttribute, string> = { name: 'name', domainId: 'domain_id' };

const toRole = (row: Selectable<RoleTable>): RoleRecord => ({
  id: row.id,
  name: row.name,
  domainId: row.domain_id === GLOBAL_ROLE_SENTINEL ? null : row.domain_id,
  description: row.description,
  options: parseJson(row.options),
  extra: parseJson(row.extra),
});

export const toAssignment = (row: Selectable<AssignmentTable>): AssignmentRecord => ({
  type: row.type,
  actorId: row.actor_id,
  targetId: row.target_id,
  roleId: row.role_id,
  inherited: fromFlag(row.inherited),
});

/** The whole row: every column is part of the key, so it also selects exactly this assignment. */
const toRow = (a: AssignmentRecord) => ({
  type: a.type,
  actor_id: a.actorId,
  target_id: a.targetId,
  role_id: a.roleId,
  inherited: toFlag(a.inherited),
});

export class AssignmentSql implements AssignmentDriver {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectKind,
  ) {}

  async getRole(id: string) {
    const row = await this.db.selectFrom('role').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRole(row);
  }

  async listRoles(filter: RoleFilter) {
    let query = this.db.selectFrom('role').selectAll();
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.domainId !== undefined) query = query.where('domain_id', '=', filter.domainId ?? GLOBAL_ROLE_SENTINEL);
    for (const match of filter.textMatches ?? []) {
      // A global role's domain_id column holds a sentinel; on the wire (and for matching) it is null.
      if (match.attribute === 'domainId') query = query.where('domain_id', '!=', GLOBAL_ROLE_SENTINEL);
      query = query.where(textMatchCondition(this.dialect, ROLE_TEXT_COLUMNS[match.attribute], match));
    }
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0) return [];
      query = query.where('id', 'in', filter.ids);
    }
    return (await query.orderBy('id').execute()).map(toRole);
  }

  async createRole(r: RoleRecord) {
    await insertOrConflict('role', `Duplicate entry found with name ${r.name}`, () =>
      this.db
        .insertInto('role')
        .values({
          id: r.id,
          name: r.name,
          domain_id: r.domainId ?? GLOBAL_ROLE_SENTINEL,
          description: r.description,
          options: JSON.stringify(r.options),
          extra: JSON.stringify(r.extra),
        })
        .execute(),
    );
  }

  async updateRole(id: string, patch: Partial<Omit<RoleRecord, 'id'>>) {
    const row = defined({
      name: patch.name,
      domain_id: patch.domainId === undefined ? undefined : (patch.domainId ?? GLOBAL_ROLE_SENTINEL),
      description: patch.description,
      options: patch.options === undefined ? undefined : JSON.stringify(patch.options),
      extra: patch.extra === undefined ? undefined : JSON.stringify(patch.extra),
    });
    if (Object.keys(row).length === 0) return;
    await insertOrConflict('role', `Duplicate entry found with name ${patch.name ?? ''}`, () =>
      this.db.updateTable('role').set(row).where('id', '=', id).execute(),
    );
  }

  async deleteRole(id: string) {
    await this.db
      .deleteFrom('implied_role')
      .where((eb) => eb.or([eb('prior_role_id', '=', id), eb('implied_role_id', '=', id)]))
      .execute();
    await this.db.deleteFrom('role').where('id', '=', id).execute();
  }

  async listImpliedRoles() {
    const rows = await this.db.selectFrom('implied_role').selectAll().execute();
    return rows.map((r) => ({ priorRoleId: r.prior_role_id, impliedRoleId: r.implied_role_id }));
  }

  async createImpliedRole(rule: ImpliedRoleRecord) {
    await insertOrConflict(
      'implied_role',
      `Duplicate entry for ${rule.priorRoleId} implies ${rule.impliedRoleId}`,
      () =>
        this.db
          .insertInto('implied_role')
          .values({ prior_role_id: rule.priorRoleId, implied_role_id: rule.impliedRoleId })
          .execute(),
    );
  }

  async deleteImpliedRole(rule: ImpliedRoleRecord) {
    const result = await this.db
      .deleteFrom('implied_role')
      .where('prior_role_id', '=', rule.priorRoleId)
      .where('implied_role_id', '=', rule.impliedRoleId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listAssignments(filter: AssignmentFilter) {
    let query = this.db.selectFrom('assignment').selectAll();
    if (filter.types !== undefined) {
      if (filter.types.length === 0) return [];
      query = query.where('type', 'in', filter.types);
    }
    if (filter.actorIds !== undefined) {
      if (filter.actorIds.length === 0) return [];
      query = query.where('actor_id', 'in', filter.actorIds);
    }
    if (filter.targetIds !== undefined) {
      if (filter.targetIds.length === 0) return [];
      query = query.where('target_id', 'in', filter.targetIds);
    }
    if (filter.roleId !== undefined) query = query.where('role_id', '=', filter.roleId);
    if (filter.inherited !== undefined) query = query.where('inherited', '=', toFlag(filter.inherited));
    return (await query.execute()).map(toAssignment);
  }

  async createAssignment(a: AssignmentRecord) {
    // Idempotent in one statement: two identical grants at once both succeed (a read-then-insert raced to a 500).
    const insert = this.db.insertInto('assignment').values(toRow(a));
    // MySQL has no ON CONFLICT; INSERT IGNORE would also turn other errors into warnings: a no-op update instead.
    await (this.dialect === 'mysql'
      ? insert.onDuplicateKeyUpdate({ role_id: sql.ref('role_id') })
      : insert.onConflict((oc) => oc.doNothing())
    ).execute();
  }

  async deleteAssignment(a: AssignmentRecord) {
    const result = await this.db
      .deleteFrom('assignment')
      .where((eb) => eb.and(toRow(a)))
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteAssignmentsFor(where: { actorId?: string; targetId?: string; roleId?: string }) {
    let query = this.db.deleteFrom('assignment');
    if (where.actorId !== undefined) query = query.where('actor_id', '=', where.actorId);
    if (where.targetId !== undefined) query = query.where('target_id', '=', where.targetId);
    if (where.roleId !== undefined) query = query.where('role_id', '=', where.roleId);
    await query.execute();
  }
}
