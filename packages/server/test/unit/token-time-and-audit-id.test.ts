import { describe, expect, it } from 'vitest';
import { newAuditId } from '../../src/token/audit-id.ts';
import { formatKeystoneTime } from '../../src/token/keystone-time.ts';

describe('formatKeystoneTime', () => {
  it("renders Keystone's isotime(subsecond=True) form", () => {
    expect(formatKeystoneTime(new Date('2026-07-17T13:00:00Z'))).toBe('2026-07-17T13:00:00.000000Z');
  });

  it('drops sub-second precision as Keystone does, rather than rounding', () => {
    expect(formatKeystoneTime(new Date('2026-07-17T13:00:00.999Z'))).toBe('2026-07-17T13:00:00.000000Z');
  });
});

describe('newAuditId', () => {
  it('is 16 random bytes in unpadded URL-safe base64', () => {
    const id = newAuditId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    expect(Buffer.from(id, 'base64url').toString('base64url')).toBe(id);
  });

  it('does not repeat', () => {
    expect(new Set(Array.from({ length: 1000 }, newAuditId)).size).toBe(1000);
  });
});
