import { afterAll, beforeAll } from 'vitest';
import type { Store } from '../../src/services/store.ts';
import { SqlStore } from '../../src/storage/sql/sql-store.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * For storage conformance suites: starts a server on the given database (migrated, bootstrapped) before the suite,
 * closes it after, and returns the SqlStore over its database. The store is reached through a view that resolves
 * once the suite has started, so a suite can hold it in a const at describe time.
 */
export function useSqlStore(database: 'sqlite' | 'postgres' | 'mysql'): Store {
  let server: TestServer | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    server = await startTestServer({ database });
    store = new SqlStore(server.container.database.db, server.container.database.dialect);
  });
  afterAll(async () => {
    await server?.close();
  });
  return new Proxy({} as Store, {
    get(_target, key) {
      if (!store)
        throw new Error('useSqlStore: the store is available inside tests and hooks, after the suite started');
      return store[key as keyof Store];
    },
  });
}
