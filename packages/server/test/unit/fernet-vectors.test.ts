import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openFernetToken, parseFernetKey, sealFernetToken } from '../../src/token/providers/fernet/fernet-envelope.ts';
import { FernetTokenProvider } from '../../src/token/providers/fernet/fernet-provider.ts';
import { FernetPayloadCodec } from '../../src/token/providers/fernet/payload-codec.ts';
import { formatKeystoneTime } from '../../src/token/keystone-time.ts';
import type { DecodedToken, TokenPayload } from '../../src/token/token-payload.ts';
import type { FernetVectorFile } from '../interop/record-fernet-vectors.ts';

/**
 * Replays tokens Keystone 22 issued (recorded by test/interop/record-fernet-vectors.ts),
 * so the wire format stays pinned without Python.
 */

const VECTOR_DIR = fileURLToPath(new URL('../vectors/fernet/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'fernet-vectors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const vectorFiles = readdirSync(VECTOR_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

function revive<T extends TokenPayload | DecodedToken>(json: unknown): T {
  const value = json as Record<string, unknown>;
  const dates = ['expiresAt', 'issuedAt'].filter((k) => k in value).map((k) => [k, new Date(value[k] as string)]);
  return { ...value, ...Object.fromEntries(dates) } as T;
}

function writeRepository(name: string, keys: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { mode: 0o700 });
  for (const [file, text] of Object.entries(keys)) writeFileSync(join(dir, file), text, { mode: 0o600 });
  return dir;
}

it('has a vector file for every supported payload version', () => {
  expect(vectorFiles).toEqual(
    expect.arrayContaining([
      'v0-unscoped.json',
      'v1-domain-scoped.json',
      'v2-project-scoped.json',
      'v3-trust-scoped.json',
      'v7-oauth1.json',
      'v8-system-scoped.json',
      'v9-application-credential.json',
      'unsupported-versions.json',
    ]),
  );
});

describe.each(vectorFiles)('%s', (fileName) => {
  const file = JSON.parse(readFileSync(join(VECTOR_DIR, fileName), 'utf8')) as FernetVectorFile;
  const repo = writeRepository(fileName, file.keyRepository);
  const provider = new FernetTokenProvider({
    keyRepository: repo,
    methods: file.authMethods,
    defaultDomainId: file.defaultDomainId,
  });
  const codec = new FernetPayloadCodec({ methods: file.authMethods, defaultDomainId: file.defaultDomainId });
  const keys = Object.values(file.keyRepository).map(parseFernetKey);

  describe.each(file.tokens)('$name', (vector) => {
    it("decrypts to Keystone's plaintext", () => {
      expect(openFernetToken(keys, vector.token).plaintext.toString('hex')).toBe(vector.plaintextHex);
    });

    if (vector.expectedError) {
      it('is rejected', () => {
        expect(() => provider.decode(vector.token)).toThrow(
          expect.objectContaining({ reason: 'malformed', detail: vector.expectedError }),
        );
      });
      return;
    }

    it('decodes to what Keystone decoded', () => {
      const decoded = provider.decode(vector.token);
      expect(decoded).toEqual(revive<DecodedToken>(vector.expected));
      expect(formatKeystoneTime(decoded.expiresAt)).toBe((vector.keystoneDecoded as { expires_at: string }).expires_at);
      expect(formatKeystoneTime(decoded.issuedAt)).toBe((vector.keystoneDecoded as { issued_at: string }).issued_at);
    });

    it('is reproduced byte for byte from the same payload, key, time and IV', () => {
      const plaintext = codec.encode(revive<TokenPayload>(vector.payload));
      expect(Buffer.from(plaintext).toString('hex')).toBe(vector.plaintextHex);
      const bytes = Buffer.from(vector.token, 'base64url');
      const parts = { issuedAtSeconds: Number(bytes.readBigUInt64BE(1)), iv: bytes.subarray(9, 25) };
      expect(keys.map((key) => sealFernetToken(key, plaintext, parts))).toContain(vector.token);
    });
  });
});
