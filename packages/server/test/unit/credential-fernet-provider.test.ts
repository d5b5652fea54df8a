import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialEncryptionError } from '../../src/services/credential/credential-provider.ts';
import {
  CREDENTIAL_MAX_ACTIVE_KEYS,
  FernetCredentialProvider,
} from '../../src/services/credential/fernet-credential-provider.ts';
import { rotateFernetKeys, setupFernetKeys } from '../../src/token/providers/fernet/key-repository.ts';

/** Made by Python's cryptography MultiFernet exactly as keystone/credential/providers/fernet/core.py does. */
const KEYSTONE_VECTOR = {
  key: '1bBKYs9-cTgcASSEfZjKYfMmzcL4lR48g8y93xZgemk=',
  keyHash: '7a4f043b6638a890d8d9263a460d72e5c8518d9d',
  // An ec2 credential: Keystone encrypts json.dumps(blob).
  token:
    'gAAAAABrC4xgWMlejvmre9xg8LMGE9nvH4F6H3zvkjpAPYAVA4R3y9nt4QYwBSo6blE_v0T5vbN96zrTvsvOF3bLJTu9CvUckOT_Y1zjbxElzYFXJ_jL62Gef5z5MdWKAX_syU-ijCsD',
  plaintext: '"{\\"access\\": \\"AK\\", \\"secret\\": \\"S\\u00e9\\"}"',
  /** Encrypted with Keystone's NULL_KEY (what it uses before credential_setup). */
  nullKeyToken:
    'gAAAAABrC4xgEO5VzA74xcX0PSW7gkboPpLx2hmLoIrV4y4YhYwmgp-BphjhugLdX-b1I6Yxqn9KliGmW31t2lHtWrgR9uIOWwkCgTeJfPjCt4amOhWreig=',
  nullKeyHash: 'c5bdc272b97a0d521ef878dc26fb73e4075544dc',
};

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'xloud-credkeys-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const primaryFileText = (dir: string) => {
  const newest = readdirSync(dir)
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .sort((a, b) => b - a)[0]!;
  return readFileSync(join(dir, String(newest)), 'utf8');
};

describe('FernetCredentialProvider', () => {
  it('round-trips, records the SHA-1 of the primary key file, and keeps the base64 padding Python needs', () => {
    const dir = tempDir();
    setupFernetKeys(dir, { maxActiveKeys: CREDENTIAL_MAX_ACTIVE_KEYS });
    const provider = new FernetCredentialProvider({ keyRepository: dir, onWarning: () => {} });
    const { encryptedBlob, keyHash } = provider.encrypt('s3cr3t ✓');
    expect(encryptedBlob).not.toContain('s3cr3t');
    expect(encryptedBlob.length % 4).toBe(0);
    expect(keyHash).toBe(createHash('sha1').update(primaryFileText(dir)).digest('hex'));
    expect(provider.primaryKeyHash()).toBe(keyHash);
    expect(provider.decrypt(encryptedBlob)).toBe('s3cr3t ✓');
  });

  it('opens what Keystone encrypted, and hashes its key the same way', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0'), KEYSTONE_VECTOR.key, { mode: 0o600 });
    const provider = new FernetCredentialProvider({ keyRepository: dir, onWarning: () => {} });
    expect(provider.decrypt(KEYSTONE_VECTOR.token)).toBe(KEYSTONE_VECTOR.plaintext);
    expect(provider.primaryKeyHash()).toBe(KEYSTONE_VECTOR.keyHash);
    // Keystone's NULL_KEY stays accepted for decryption, as there.
    expect(provider.decrypt(KEYSTONE_VECTOR.nullKeyToken)).toBe('legacy-null-key-secret');
  });

  it('without a repository it encrypts with the null key, warning once, as Keystone does', () => {
    const warnings: string[] = [];
    const provider = new FernetCredentialProvider({
      keyRepository: join(tempDir(), 'missing'),
      onWarning: (m) => warnings.push(m),
    });
    const first = provider.encrypt('a');
    provider.encrypt('b');
    expect(first.keyHash).toBe(KEYSTONE_VECTOR.nullKeyHash);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/null key/);
    expect(provider.decrypt(first.encryptedBlob)).toBe('a');
  });

  it('after a rotation the old ciphertexts still open and the primary key hash changes', () => {
    const dir = tempDir();
    setupFernetKeys(dir, { maxActiveKeys: CREDENTIAL_MAX_ACTIVE_KEYS });
    const provider = new FernetCredentialProvider({ keyRepository: dir, onWarning: () => {} });
    const old = provider.encrypt('before rotation');
    rotateFernetKeys(dir, { maxActiveKeys: CREDENTIAL_MAX_ACTIVE_KEYS });
    // No restart needed: the key repository is re-read when the directory changes.
    expect(provider.primaryKeyHash()).not.toBe(old.keyHash);
    expect(provider.decrypt(old.encryptedBlob)).toBe('before rotation');
  });

  it('a tampered or foreign blob is a CredentialEncryptionError that repeats nothing of it', () => {
    const dir = tempDir();
    setupFernetKeys(dir, { maxActiveKeys: CREDENTIAL_MAX_ACTIVE_KEYS });
    const provider = new FernetCredentialProvider({ keyRepository: dir, onWarning: () => {} });
    const { encryptedBlob } = provider.encrypt('x');
    const tampered = encryptedBlob.slice(0, 20) + (encryptedBlob[20] === 'A' ? 'B' : 'A') + encryptedBlob.slice(21);
    for (const blob of [tampered, KEYSTONE_VECTOR.token, 'not a token']) {
      let error: unknown;
      try {
        provider.decrypt(blob);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CredentialEncryptionError);
      expect((error as Error).message).toBe(
        'An unexpected error prevented the server from accessing encrypted credentials.',
      );
    }
  });
});
