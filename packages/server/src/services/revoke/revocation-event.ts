import type { Clock } from '../../clock.ts';
import type { RevocationEventRecord } from './revoke-driver.ts';

/** A revocation event with only the given fields set (Keystone's RevokeEvent(**kwargs)). */
export function revocationEvent(
  now: Date,
  fields: Partial<Omit<RevocationEventRecord, 'issuedBefore' | 'revokedAt'>> & { issuedBefore?: string },
): RevocationEventRecord {
  // Keystone's revocation has whole-second precision, like the Fernet issued_at it is compared with.
  const seconds = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
  return {
    domainId: null,
    projectId: null,
    userId: null,
    roleId: null,
    trustId: null,
    consumerId: null,
    accessTokenId: null,
    expiresAt: null,
    auditId: null,
    auditChainId: null,
    ...fields,
    issuedBefore: fields.issuedBefore ?? seconds,
    revokedAt: now.toISOString(),
  };
}

/**
 * Waits, after the write that stored a user-wide event, until the clock (the wall clock in production) has left
 * the event's whole second.
 * Fernet tokens carry their issue time in whole seconds, so without this a user who changes a password and signs
 * in again at once could get a token the event already revokes (Keystone has this race; Tempest sleeps around it).
 * Holding the rare write's response for under a second means anything the caller does afterwards is safe.
 */
export async function outlastRevocationSecond(eventTime: Date, clock: Clock): Promise<void> {
  const secondEnds = Math.floor(eventTime.getTime() / 1000) * 1000 + 1000;
  const now = clock.now().getTime();
  const remaining = Math.min(1000, secondEnds - now);
  if (remaining > 0) await clock.sleepUntil(new Date(now + remaining + 1));
}
