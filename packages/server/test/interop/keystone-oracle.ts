import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DecodedToken, TokenPayload, TokenScope } from '../../src/token/token-payload.ts';

/**
 * Client for keystone_fernet_oracle.py: Keystone's own TokenFormatter and
 * FernetUtils, run by Debian's /usr/bin/python3 with python3-keystone.
 */

const ORACLE_PYTHON = '/usr/bin/python3';
const ORACLE_SCRIPT = fileURLToPath(new URL('./keystone_fernet_oracle.py', import.meta.url));

/** Arguments of Keystone's TokenFormatter.create_token. */
export interface KeystoneTokenSpec {
  version: number;
  user_id: string;
  methods: string[];
  expires_at: string;
  audit_ids: string[];
  system?: string;
  domain_id?: string;
  project_id?: string;
  trust_id?: string;
  app_cred_id?: string;
  federated_group_ids?: { id: string }[];
  identity_provider_id?: string;
  protocol_id?: string;
  access_token_id?: string;
}

/** TokenFormatter.validate_token's tuple, named; or the exception it raised. */
export type KeystoneValidation =
  | {
      user_id: string;
      methods: string[];
      audit_ids: string[];
      system: string | null;
      domain_id: string | null;
      project_id: string | null;
      trust_id: string | null;
      app_cred_id: string | null;
      access_token_id: string | null;
      issued_at: string;
      expires_at: string;
      plaintext_hex: string;
    }
  | { error: string; message: string };

export interface OracleRepository {
  repo: string;
  methods?: string[];
  max_active_keys?: number;
  default_domain_id?: string;
}

/** Fails loudly (never skips) when Python or Keystone is missing: without the oracle nothing is proven. */
function runKeystoneOracle<T>(request: Record<string, unknown>): T {
  if (!existsSync(ORACLE_PYTHON)) {
    throw new Error(
      `${ORACLE_PYTHON} not found: the Keystone interop oracle needs Debian's python3 with python3-keystone`,
    );
  }
  const result = spawnSync(ORACLE_PYTHON, [ORACLE_SCRIPT], { input: JSON.stringify(request), encoding: 'utf8' });
  if (result.error) throw new Error(`Could not run the Keystone oracle: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`Keystone oracle failed (exit ${result.status}) on op "${String(request.op)}":\n${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}

/** Oracle requests, for keystoneBatch; the single-call helpers below wrap them. */
export const oracleRequest = {
  issue: (repository: OracleRepository, specs: KeystoneTokenSpec[]) => ({ op: 'issue', ...repository, specs }),
  validate: (repository: OracleRepository, tokens: string[]) => ({ op: 'validate', ...repository, tokens }),
  pack: (repository: OracleRepository, specs: KeystoneTokenSpec[]) => ({ op: 'pack', ...repository, specs }),
  keys: (op: 'setup_keys' | 'rotate_keys' | 'load_keys', repository: OracleRepository) => ({ op, ...repository }),
};

export interface OracleResponses {
  tokens: string[];
  results: KeystoneValidation[];
  plaintexts_hex: string[];
  keys: string[];
}

/** Runs requests in order in one Python process: each Keystone import costs about a second. */
export function keystoneBatch(requests: Record<string, unknown>[]): OracleResponses[] {
  return runKeystoneOracle<OracleResponses[]>({ op: 'batch', requests });
}

export function keystoneIssue(repository: OracleRepository, specs: KeystoneTokenSpec[]): string[] {
  return runKeystoneOracle<OracleResponses>(oracleRequest.issue(repository, specs)).tokens;
}

export function keystoneValidate(repository: OracleRepository, tokens: string[]): KeystoneValidation[] {
  return runKeystoneOracle<OracleResponses>(oracleRequest.validate(repository, tokens)).results;
}

export function keystoneKeys(op: 'setup_keys' | 'rotate_keys' | 'load_keys', repository: OracleRepository): string[] {
  return runKeystoneOracle<OracleResponses>(oracleRequest.keys(op, repository)).keys;
}

export function keystoneSeal(key: string, plaintextHex: string, timestamp: number, ivHex: string): string {
  return runKeystoneOracle<{ token: string }>({
    op: 'seal',
    key,
    plaintext_hex: plaintextHex,
    timestamp,
    iv_hex: ivHex,
  }).token;
}

export function keystoneVersions(): Record<string, string> {
  return runKeystoneOracle<Record<string, string>>({ op: 'versions' });
}

/** The create_token call Keystone would make for this payload. */
export function keystoneSpecFor(payload: TokenPayload): KeystoneTokenSpec {
  const base = {
    user_id: payload.userId,
    methods: payload.methods,
    // parse_isotime reads the milliseconds, so Keystone packs the very same instant.
    expires_at: payload.expiresAt.toISOString(),
    audit_ids: payload.auditIds,
  };
  const { scope } = payload;
  switch (scope.kind) {
    case 'unscoped':
      return { version: 0, ...base };
    case 'domain':
      return { version: 1, ...base, domain_id: scope.domainId };
    case 'project':
      return { version: 2, ...base, project_id: scope.projectId };
    case 'trust':
      return { version: 3, ...base, project_id: scope.projectId, trust_id: scope.trustId };
    case 'system':
      return { version: 8, ...base, system: scope.system };
    case 'application_credential':
      return { version: 9, ...base, project_id: scope.projectId, app_cred_id: scope.applicationCredentialId };
    case 'oauth1':
      return { version: 7, ...base, project_id: scope.projectId, access_token_id: scope.accessTokenId };
  }
}

/** Keystone's validation result in our DecodedToken shape, for direct comparison. */
export function decodedFromKeystone(validation: KeystoneValidation): DecodedToken {
  if ('error' in validation) throw new Error(`Keystone rejected the token: ${validation.error}: ${validation.message}`);
  return {
    userId: validation.user_id,
    methods: validation.methods,
    scope: scopeFromKeystone(validation),
    expiresAt: new Date(validation.expires_at),
    auditIds: validation.audit_ids,
    issuedAt: new Date(validation.issued_at),
  };
}

function scopeFromKeystone(v: Exclude<KeystoneValidation, { error: string }>): TokenScope {
  if (v.access_token_id) return { kind: 'oauth1', projectId: v.project_id!, accessTokenId: v.access_token_id };
  if (v.trust_id) return { kind: 'trust', projectId: v.project_id!, trustId: v.trust_id };
  if (v.app_cred_id)
    return { kind: 'application_credential', projectId: v.project_id!, applicationCredentialId: v.app_cred_id };
  if (v.project_id) return { kind: 'project', projectId: v.project_id };
  if (v.domain_id) return { kind: 'domain', domainId: v.domain_id };
  if (v.system) return { kind: 'system', system: v.system as 'all' };
  return { kind: 'unscoped' };
}
