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
