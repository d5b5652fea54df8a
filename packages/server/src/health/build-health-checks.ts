import type { Clock } from '../clock.ts';
import type { XloudConfig } from '../conf/index.ts';
import { databaseCheck, disableByFileCheck, fernetKeyRepositoryCheck } from './checks.ts';
import type { HealthCheck } from './health-check.ts';
import type { KeyRepository } from '../token/providers/fernet/key-source.ts';

/** The checks behind GET /healthcheck, in the order the detailed output lists them. */
export function buildHealthChecks(
  conf: XloudConfig,
  database: { ping(timeoutMs: number): Promise<void> },
  clock: Clock,
  tokenKeys: KeyRepository = conf.fernet_tokens.key_repository,
): HealthCheck[] {
  const disableFile = conf.healthcheck.disable_by_file_path;
  return [
    ...(disableFile !== undefined ? [disableByFileCheck(disableFile)] : []),
    databaseCheck((timeoutMs) => database.ping(timeoutMs)),
    fernetKeyRepositoryCheck(tokenKeys, clock),
  ];
}
