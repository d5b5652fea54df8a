import type { Session } from '../session.ts';
import { Collection, paginate } from './collection.ts';
import type { OwnerOptions } from './credentials.ts';
import type { Links, Role } from './types.ts';

/**
 * An OS-OAUTH1 consumer: an application that may ask users to delegate roles to it. Its `secret` is only in the
 * answer to {@link Consumers.create}.
 *
 * @example
 * ```ts
 * const c: Consumer = await identity.consumers.create({ description: 'backup service' });
 * console.log(c.id, c.secret);
 * ```
 */
export interface Consumer {
  id: string;
  description: string | null;
  secret?: string;
  links?: Links;
  [key: string]: unknown;
}

/**
 * The body of a new consumer or of a consumer update: a description and any extra attributes (never a secret).
 *
 * @example
 * ```ts
 * const body: ConsumerAttributes = { description: 'backup service' };
 * ```
 */
export interface ConsumerAttributes {
  description?: string | null;
  [key: string]: unknown;
}

/**
 * /v3/OS-OAUTH1/consumers (administrators).
 *
 * @example
 * ```ts
 * const consumer = await identity.consumers.create({ description: 'backup service' });
 * await identity.consumers.update(consumer.id, { description: 'nightly backups' });
 * await identity.consumers.delete(consumer.id);
 * ```
 */
export class Consumers extends Collection<Consumer, ConsumerAttributes, ConsumerAttributes> {
  constructor(session: Session) {
    super(session, { path: '/OS-OAUTH1/consumers', key: 'consumer', plural: 'consumers' });
  }
}

/**
 * An OAuth1 access token a user authorized: the consumer acts on `project_id` with the delegated roles. Never its
 * secret.
 *
 * @example
 * ```ts
 * const [t]: OAuth1AccessToken[] = await identity.oauth1AccessTokens.list();
 * console.log(t?.consumer_id, t?.expires_at);
 * ```
 */
export interface OAuth1AccessToken {
  id: string;
  consumer_id: string;
  project_id: string;
  authorizing_user_id: string;
  expires_at: string | null;
  links?: Links & { roles?: string };
}

/**
 * /v3/users/{user_id}/OS-OAUTH1/access_tokens: the OAuth1 access tokens a user authorized, and revoking them
 * (which ends the tokens issued with them). The session user's unless `{ user_id }` is passed.
 *
 * @example
 * ```ts
 * for (const t of await identity.oauth1AccessTokens.list()) await identity.oauth1AccessTokens.revoke(t.id);
 * ```
 */
export class OAuth1AccessTokens {
  constructor(private readonly session: Session) {}

  private async path(options?: OwnerOptions): Promise<string> {
    const userId = options?.user_id ?? (await this.session.getAccess()).userId;
    return `/users/${encodeURIComponent(userId)}/OS-OAUTH1/access_tokens`;
  }

  async list(options?: OwnerOptions): Promise<OAuth1AccessToken[]> {
    const out: OAuth1AccessToken[] = [];
    for await (const t of paginate<OAuth1AccessToken>(
      this.session,
      await this.path(options),
      'access_tokens',
      undefined,
      options,
    ))
      out.push(t);
    return out;
  }

  async get(id: string, options?: OwnerOptions): Promise<OAuth1AccessToken> {
    const res = await this.session.request<{ access_token: OAuth1AccessToken }>(
      `${await this.path(options)}/${encodeURIComponent(id)}`,
      { signal: options?.signal },
    );
    return res.body.access_token;
  }

  /** The roles the access token delegates. */
  async listRoles(id: string, options?: OwnerOptions): Promise<Role[]> {
    const out: Role[] = [];
    for await (const r of paginate<Role>(
      this.session,
      `${await this.path(options)}/${encodeURIComponent(id)}/roles`,
      'roles',
      undefined,
      options,
    ))
      out.push(r);
    return out;
  }

  /** Revokes the access token: the consumer can no longer sign in with it, and its tokens stop validating. */
  async revoke(id: string, options?: OwnerOptions): Promise<void> {
    await this.session.request(`${await this.path(options)}/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      signal: options?.signal,
    });
  }
}
