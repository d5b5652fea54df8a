// Seeds the scale data set into a database the migrations and the bootstrap have prepared.
import { hashBcrypt } from '../../packages/server/src/crypto/bcrypt-hasher.ts';
import type { BulkWriter } from './bulk.ts';
import {
  assignmentRows,
  customRoleIds,
  customRoleRows,
  domainAndProjectRows,
  groupRows,
  membershipRows,
  revocationRows,
  type Shape,
  type TableRows,
  userRows,
} from './dataset.ts';

export interface SeedReport {
  /** rows inserted and seconds taken, per table */
  tables: { table: string; rows: number; seconds: number }[];
  seconds: number;
}

async function roleId(db: BulkWriter, name: 'member' | 'reader'): Promise<string> {
  const found = (await db.query(`SELECT id FROM role WHERE name = '${name}'`))[0]?.id;
  if (typeof found !== 'string') throw new Error(`no role ${name}: was the database bootstrapped?`);
  return found;
}

/**
 * Every user gets the same real bcrypt hash of `password` (one hash, computed once: a login still costs what it
 * costs), so any of them can log in. Then `analyze` (PostgreSQL: what autovacuum would do soon after such a load).
 */
export async function seed(
  db: BulkWriter,
  shape: Shape,
  password: string,
  bcryptCost: number,
  log: (msg: string) => void,
  analyze: boolean,
): Promise<SeedReport> {
  const started = performance.now();
  const now = new Date();
  const hash = await hashBcrypt(Buffer.from(password), bcryptCost);
  const roles = { member: await roleId(db, 'member'), reader: await roleId(db, 'reader'), custom: customRoleIds() };
  const steps: TableRows[] = [
    customRoleRows(),
    domainAndProjectRows(shape),
    userRows(shape, hash, now.toISOString()),
    groupRows(shape),
    membershipRows(shape),
    assignmentRows(shape, roles),
    revocationRows(shape, now),
  ];
  const tables: SeedReport['tables'] = [];
  for (const step of steps) {
    const t0 = performance.now();
    const rows = await db.insert(step);
    const seconds = (performance.now() - t0) / 1000;
    tables.push({ table: step.table, rows, seconds });
    log(`  ${step.table}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s`);
  }
  if (analyze) {
    const t0 = performance.now();
    await db.query('ANALYZE');
    log(`  ANALYZE in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { tables, seconds: (performance.now() - started) / 1000 };
}
