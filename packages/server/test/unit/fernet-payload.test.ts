import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuthMethodBitmask } from '../../src/token/providers/fernet/auth-method-bitmask.ts';
import { floatSecondsToExpiry } from '../../src/token/providers/fernet/expiry-seconds.ts';
import { sealFernetToken } from '../../src/token/providers/fernet/fernet-envelope.ts';
import { FernetTokenProvider } from '../../src/token/providers/fernet/fernet-provider.ts';
import { loadFernetKeys, setupFernetKeys } from '../../src/token/providers/fernet/key-repository.ts';
import { FernetPayloadCodec } from '../../src/token/providers/fernet/payload-codec.ts';
import { packLikePython, PyFloat, type PyValue } from '../../src/token/providers/fernet/python-msgpack.ts';
import { TokenInvalidError } from '../../src/errors.ts';
import type { TokenPayload } from '../../src/token/token-payload.ts';
import { expectedAfterRoundTrip, FERNET_CASES, KEYSTONE_METHODS } from '../interop/fernet-cases.ts';

const scratch = mkdtempSync(join(tmpdir(), 'fernet-payload-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function repository(name: string): string {
  const dir = join(scratch, name);
  setupFernetKeys(dir, { maxActiveKeys: 3 });
  return dir;
}

const repo = repository('main');
const provider = new FernetTokenProvider({ keyRepository: repo, methods: KEYSTONE_METHODS });
const codec = new FernetPayloadCodec({ methods: KEYSTONE_METHODS });
const project = FERNET_CASES[4].payload;
const ISSUED_AT = new Date('2026-07-17T12:00:00.750Z');

/** Seals an arbitrary plaintext with the repository's primary key, as if Keystone had made it. */
function sealed(plaintext: PyValue | Uint8Array): string {
  const bytes = plaintext instanceof Uint8Array ? plaintext : packLikePython(plaintext);
  return sealFernetToken(loadFernetKeys(repo)[0], bytes, { issuedAtSeconds: 1_784_000_000 });
}

const expectInvalid = (token: unknown, detail?: string) => {
  expect(() => provider.decode(token as string)).toThrow(TokenInvalidError);
  if (detail)
    expect(() => provider.decode(token as string)).toThrow(
      expect.objectContaining({ reason: 'malformed', detail: expect.stringContaining(detail) }),
    );
};

describe('round trip', () => {
  it.each(FERNET_CASES)('v$version $name', ({ payload }) => {
    const token = provider.issue(payload, ISSUED_AT);
    expect(provider.decode(token)).toEqual(expectedAfterRoundTrip(payload, ISSUED_AT));
  });

  it('issues a 183-char project token, as the Keystone reference computes', () => {
    expect(provider.issue(project)).toHaveLength(183);
  });

  it('defaults issuedAt to now, in whole seconds', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const { issuedAt } = provider.decode(provider.issue(project));
    expect(issuedAt.getTime() % 1000).toBe(0);
    expect(issuedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(issuedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe('plaintext encoding', () => {
  it('packs exactly what Keystone packs for a project token', () => {
    // The bytes Keystone 22 produced for this payload (test/vectors/fernet/v2-project-scoped.json).
    expect(Buffer.from(codec.encode(project)).toString('hex')).toBe(
      '960292c3c4108a5c3a1b4d0e4f6a9b7c2d1e0f3a4b5c0292c3c4101f2e3d4c5b6a47988796a5b4c3d2e1f0cb41da9689d400000091c410ab494e61999e43cba4934c746e108356',
    );
  });

  it('keeps non-UUID ids as strings and a whole-second expiry as float64', () => {
    const hex = Buffer.from(codec.encode({ ...project, userId: 'admin' })).toString('hex');
    expect(hex.startsWith('960292c2a561646d696e')).toBe(true); // [2, [false, "admin"], ...
    expect(hex).toContain('cb41da9689d4000000'); // float64 1784293200.0, not an int
  });

  it('packs the default domain bare as a string and UUID domains as 16 bytes', () => {
    const domainToken = (domainId: string) => codec.encode({ ...project, scope: { kind: 'domain', domainId } });
    expect(Buffer.from(domainToken('default')).toString('hex')).toContain('02a764656661756c74cb');
    expect(Buffer.from(domainToken('d'.repeat(32))).toString('hex')).toContain(`02c410${'d'.repeat(32)}cb`);
  });

  it('refuses payloads Keystone could not represent', () => {
    expect(() => codec.encode({ ...project, scope: { kind: 'trust', projectId: 'p', trustId: 'not-a-uuid' } })).toThrow(
      TypeError,
    );
    expect(() => codec.encode({ ...project, scope: { kind: 'domain', domainId: 'ldap-domain' } })).toThrow(TypeError);
    expect(() => codec.encode({ ...project, auditIds: ['short'] })).toThrow(TypeError);
    expect(() => codec.encode({ ...project, expiresAt: new Date(Number.NaN) })).toThrow(TypeError);
    expect(() => codec.encode({ ...project, methods: ['kerberos'] })).toThrow(RangeError);
  });

  it('honours a configured default domain id', () => {
    const custom = new FernetPayloadCodec({ methods: KEYSTONE_METHODS, defaultDomainId: 'corp' });
    const payload: TokenPayload = { ...project, scope: { kind: 'domain', domainId: 'corp' } };
    expect(custom.decode(custom.encode(payload)).scope).toEqual({ kind: 'domain', domainId: 'corp' });
    expect(() => codec.decode(custom.encode(payload))).toThrow(TokenInvalidError);
  });
});

describe('auth methods bitmask', () => {
  const bits = new AuthMethodBitmask(KEYSTONE_METHODS);

  it("uses Keystone's bit per position in [auth] methods, plus fixed pseudo-method bits", () => {
    expect(bits.encode(['external'])).toBe(1);
    expect(bits.encode(['password'])).toBe(2);
    expect(bits.encode(['password', 'token'])).toBe(6);
    expect(bits.encode(['application_credential'])).toBe(32);
    expect(bits.encode(['ec2credential'])).toBe(2 ** 32);
    expect(bits.encode(['oauth2_credential', 'password'])).toBe(2 ** 33 + 2);
    expect(bits.encode([])).toBe(0);
  });

  it('decodes highest bit first, as Keystone lists them', () => {
    expect(bits.decode(6)).toEqual(['token', 'password']);
    expect(bits.decode(0)).toEqual([]);
    expect(bits.decode(2 ** 32 + 1)).toEqual(['ec2credential', 'external']);
  });

  it('gives the same mask a different meaning under a different method order', () => {
    const reordered = new AuthMethodBitmask(['password', 'token', 'totp']);
    expect(reordered.decode(bits.encode(['password']))).toEqual(['token']);
  });

  it('rejects masks with bits no method owns', () => {
    expect(bits.decode(64)).toBeUndefined();
    expect(bits.decode(-1)).toBeUndefined();
    expect(bits.decode(0.5)).toBeUndefined();
  });

  it('rejects duplicate or pseudo method names in the configured list', () => {
    expect(() => new AuthMethodBitmask(['password', 'password'])).toThrow(RangeError);
    expect(() => new AuthMethodBitmask(['ec2credential'])).toThrow(RangeError);
  });
});

describe('expiry', () => {
  it("truncates sub-second expiry to the second after Python's µs rounding", () => {
    // Expected values from Python: utcfromtimestamp(x).replace(microsecond=0).
    expect(floatSecondsToExpiry(1784293199.9999995)?.toISOString()).toBe('2026-07-17T13:00:00.000Z');
    expect(floatSecondsToExpiry(1784293200.789)?.toISOString()).toBe('2026-07-17T13:00:00.000Z');
    expect(floatSecondsToExpiry(0.0000005)?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(floatSecondsToExpiry(-1.5)?.toISOString()).toBe('1969-12-31T23:59:58.000Z');
    expect(floatSecondsToExpiry(1784293200)?.toISOString()).toBe('2026-07-17T13:00:00.000Z');
  });

  it('refuses values a date cannot hold', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 1e300, '1784293200', null]) {
      expect(floatSecondsToExpiry(value)).toBeUndefined();
    }
  });
});

describe('invalid tokens', () => {
  const good = provider.issue(project, ISSUED_AT);
  const base: PyValue[] = [[true, Buffer.alloc(16, 1)], 2];
  const expires = new PyFloat(1784293200);
  const audit = [Buffer.alloc(16, 2)];

  it.each([
    ['empty', ''],
    ['garbage', 'this is not a token'],
    ['random base64url', Buffer.alloc(120, 9).toString('base64url')],
    ['oversized', 'gAAAAA'.repeat(5000)],
    ['truncated', good.slice(0, -10)],
    ['truncated by one char', good.slice(0, -1)],
    ['a UUID token', '0123456789abcdef0123456789abcdef'],
    ['a JWT', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'],
  ])('rejects %s input', (_name, token) => expectInvalid(token));

  it('rejects non-string input', () => {
    expectInvalid(undefined);
    expectInvalid(42);
  });

  it('rejects a token sealed with a key outside the repository', () => {
    const stranger = new FernetTokenProvider({ keyRepository: repository('stranger'), methods: KEYSTONE_METHODS });
    expectInvalid(stranger.issue(project), 'Could not recognize Fernet token');
  });

  it('rejects a token whose HMAC was altered', () => {
    const bytes = Buffer.from(good, 'base64url');
    bytes[bytes.length - 1] ^= 0x80;
    expectInvalid(bytes.toString('base64url'));
  });

  it.each([4, 5, 6, 10, 11, 99])('rejects payload version %i as not recognized', (version) => {
    expectInvalid(
      sealed([version, ...base, expires, audit]),
      `This is not a recognized Fernet payload version: ${version}`,
    );
  });

  it.each<[string, PyValue | Uint8Array]>([
    ['not msgpack', Buffer.from([0xc1, 0xc1])],
    ['trailing bytes', Buffer.concat([packLikePython([0, ...base, expires, audit]), Buffer.from([0x00])])],
    ['not an array', 'hello'],
    ['an empty array', []],
    ['a string version', ['2', ...base, expires, audit]],
    ['too few fields', [0, ...base, expires]],
    ['too many fields', [0, ...base, expires, audit, 1]],
    ['a short UUID', [0, [true, Buffer.alloc(15)], 2, expires, audit]],
    ['an id flag that is not a boolean', [0, [1, Buffer.alloc(16)], 2, expires, audit]],
    ['non-UTF-8 id bytes', [0, [false, Buffer.from([0xff, 0xfe])], 2, expires, audit]],
    ['methods that are a string', [0, base[0], 'password', expires, audit]],
    ['an unknown method bit', [0, base[0], 1024, expires, audit]],
    ['an expiry that is a string', [0, ...base, '2026-07-17T13:00:00Z', audit]],
    ['audit ids that are strings', [0, ...base, expires, ['q0lOYZmeQ8ukk0x0bhCDVg']]],
    ['a system scope other than all', [8, ...base, 'domain', expires, audit]],
    ['a trust id that is not 16 bytes', [3, ...base, [true, Buffer.alloc(16)], expires, audit, 'trust']],
    ['a non-default bare domain id', [1, ...base, 'elsewhere', expires, audit]],
  ])('rejects a payload with %s', (_name, plaintext) => expectInvalid(sealed(plaintext)));

  it('accepts a plain int expiry and a bin id holding UTF-8, as Keystone does', () => {
    const decoded = provider.decode(sealed([0, [false, Buffer.from('jdoe')], 2, 1784293200, audit]));
    expect(decoded.userId).toBe('jdoe');
    expect(decoded.expiresAt.toISOString()).toBe('2026-07-17T13:00:00.000Z');
  });

  it('throws nothing but a malformed TokenInvalidError for randomly corrupted tokens', () => {
    const bytes = Buffer.from(good, 'base64url');
    for (let i = 0; i < 500; i++) {
      const corrupted = Buffer.from(bytes);
      corrupted[(i * 7919) % corrupted.length] ^= 1 + (i % 255);
      const cut = i % 3 === 0 ? corrupted.subarray(0, (i * 31) % corrupted.length) : corrupted;
      expect(() => provider.decode(cut.toString('base64url'))).toThrow(TokenInvalidError);
    }
  });
});
