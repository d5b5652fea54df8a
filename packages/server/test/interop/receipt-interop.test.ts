import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeBase32Secret, matchingTotpStep, totpKeyOf, totpPasscode, totpStep } from '../../src/crypto/totp.ts';
import { FernetReceiptProvider } from '../../src/receipt/fernet-receipt-provider.ts';
import { setupFernetKeys } from '../../src/token/providers/fernet/key-repository.ts';
import { keystoneBatch } from './keystone-oracle.ts';

/**
 * Auth receipts and TOTP passcodes against Keystone's own code (python3-keystone): receipts each side issues
 * are read by the other, and our passcodes are the ones Keystone's totp plugin computes. Missing Python
 * modules fail these tests, never skip them.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const METHODS = ['external', 'password', 'token', 'oauth1', 'mapped', 'application_credential', 'totp'];
const USER = '8a5c3a1b4d0e4f6a9b7c2d1e0f3a4b5c';
const scratch = mkdtempSync(join(tmpdir(), 'receipt-interop-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ReceiptResult {
  user_id?: string;
  methods?: string[];
  issued_at?: string;
  expires_at?: string;
  error?: string;
}
interface Responses {
  receipts: string[];
  results: ReceiptResult[];
  passcodes?: string[];
  error?: string;
}
const batch = (requests: Record<string, unknown>[]) => keystoneBatch(requests) as unknown as Responses[];

describe('Fernet receipts are interchangeable with Keystone', () => {
  const repo = join(scratch, 'receipt-keys');
  const specs = [
    { user_id: USER, methods: ['password'], expires_at: '2030-01-02T03:04:05.000000Z' },
    { user_id: USER, methods: ['password', 'application_credential'], expires_at: '2030-01-02T03:04:05.000000Z' },
    // A user id that is not a UUID (LDAP, federation) travels as text.
    { user_id: 'not-a-uuid-user', methods: ['totp'], expires_at: '2031-06-07T08:09:10.000000Z' },
  ];
  let keystoneReceipts: string[];
  let ours: FernetReceiptProvider;

  beforeAll(() => {
    setupFernetKeys(repo, { maxActiveKeys: 3 });
    ours = new FernetReceiptProvider({ keyRepository: repo, methods: METHODS });
    [{ receipts: keystoneReceipts }] = batch([{ op: 'issue_receipts', repo, methods: METHODS, specs }]);
  });

  it("reads Keystone's receipts", () => {
    const decoded = keystoneReceipts.map((receipt) => ours.decode(receipt)!);
    expect(decoded.map((d) => [d.userId, [...d.methods].sort(), d.expiresAt.toISOString()])).toEqual([
      [USER, ['password'], '2030-01-02T03:04:05.000Z'],
      [USER, ['application_credential', 'password'], '2030-01-02T03:04:05.000Z'],
      ['not-a-uuid-user', ['totp'], '2031-06-07T08:09:10.000Z'],
    ]);
  });

  it('issues receipts Keystone reads, with the same fields', () => {
    const issuedAt = new Date('2026-12-03T10:00:00Z');
    const receipts = specs.map((spec) =>
      ours.issue({ userId: spec.user_id, methods: spec.methods, expiresAt: new Date(spec.expires_at) }, issuedAt),
    );
    const [{ results }] = batch([{ op: 'validate_receipts', repo, methods: METHODS, receipts }]);
    expect(results.map((r) => [r.user_id, [...(r.methods ?? [])].sort(), r.expires_at, r.issued_at])).toEqual([
      [USER, ['password'], '2030-01-02T03:04:05.000000Z', '2026-12-03T10:00:00.000000Z'],
      [USER, ['application_credential', 'password'], '2030-01-02T03:04:05.000000Z', '2026-12-03T10:00:00.000000Z'],
      ['not-a-uuid-user', ['totp'], '2031-06-07T08:09:10.000000Z', '2026-12-03T10:00:00.000000Z'],
    ]);
  });

  it('refuses what Keystone refuses: tampered receipts and receipts of other keys', () => {
    const other = join(scratch, 'other-keys');
    setupFernetKeys(other, { maxActiveKeys: 3 });
    const foreign = new FernetReceiptProvider({ keyRepository: other, methods: METHODS }).issue(
      { userId: USER, methods: ['password'], expiresAt: new Date('2030-01-01T00:00:00Z') },
      new Date(),
    );
    const tampered = `${keystoneReceipts[0]!.slice(0, 40)}${keystoneReceipts[0]![40] === 'A' ? 'B' : 'A'}${keystoneReceipts[0]!.slice(41)}`;
    for (const bad of [foreign, tampered, 'not a receipt', '']) expect(ours.decode(bad)).toBeUndefined();
    const [{ results }] = batch([{ op: 'validate_receipts', repo, methods: METHODS, receipts: [foreign, tampered] }]);
    expect(results.map((r) => r.error)).toEqual(['ValidationError', 'ValidationError']);
  });
});

describe('TOTP passcodes are the ones Keystone computes', () => {
  const secrets = ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXP', 'AB'];
  const instants = ['2026-12-03T17:00:00Z', '2026-12-03T17:00:29Z', '1970-01-01T00:01:00Z', '2038-01-19T03:14:08Z'];

  it('agrees for every secret, instant and earlier window', () => {
    const requests = secrets.flatMap((secret) =>
      instants.map((at) => ({ op: 'totp_passcodes', secret, at, previous_windows: 2 })),
    );
    const responses = batch(requests);
    const ours = secrets.flatMap((secret) =>
      instants.map((at) => {
        // A secret under 128 bits: Keystone's TOTP refuses the key, and the credential matches no passcode.
        const key = totpKeyOf(secret);
        if (key === undefined) return 'ValueError';
        const step = totpStep(new Date(at).getTime());
        return [step, step - 1, step - 2].map((s) => totpPasscode(key, s));
      }),
    );
    expect(ours).toEqual(responses.map((r) => r.passcodes ?? r.error));
    expect(ours.filter((o) => o !== 'ValueError')).toHaveLength(instants.length * 2);
  });

  it('matches RFC 6238 test vector (SHA-1, 8 digits cut to 6)', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s gives 94287082 at 8 digits.
    expect(totpPasscode(Buffer.from('12345678901234567890'), 1)).toBe('287082');
  });

  it('finds the step of a passcode within the allowed windows only', () => {
    const key = decodeBase32Secret('JBSWY3DPEHPK3PXP')!;
    const now = Date.parse('2026-12-03T17:00:10Z');
    const step = totpStep(now);
    expect(matchingTotpStep(key, totpPasscode(key, step), now, 1)).toBe(step);
    expect(matchingTotpStep(key, totpPasscode(key, step - 1), now, 1)).toBe(step - 1);
    expect(matchingTotpStep(key, totpPasscode(key, step - 2), now, 1)).toBeUndefined();
    expect(matchingTotpStep(key, totpPasscode(key, step + 1), now, 1)).toBeUndefined();
  });

  it("reads secrets as Python's b32decode does", () => {
    expect(decodeBase32Secret('GEZDGNBVGY3TQOJQ')?.toString()).toBe('1234567890');
    expect(decodeBase32Secret('MZXW6===')?.toString()).toBe('foo');
    for (const bad of ['gezdgnbv', 'A', 'ABC', '', 'GEZD GNBV', 'GEZDGNB1'])
      expect(decodeBase32Secret(bad)).toBeUndefined();
  });
});
