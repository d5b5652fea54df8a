import { existsSync } from 'node:fs';
import type { KeyRepository } from '../token/providers/fernet/key-source.ts';
import type { Clock } from '../clock.ts';
import { redactDatabaseUrl } from '../conf/database-connection.ts';
import { errorText, type HealthCheck, type HealthcheckResult } from './health-check.ts';
import { readKeyRepositoryStatus } from './key-repository-status.ts';

/** A load balancer probes every few seconds; a database slower than this is as good as down for it. */
const DATABASE_PING_TIMEOUT_MS = 2000;

/** The database answers `select 1` in time. */
export function databaseCheck(ping: (timeoutMs: number) => Promise<void>): HealthCheck {
  const kind = 'DatabaseHealthcheck';
  return {
    async run(): Promise<HealthcheckResult> {
      try {
        await ping(DATABASE_PING_TIMEOUT_MS);
        return { available: true, reason: 'OK', details: 'select 1 answered', kind };
      } catch (error) {
        return { available: false, reason: 'DATABASE UNAVAILABLE', details: redactDatabaseUrl(errorText(error)), kind };
      }
    },
  };
}

/** The Fernet key repository is readable and has a primary key, so tokens can be issued and validated. */
export function fernetKeyRepositoryCheck(repository: KeyRepository, clock: Clock): HealthCheck {
  const kind = 'FernetKeyRepositoryHealthcheck';
  return {
    async run(): Promise<HealthcheckResult> {
      try {
        const status = readKeyRepositoryStatus(repository);
        const ageSeconds = Math.max(0, Math.round((clock.now().getTime() - status.lastRotatedAt.getTime()) / 1000));
        const details = `${status.keyCount} keys, primary key ${status.primaryIndex}, last rotated ${ageSeconds} s ago`;
        return { available: true, reason: 'OK', details, kind };
      } catch (error) {
        return { available: false, reason: 'FERNET KEYS UNAVAILABLE', details: errorText(error), kind };
      }
    },
  };
}

/** oslo.middleware's disable_by_file backend: an operator takes the node out of rotation by creating a file. */
export function disableByFileCheck(path: string): HealthCheck {
  const kind = 'DisableByFileHealthcheck';
  return {
    async run(): Promise<HealthcheckResult> {
      if (existsSync(path)) return { available: false, reason: 'DISABLED BY FILE', details: 'DISABLED BY FILE', kind };
      return { available: true, reason: 'OK', details: `Path '${path}' was not found`, kind };
    },
  };
}
