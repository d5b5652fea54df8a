import { describe, expect, it } from 'vitest';
import { parseDatabaseConnection } from '../../src/conf/database.ts';
import { loadConfig } from '../../src/conf/index.ts';

describe('parseDatabaseConnection', () => {
  it.each([
    ['sqlite:////var/lib/keystone/keystone.db', { kind: 'sqlite', filename: '/var/lib/keystone/keystone.db' }],
    ['sqlite:///keystone.db', { kind: 'sqlite', filename: 'keystone.db' }],
    ['sqlite:///data/keystone.db?check_same_thread=False', { kind: 'sqlite', filename: 'data/keystone.db' }],
    ['sqlite://', { kind: 'sqlite', filename: ':memory:' }],
    ['sqlite:///:memory:', { kind: 'sqlite', filename: ':memory:' }],
    ['sqlite+pysqlite:////tmp/k.db', { kind: 'sqlite', filename: '/tmp/k.db' }],
    [
      'postgresql://keystone:pw@db:5432/keystone',
      { kind: 'postgres', url: 'postgresql://keystone:pw@db:5432/keystone' },
    ],
    [
      'postgresql+psycopg2://keystone:pw@db/keystone',
      { kind: 'postgres', url: 'postgresql://keystone:pw@db/keystone' },
    ],
    ['postgres://k@db/keystone', { kind: 'postgres', url: 'postgresql://k@db/keystone' }],
    [
      'mysql+pymysql://keystone:pw@db/keystone?charset=utf8',
      { kind: 'mysql', url: 'mysql://keystone:pw@db/keystone?charset=utf8' },
    ],
    ['mysql://keystone:pw@db/keystone', { kind: 'mysql', url: 'mysql://keystone:pw@db/keystone' }],
    ['mysql+pymysql://keystone:p/a#s@db/keystone', { kind: 'mysql', url: 'mysql://keystone:p%2Fa%23s@db/keystone' }],
    ['postgresql://keystone:p%40ss@db/keystone', { kind: 'postgres', url: 'postgresql://keystone:p%40ss@db/keystone' }],
    [
      'postgresql:///keystone?host=/var/run/postgresql',
      { kind: 'postgres', url: 'postgresql:///keystone?host=/var/run/postgresql' },
    ],
    ['  sqlite://  ', { kind: 'sqlite', filename: ':memory:' }],
  ])('%s', (url, expected) => {
    expect(parseDatabaseConnection(url)).toEqual(expected);
  });

  it.each(['', 'keystone.db', 'oracle://u:p@h/db', 'sqlite:relative.db', 'sqlite://host/db', 'postgresql://[bad'])(
    'rejects %j',
    (url) => {
      expect(() => parseDatabaseConnection(url)).toThrow(/expected a database URL/);
    },
  );

  it('is what [database] connection holds', () => {
    const conf = loadConfig({ env: { XLOUD__DATABASE__CONNECTION: 'postgresql+psycopg2://u:p@h/k' } });
    expect(conf.database.connection).toEqual({ kind: 'postgres', url: 'postgresql://u:p@h/k' });
  });
});
