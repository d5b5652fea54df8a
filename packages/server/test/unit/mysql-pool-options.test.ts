/**
 * `[database] connection` for MariaDB / MySQL, as conf/database-connection.ts returns it, to mysql2's options:
 * credentials decoded as SQLAlchemy had them, a Unix socket from PyMySQL's `unix_socket`, SQLAlchemy's other
 * parameters (`charset=utf8`) ignored for utf8mb4, and the [database] limits applied.
 */
import { describe, expect, it } from 'vitest';
import { parseDatabaseConnection } from '../../src/conf/database.ts';
import { DEFAULT_DATABASE_LIMITS } from '../../src/storage/database.ts';
import { mysqlPoolOptions } from '../../src/storage/mysql-database.ts';

function optionsFor(text: string) {
  const connection = parseDatabaseConnection(text);
  if (connection.kind !== 'mysql') throw new Error(`not a mysql URL: ${text}`);
  return mysqlPoolOptions(connection.url, {
    maxPoolSize: 7,
    poolTimeout: 3,
    connectionRecycleTime: 60,
    statementTimeout: 5,
  });
}

describe('mysqlPoolOptions', () => {
  it('host, port, user, password (any character but @) and database', () => {
    expect(optionsFor('mysql+pymysql://keystone:p/a#s%@db.example:3307/keystone?charset=utf8')).toMatchObject({
      host: 'db.example',
      port: 3307,
      user: 'keystone',
      password: 'p/a#s%',
      database: 'keystone',
      socketPath: undefined,
      charset: 'UTF8MB4_UNICODE_CI',
    });
  });

  it('defaults: localhost:3306; no password; a Unix socket from unix_socket', () => {
    expect(optionsFor('mysql://root@127.0.0.1/')).toMatchObject({
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      password: undefined,
      database: undefined,
    });
    expect(
      optionsFor('mysql+pymysql://keystone:pw@localhost/keystone?unix_socket=/run/mysqld/mysqld.sock'),
    ).toMatchObject({
      host: 'localhost',
      socketPath: '/run/mysqld/mysqld.sock',
      database: 'keystone',
    });
    expect(optionsFor('mariadb://[::1]:3306/keystone')).toMatchObject({ host: '::1', port: 3306 });
  });

  it('the [database] limits: pool size, connect timeout; numbers and text come back as on the other databases', () => {
    expect(optionsFor('mysql://k:p@db/keystone')).toMatchObject({
      connectionLimit: 7,
      maxIdle: 7,
      connectTimeout: 3000,
      supportBigNumbers: true,
      bigNumberStrings: false,
      dateStrings: true,
    });
    expect(mysqlPoolOptions('mysql://db/k', DEFAULT_DATABASE_LIMITS).connectionLimit).toBe(
      DEFAULT_DATABASE_LIMITS.maxPoolSize,
    );
  });
});
