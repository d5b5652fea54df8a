/**
 * Records Keystone-made Fernet tokens as JSON vectors under test/vectors/fernet/,
 * so unit tests pin the format without Python even if the oracle changes.
 *
 *   npx tsx packages/server/test/interop/record-fernet-vectors.ts
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenPayload } from '../../src/token/token-payload.ts';
import { FERNET_CASES, KEYSTONE_METHODS } from './fernet-cases.ts';
import {
  decodedFromKeystone,
  keystoneIssue,
  keystoneKeys,
  keystoneSpecFor,
  keystoneValidate,
  keystoneVersions,
  type KeystoneTokenSpec,
} from './keystone-oracle.ts';

export interface FernetVectorFile {
  description: string;
  recordedWith: Record<string, string>;
  authMethods: string[];
  defaultDomainId: string;
  /** File name → file content, as `keystone-manage fernet_setup`/`fernet_rotate` left them. */
  keyRepository: Record<string, string>;
  tokens: FernetVector[];
}

interface FernetVector {
  name: string;
  /** Present when our codec must reproduce Keystone's plaintext from it byte for byte. */
  payload?: TokenPayload;
  keystoneSpec: KeystoneTokenSpec;
  token: string;
  plaintextHex: string;
  /** Keystone's validate_token output, for the record. */
  keystoneDecoded?: Record<string, unknown>;
  /** What our provider must decode the token to (DecodedToken, dates as ISO strings). */
  expected?: unknown;
  /** Or the detail of the malformed TokenInvalidError it must throw. */
  expectedError?: string;
}

const OUTPUT_DIR = fileURLToPath(new URL('../vectors/fernet/', import.meta.url));
const FILE_NAMES: Record<number, string> = {
  0: 'v0-unscoped',
  1: 'v1-domain-scoped',
  2: 'v2-project-scoped',
  3: 'v3-trust-scoped',
  7: 'v7-oauth1',
  8: 'v8-system-scoped',
  9: 'v9-application-credential',
};

const UNSUPPORTED_BASE = {
  user_id: '8a5c3a1b4d0e4f6a9b7c2d1e0f3a4b5c',
  methods: ['mapped'],
  expires_at: '2026-07-17T13:00:00Z',
  audit_ids: ['q0lOYZmeQ8ukk0x0bhCDVg'],
  federated_group_ids: [{ id: 'b'.repeat(32) }],
  identity_provider_id: 'my-idp',
  protocol_id: 'openid',
};
const UNSUPPORTED_SPECS: KeystoneTokenSpec[] = [
  { version: 4, ...UNSUPPORTED_BASE },
  { version: 5, ...UNSUPPORTED_BASE, project_id: 'c'.repeat(32) },
  { version: 6, ...UNSUPPORTED_BASE, domain_id: 'd'.repeat(32) },
];

function record(): void {
  const repo = mkdtempSync(join(tmpdir(), 'fernet-vectors-'));
  try {
    const oracle = { repo, methods: KEYSTONE_METHODS };
    keystoneKeys('setup_keys', { repo });
    // Sealed with key 1, which the rotation below demotes to a secondary.
    const secondaryCase = FERNET_CASES.find((c) => c.version === 2)!;
    const [sealedBySecondary] = keystoneIssue(oracle, [keystoneSpecFor(secondaryCase.payload)]);
    keystoneKeys('rotate_keys', { repo, max_active_keys: 3 });

    const cases = [
      ...FERNET_CASES.map((c) => ({ ...c })),
      { ...secondaryCase, name: `${secondaryCase.name}, sealed by a secondary key` },
    ];
    const specs = cases.map((c) => keystoneSpecFor(c.payload));
    const tokens = [...keystoneIssue(oracle, specs.slice(0, -1)), sealedBySecondary];
    const decoded = keystoneValidate(oracle, tokens);
    const unsupportedTokens = keystoneIssue(oracle, UNSUPPORTED_SPECS);
    const unsupportedDecoded = keystoneValidate(oracle, unsupportedTokens);

    const header = {
      recordedWith: keystoneVersions(),
      authMethods: KEYSTONE_METHODS,
      defaultDomainId: 'default',
      keyRepository: Object.fromEntries(
        readdirSync(repo)
          .sort()
          .map((name) => [name, readFileSync(join(repo, name), 'utf8')]),
      ),
    };
    mkdirSync(OUTPUT_DIR, { recursive: true });
    for (const [version, fileName] of Object.entries(FILE_NAMES)) {
      const vectors: FernetVector[] = [];
      cases.forEach((c, i) => {
        if (c.version !== Number(version)) return;
        const { plaintext_hex: plaintextHex, ...keystoneDecoded } = decoded[i] as { plaintext_hex: string };
        vectors.push({
          name: c.name,
          payload: c.payload,
          keystoneSpec: specs[i],
          token: tokens[i],
          plaintextHex,
          keystoneDecoded,
          expected: decodedFromKeystone(decoded[i]),
        });
      });
      write(fileName, {
        description: `Keystone-issued Fernet tokens, payload version ${version}`,
        ...header,
        tokens: vectors,
      });
    }
    write('unsupported-versions', {
      description: 'Keystone-issued federated (4, 5, 6) tokens, which this server rejects',
      ...header,
      tokens: UNSUPPORTED_SPECS.map((spec, i) => ({
        name: `payload version ${spec.version}`,
        keystoneSpec: spec,
        token: unsupportedTokens[i],
        plaintextHex: (unsupportedDecoded[i] as { plaintext_hex: string }).plaintext_hex,
        expectedError: `This is not a recognized Fernet payload version: ${spec.version}`,
      })),
    });
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

function write(name: string, file: FernetVectorFile): void {
  writeFileSync(join(OUTPUT_DIR, `${name}.json`), `${JSON.stringify(file, null, 2)}\n`);
  console.log(`wrote ${name}.json (${file.tokens.length} tokens)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) record();
