import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  generateFernetKeyText,
  openFernetToken,
  parseFernetKey,
} from '../../src/token/providers/fernet/fernet-envelope.ts';
import { FernetTokenProvider } from '../../src/token/providers/fernet/fernet-provider.ts';
import {
  FernetKeysNotFoundError,
  loadFernetKeys,
  rotateFernetKeys,
  setupFernetKeys,
} from '../../src/token/providers/fernet/key-repository.ts';
import { TokenInvalidError } from '../../src/errors.ts';
import { FERNET_CASES, KEYSTONE_METHODS } from '../interop/fernet-cases.ts';

let scratch: string;
let repo: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'fernet-keys-'));
  repo = join(scratch, 'fernet-keys');
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const options = { maxActiveKeys: 3 };
const files = () => readdirSync(repo).sort((a, b) => Number(a) - Number(b));
const fileText = (name: string | number) => readFileSync(join(repo, String(name)), 'utf8');
const keyText = (key: { signingKey: Buffer; encryptionKey: Buffer }) =>
  `${Buffer.concat([key.signingKey, key.encryptionKey]).toString('base64url')}=`;
const quiet = { onWarning: () => {} };
/** Makes the directory look settled, so the loader is allowed to trust its cache. */
const settle = () => utimesSync(repo, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
const provider = () => new FernetTokenProvider({ keyRepository: repo, methods: KEYSTONE_METHODS, onWarning: () => {} });
const payload = FERNET_CASES[4].payload;

describe('setupFernetKeys (fernet_setup)', () => {
  it('creates a 0700 directory holding a staged key 0 and a primary key 1, each 0600', () => {
    const umask = process.umask(0); // Key secrecy must not depend on the caller's umask.
    try {
      expect(setupFernetKeys(repo, options)).toEqual({ created: true });
    } finally {
      process.umask(umask);
    }
    expect(statSync(repo).mode & 0o777).toBe(0o700);
    expect(files()).toEqual(['0', '1']);
    for (const name of files()) {
      expect(statSync(join(repo, name)).mode & 0o777).toBe(0o600);
      expect(fileText(name)).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    }
    expect(fileText(0)).not.toBe(fileText(1));
  });

  it('is a no-op once the repository has keys', () => {
    setupFernetKeys(repo, options);
    const before = files().map(fileText);
    expect(setupFernetKeys(repo, options)).toEqual({ created: false });
    expect(files().map(fileText)).toEqual(before);
  });
});

describe('rotateFernetKeys (fernet_rotate)', () => {
  it('promotes the staged key to primary and stages a fresh key 0', () => {
    setupFernetKeys(repo, options);
    const staged = fileText(0);
    expect(rotateFernetKeys(repo, options)).toEqual({ primaryIndex: 2, purgedIndexes: [] });
    expect(files()).toEqual(['0', '1', '2']);
    expect(fileText(2)).toBe(staged);
    expect(fileText(0)).not.toBe(staged);
    expect(loadFernetKeys(repo, quiet).map((k) => k.index)).toEqual([2, 1, 0]);
    expect(keyText(loadFernetKeys(repo, quiet)[0])).toBe(staged);
  });

  it('purges the lowest keys beyond max_active_keys', () => {
    setupFernetKeys(repo, options);
    rotateFernetKeys(repo, options);
    expect(rotateFernetKeys(repo, options)).toEqual({ primaryIndex: 3, purgedIndexes: [1] });
    expect(files()).toEqual(['0', '2', '3']);

    for (let i = 0; i < 3; i++) rotateFernetKeys(repo, { maxActiveKeys: 5 });
    expect(files()).toEqual(['0', '3', '4', '5', '6']);
    expect(rotateFernetKeys(repo, { maxActiveKeys: 2 })).toEqual({ primaryIndex: 7, purgedIndexes: [3, 4, 5, 6] });
    expect(files()).toEqual(['0', '7']);
  });

  it('leaves only the staged key with max_active_keys 1, as Keystone does', () => {
    setupFernetKeys(repo, { maxActiveKeys: 1 });
    expect(files()).toEqual(['0']);
  });

  it('refuses an uninitialised repository and bad limits', () => {
    mkdirSync(repo);
    expect(() => rotateFernetKeys(repo, options)).toThrow(FernetKeysNotFoundError);
    expect(() => setupFernetKeys(repo, { maxActiveKeys: 0 })).toThrow(RangeError);
    expect(files()).toEqual([]);
  });
});

describe('loadFernetKeys', () => {
  it('fails clearly when the repository is missing or empty', () => {
    expect(() => loadFernetKeys(repo, quiet)).toThrow(FernetKeysNotFoundError);
    mkdirSync(repo);
    expect(() => loadFernetKeys(repo, quiet)).toThrow(FernetKeysNotFoundError);
  });

  it('ignores empty, non-numeric, temporary, directory and malformed entries', () => {
    setupFernetKeys(repo, options);
    writeFileSync(join(repo, '5'), '');
    writeFileSync(join(repo, 'README'), generateFernetKeyText());
    writeFileSync(join(repo, '0.tmp'), generateFernetKeyText());
    writeFileSync(join(repo, '6'), 'not a key');
    mkdirSync(join(repo, '7'));
    const warnings: string[] = [];
    expect(loadFernetKeys(repo, { onWarning: (m) => warnings.push(m) }).map((k) => k.index)).toEqual([1, 0]);
    expect(warnings.some((w) => w.includes('empty key'))).toBe(true);
    expect(warnings.some((w) => w.includes('malformed'))).toBe(true);
  });

  it('accepts keys with a trailing newline, as Python base64 does', () => {
    mkdirSync(repo, { mode: 0o700 });
    const text = generateFernetKeyText();
    writeFileSync(join(repo, '0'), `${text}\n`, { mode: 0o600 });
    expect(keyText(loadFernetKeys(repo, quiet)[0])).toBe(text);
  });

  it('warns once when the repository is world readable', () => {
    setupFernetKeys(repo, options);
    chmodSync(repo, 0o755);
    const warn = vi.fn();
    loadFernetKeys(repo, { onWarning: warn });
    writeFileSync(join(repo, 'touch'), ''); // force a reload
    loadFernetKeys(repo, { onWarning: warn });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('world readable');
  });

  it('serves validation from memory until the directory changes', () => {
    setupFernetKeys(repo, options);
    settle();
    const first = loadFernetKeys(repo, quiet);
    // Rewriting a file in place leaves the directory untouched: no disk read may notice it.
    writeFileSync(join(repo, '1'), generateFernetKeyText());
    expect(loadFernetKeys(repo, quiet)).toBe(first);

    rotateFernetKeys(repo, options);
    const afterRotation = loadFernetKeys(repo, quiet);
    expect(afterRotation).not.toBe(first);
    expect(afterRotation.map((k) => k.index)).toEqual([2, 1, 0]);
  });
});

describe('tokens across rotations', () => {
  it('keep validating while their key is active and fail once it is purged', () => {
    setupFernetKeys(repo, options);
    const tokens = provider();
    const sealedByKey1 = tokens.issue(payload);
    rotateFernetKeys(repo, options);
    expect(tokens.decode(sealedByKey1).userId).toBe(payload.userId);
    rotateFernetKeys(repo, options); // purges key 1
    expect(() => tokens.decode(sealedByKey1)).toThrow(TokenInvalidError);
  });

  it('take up the new primary without restarting the provider', () => {
    setupFernetKeys(repo, options);
    const tokens = provider();
    tokens.issue(payload);
    const staged = parseFernetKey(fileText(0));
    rotateFernetKeys(repo, options);
    const afterRotation = tokens.issue(payload);
    expect(() => openFernetToken([staged], afterRotation)).not.toThrow();
  });

  it('a token sealed with the staged key already validates before any rotation', () => {
    setupFernetKeys(repo, options);
    // What another node that rotated first would send us.
    const otherNode = join(scratch, 'other-node');
    mkdirSync(otherNode, { mode: 0o700 });
    for (const name of files()) writeFileSync(join(otherNode, name), fileText(name), { mode: 0o600 });
    rotateFernetKeys(otherNode, options);
    const fromOtherNode = new FernetTokenProvider({
      keyRepository: otherNode,
      methods: KEYSTONE_METHODS,
      onWarning: () => {},
    }).issue(payload);
    expect(provider().decode(fromOtherNode).userId).toBe(payload.userId);
  });
});
