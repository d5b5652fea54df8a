import { silentTokenEvents, type TokenEvents } from '../auth/token-events.ts';
import type { ServiceContext } from '../service-context.ts';
import { outlastRevocationSecond, revocationEvent } from './revocation-event.ts';
import type { RevocationEventRecord } from './revoke-driver.ts';

/** What a revocation event is compared with (Keystone's token_values). */
interface RevocableToken {
  userId: string;
  userDomainId: string;
  projectId?: string;
  projectDomainId?: string;
  domainId?: string;
  roleIds: string[];
  auditIds: string[];
  issuedAt: Date;
  expiresAt: Date;
  trustId?: string;
  trustorUserId?: string;
  trusteeUserId?: string;
}

/** Revocation events: written on logout and on security-relevant changes, checked on every validation. */
export class RevokeService {
  constructor(
    private readonly ctx: ServiceContext,
    /** [token] expiration + [revoke] expiration_buffer, seconds: older events can no longer match a live token. */
    private readonly retentionSeconds: number,
    private readonly events: Pick<TokenEvents, 'revoked'> = silentTokenEvents,
  ) {}

  async revokeByAuditId(auditId: string): Promise<void> {
    await this.revoke({ auditId });
    this.events.revoked('token');
  }

  /**
   * Every token of the user issued until now, whatever its scope ("sign out everywhere"). Answers only once the
   * event's whole second is over, so a sign-in that follows is not caught by it.
   */
  async revokeByUserId(userId: string): Promise<void> {
    const revokedAt = await this.revoke({ userId });
    this.events.revoked('user');
    await outlastRevocationSecond(revokedAt, this.ctx.clock);
  }

  private async revoke(fields: Parameters<typeof revocationEvent>[1]): Promise<Date> {
    const now = this.ctx.clock.now();
    await this.ctx.store.transaction(async (store) => {
      await store.revoke.add(revocationEvent(now, fields));
      await store.revoke.pruneRevokedBefore(new Date(now.getTime() - this.retentionSeconds * 1000).toISOString());
    });
    this.ctx.invalidateTokenCache();
    return now;
  }

  list(since?: Date): Promise<RevocationEventRecord[]> {
    return this.ctx.store.revoke.list(since?.toISOString());
  }

  /**
   * The events that could match a token, in one indexed statement, from what the token itself carries: those
   * naming no user or the token's (or, for a trust token, the trust's trustor or trustee), no project or the
   * token's, no audit id or one of the token's, and issued after the token.
   */
  candidatesFor(token: {
    userId: string;
    projectId?: string;
    auditIds: string[];
    issuedAt: Date;
    trustId?: string;
  }): Promise<RevocationEventRecord[]> {
    return this.ctx.store.revoke.candidates({
      issuedAt: token.issuedAt.toISOString(),
      userIds: [token.userId],
      projectId: token.projectId,
      auditIds: token.auditIds,
      trustId: token.trustId,
    });
  }
}

/**
 * Whether one of the events revokes the token. `token` may be partial (what a token carries before anything is
 * loaded: no user domain, no roles): every condition is "the event's value is among the token's", so a match on
 * fewer values is a match on all of them, and an event that needs a value not given does not match yet.
 */
export function revokedBy(events: RevocationEventRecord[], token: RevocableToken | PartialRevocableToken): boolean {
  return events.some((event) => matches(event, token));
}

/** A token as its payload alone tells it: the values that need loading (domains, roles, trust users) left out. */
type PartialRevocableToken = Omit<RevocableToken, 'userDomainId' | 'roleIds'> & {
  userDomainId?: string;
  roleIds: string[];
};

/** Every attribute an event sets must match the token (Keystone's revoke_model.matches). */
function matches(event: RevocationEventRecord, token: RevocableToken | PartialRevocableToken): boolean {
  if (event.userId !== null && ![token.userId, token.trustorUserId, token.trusteeUserId].includes(event.userId))
    return false;
  if (event.projectId !== null && event.projectId !== token.projectId) return false;
  if (event.domainId !== null && ![token.userDomainId, token.projectDomainId, token.domainId].includes(event.domainId))
    return false;
  if (event.roleId !== null && !token.roleIds.includes(event.roleId)) return false;
  // A token's audit ids are [own, chain root]: revoking a token also revokes what was re-scoped from it.
  if (event.auditId !== null && !token.auditIds.includes(event.auditId)) return false;
  if (event.auditChainId !== null && (token.auditIds.at(-1) ?? token.auditIds[0]) !== event.auditChainId) return false;
  if (event.expiresAt !== null && new Date(event.expiresAt).getTime() !== token.expiresAt.getTime()) return false;
  if (event.trustId !== null && event.trustId !== token.trustId) return false;
  if (event.consumerId !== null || event.accessTokenId !== null) return false;
  return true;
}
