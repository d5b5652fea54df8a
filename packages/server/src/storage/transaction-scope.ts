import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect } from 'kysely';
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

/**
 * Kysely's SQLite dialect whose driver refuses a connection to code running inside a transaction's callback, and
 * starts every transaction with BEGIN IMMEDIATE.
 *
 * Several processes write to one SQLite file with [DEFAULT] workers > 1 (and xloud-manage beside the server).
 * A deferred BEGIN takes the write lock only at the transaction's first write; if another process committed
 * after this transaction's first read, SQLite cannot let it write on its outdated snapshot and answers
 * SQLITE_BUSY ("database is locked") at once, without waiting busy_timeout. BEGIN IMMEDIATE takes the write lock
 * up front, waiting up to busy_timeout ([database] pool_timeout) for it: writers queue, none fails. Within one
 * process the single connection is a queue already (Kysely's connection mutex).
 */
export class GuardedSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = (): Promise<DatabaseConnection> => {
      if (insideTransaction.getStore()) return Promise.reject(new TransactionMisuseError());
      return acquire();
    };
    driver.beginTransaction = async (connection: DatabaseConnection): Promise<void> => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}
