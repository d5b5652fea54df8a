import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/conf/index.ts';

describe('[DEFAULT] workers', () => {
  it('is unset by default (the server then starts one process per CPU)', () => {
    expect(loadConfig({ env: {}, dataDir: '/srv/xloud' }).DEFAULT.workers).toBeUndefined();
  });

  it('takes an integer of at least 1', () => {
    expect(loadConfig({ env: { XLOUD__DEFAULT__WORKERS: '4' } }).DEFAULT.workers).toBe(4);
    expect(() => loadConfig({ env: { XLOUD__DEFAULT__WORKERS: '0' } })).toThrow(/workers.*expected an integer >= 1/s);
  });

  it('must be 1 with an in-memory SQLite database, which another process could not share', () => {
    const env = { XLOUD__DATABASE__CONNECTION: 'sqlite://' };
    expect(loadConfig({ env: { ...env, XLOUD__DEFAULT__WORKERS: '1' } }).DEFAULT.workers).toBe(1);
    expect(() => loadConfig({ env: { ...env, XLOUD__DEFAULT__WORKERS: '2' } })).toThrow(
      /\[DEFAULT\] workers: must be 1 with an in-memory SQLite database/,
    );
  });
});
