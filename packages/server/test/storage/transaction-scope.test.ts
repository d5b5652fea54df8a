/**
 * On SQLite a query through the root store from inside a transaction's callback used to wait forever for the one
 * connection the transaction holds, and every later request with it (a server-wide hang Tempest once found). It is
 * now refused at once with an error naming the mistake; queries through the transaction's store, and root queries
 * after the transaction, work as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.ts';
import { syncDatabase } from '../../src/storage/migrate.ts';
import { SqlStore } from '../../src/storage/sql/sql-store.ts';
import { TransactionMisuseError } from '../../src/storage/transaction-scope.ts';

describe('queries outside the transaction from inside it (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xloud-trx-scope-'));
  const database = openDatabase({ kind: 'sqlite', filename: join(dir, 'keystone.db') });
  const store = new SqlStore(database.db, database.dialect);
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are refused at once instead of waiting forever; the transaction store and later root queries work', async () => {
    await syncDatabase(database.db, database.dialect);
    const outcome = await Promise.race([
      store
        .transaction(async (trx) => {
          await trx.resource.listProjects({});
          return store.resource.listProjects({});
        })
        .then(
          () => 'answered',
          (error: unknown) => error,
        ),
      new Promise((done) => setTimeout(() => done('still waiting after 5 s'), 5000)),
    ]);
    expect(outcome).toBeInstanceOf(TransactionMisuseError);
    expect(await store.resource.listProjects({})).toEqual([]);
    expect(await store.transaction((trx) => trx.resource.listProjects({}))).toEqual([]);
  });
});
