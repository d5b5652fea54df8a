import { type Kysely, type Selectable, sql } from 'kysely';
import type { AssignmentType } from '../../services/assignment/assignment-driver.ts';
import type { TokenScopeDriver, UserInDomain, UserLookup } from '../../services/auth/token-scope-driver.ts';
import { ROOT_DOMAIN_SENTINEL } from '../../services/resource/resource-driver.ts';
import type { Database, ProjectTable, UserTable } from '../tables.ts';
import { toAssignment } from './assignment-sql.ts';
import { toUser } from './identity-sql.ts';
import { toRecord as toProject } from './resource-sql.ts';
import { toFlag } from './sql-helpers.ts';

const PROJECT_COLUMNS = [
  'id',
  'name',
  'domain_id',
  'parent_id',
  'is_domain',
  'enabled',
  'description',
  'extra',
] as const satisfies readonly (keyof ProjectTable)[];

/** The domain's columns in the joined user row are prefixed so that they cannot clash with the user's. */
const DOMAIN_PREFIX = 'domain__';

/** Far above any [DEFAULT] max_project_tree_depth: only a corrupt (cyclic) parent chain reaches it. */
const MAX_CHAIN_LENGTH = 100;

/** The statements of TokenScopeDriver: one each. */
export class TokenScopeSql implements TokenScopeDriver {
  constructor(private readonly db: Kysely<Database>) {}

  async user(lookup: UserLookup): Promise<UserInDomain | undefined> {
    let query = this.db
      .selectFrom('identity_user as u')
      .leftJoin('project as d', (join) => join.onRef('d.id', '=', 'u.domain_id').on('d.is_domain', '=', toFlag(true)))
      .selectAll('u')
      .select(PROJECT_COLUMNS.map((column) => sql.ref<unknown>(`d.${column}`).as(`${DOMAIN_PREFIX}${column}`)));
    if ('id' in lookup) query = query.where('u.id', '=', lookup.id);
    else if ('domainId' in lookup)
      query = query.where('u.name', '=', lookup.name).where('u.domain_id', '=', lookup.domainId);
    else
      query = query
        .where('u.name', '=', lookup.name)
        .where('d.name', '=', lookup.domainName)
        .where('d.domain_id', '=', ROOT_DOMAIN_SENTINEL);
    const row = (await query.executeTakeFirst()) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const userRow: Record<string, unknown> = {};
    const domainRow: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith(DOMAIN_PREFIX)) domainRow[key.slice(DOMAIN_PREFIX.length)] = value;
      else userRow[key] = value;
    }
    return {
      user: toUser(userRow as Selectable<UserTable>),
      domain: domainRow.id == null ? undefined : toProject(domainRow as Selectable<ProjectTable>),
    };
  }

  async projectChain(projectId: string) {
    const rows = await this.db
      .withRecursive('chain', (db) =>
        db
          .selectFrom('project')
          .select(PROJECT_COLUMNS)
          .select(sql<number>`0`.as('depth'))
          .where('id', '=', projectId)
          .unionAll(
            db
              .selectFrom('project as p')
              .innerJoin('chain as c', 'c.parent_id', 'p.id')
              .select(PROJECT_COLUMNS.map((column) => `p.${column}` as const))
              .select(sql<number>`c.depth + 1`.as('depth'))
              // A domain is the top: nothing above it is an ancestor.
              .where('c.is_domain', '=', toFlag(false))
              .where('c.depth', '<', MAX_CHAIN_LENGTH),
          ),
      )
      .selectFrom('chain')
      .select(PROJECT_COLUMNS)
      .orderBy('depth')
      .execute();
    return rows.map((row) => toProject(row));
  }

  async assignmentsOf(userId: string, types: AssignmentType[], targetIds: string[]) {
    if (types.length === 0 || targetIds.length === 0) return [];
    // The user's own assignments and their groups' in two halves, not "actor = user OR actor IN (groups)": with
    // the OR, SQLite and PostgreSQL read every assignment on the targets (the token's domain can hold tens of
    // thousands) and filter; each half looks its (type, actor, target) up in the primary key.
    // (The group half is built by the expression builder, as a part of this one statement.)
    const rows = await this.db
      .selectFrom('assignment')
      .selectAll()
      .where('type', 'in', types)
      .where('target_id', 'in', targetIds)
      .where('actor_id', '=', userId)
      .unionAll((eb) =>
        eb
          .selectFrom('assignment')
          .selectAll()
          .where('type', 'in', types)
          .where('target_id', 'in', targetIds)
          .where('actor_id', 'in', eb.selectFrom('group_membership').select('group_id').where('user_id', '=', userId)),
      )
      .execute();
    return rows.map(toAssignment);
  }
}
