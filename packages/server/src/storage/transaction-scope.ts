import { AsyncLocalStorage } from 'node:async_hooks';
import { type DatabaseConnection, type Driver, SqliteDialect } from 'kysely';
import type { ErrorCode } from '../errors.ts';

/**
 * Marks the code running inside a transaction's callback. SQLite has one connection: a query made there through
 * the root handle instead of the transaction's waits for that connection, which the transaction holds until the
 * callback ends — forever, and every later request queues behind it. Such a query is refused at once instead,
 * with an error naming the mistake (a 500 for that request, not a server that stops answering).
 */
const insideTransaction = new AsyncLocalStorage<true>();

export function runInsideTransaction<T>(fn: () => Promise<T>): Promise<T> {
  return insideTransaction.run(true, fn);
}

export class TransactionMisuseError extends Error {
  readonly code = 'ERR_TRANSACTION_MISUSE' satisfies ErrorCode;

  constructor() {
    super(
      'a query outside the current transaction was made from inside it: on SQLite it would wait for the transaction forever. Use the store the transaction callback was given.',
    );
    this.name = 'TransactionMisuseError';
  }
}

/** Kysely's SQLite dialect whose driver refuses a connection to code running inside a transaction's callback. */
export class GuardedSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = (): Promise<DatabaseConnection> => {
      if (insideTransaction.getStore()) return Promise.reject(new TransactionMisuseError());
      return acquire();
    };
    return driver;
  }
}
