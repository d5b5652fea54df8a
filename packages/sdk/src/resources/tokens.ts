import { AccessInfo, type TokenData } from '../auth/access.ts';
import { NotFoundError } from '../errors.ts';
import type { Session } from '../session.ts';
import type { CallOptions } from './collection.ts';
import type { Domain, Project } from './types.ts';

/**
 * Options of {@link Tokens.validate}.
 *
 * @example
 * ```ts
 * await identity.tokens.validate(token, { allowExpired: true, noCatalog: true } satisfies ValidateOptions);
 * ```
 */
export interface ValidateOptions extends CallOptions {
  /** Accept a token that has expired (not one that was revoked), as services do for long operations. */
  allowExpired?: boolean;
  /** Leave the catalog out of the answer. */
  noCatalog?: boolean;
}

/**
 * Token issue / validate / check / revoke (/v3/auth/tokens).
 *
 * @example
 * ```ts
 * const mine = await identity.tokens.issue();            // the session's token (authenticates if needed)
 * const info = await identity.tokens.validate(otherToken); // AccessInfo of someone else's token
 * await identity.tokens.revoke(otherToken);
 * ```
 */
export class Tokens {
  constructor(private readonly session: Session) {}

  /** The session's current token, authenticating first if there is none or it is about to expire. */
  issue(): Promise<AccessInfo> {
    return this.session.getAccess();
  }

  /**
   * Validates a token (GET with X-Subject-Token).
   *
   * @throws {NotFoundError} if the token is invalid, expired or revoked (Keystone answers 404).
   */
  async validate(token: string, options: ValidateOptions = {}): Promise<AccessInfo> {
    const res = await this.session.request<{ token: TokenData }>('/auth/tokens', {
      headers: { 'X-Subject-Token': token },
      query: { allow_expired: options.allowExpired ? 1 : undefined, nocatalog: options.noCatalog ? '' : undefined },
      signal: options.signal,
    });
    return new AccessInfo(token, res.body.token);
  }

  /** True if the token is valid (HEAD); false on Keystone's 404. */
  async check(token: string, options?: CallOptions): Promise<boolean> {
    try {
      await this.session.request('/auth/tokens', {
        method: 'HEAD',
        headers: { 'X-Subject-Token': token },
        signal: options?.signal,
      });
      return true;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  }

  /**
   * Revokes a token (DELETE with X-Subject-Token). Revoking the session's own token also makes the session forget it,
   * so its next request authenticates again.
   */
  async revoke(token: string, options?: CallOptions): Promise<void> {
    await this.session.request('/auth/tokens', {
      method: 'DELETE',
      headers: { 'X-Subject-Token': token },
      signal: options?.signal,
    });
    if (this.session.currentAccess?.token === token) this.session.invalidate();
  }
}

/**
 * What the session's user can scope to: GET /v3/auth/{projects,domains,system}.
 *
 * @example
 * ```ts
 * const projects = await identity.auth.projects(); // then: session.rescope({ project: { id: projects[0].id } })
 * ```
 */
export class AuthScopes {
  constructor(private readonly session: Session) {}

  async projects(options?: CallOptions): Promise<Project[]> {
    return (await this.session.request<{ projects: Project[] }>('/auth/projects', { signal: options?.signal })).body
      .projects;
  }

  async domains(options?: CallOptions): Promise<Domain[]> {
    return (await this.session.request<{ domains: Domain[] }>('/auth/domains', { signal: options?.signal })).body
      .domains;
  }

  /** `[{ all: true }]` if the user has a system role assignment, else `[]`. */
  async system(options?: CallOptions): Promise<Array<{ all: boolean }>> {
    return (
      await this.session.request<{ system: Array<{ all: boolean }> }>('/auth/system', { signal: options?.signal })
    ).body.system;
  }
}
