import { NotFoundError } from '../errors.ts';
import type { Session } from '../session.ts';
import { Collection, notFound, paginate, type CallOptions, type Filters } from './collection.ts';
import type {
  ApplicationCredential,
  ApplicationCredentialCreate,
  ApplicationCredentialWithSecret,
  Credential,
  CredentialCreate,
} from './types.ts';

/**
 * /v3/credentials (EC2 keys, TOTP seeds, …). Filters: `user_id`, `type`. Needs a token from a password/token
 * login: application-credential and trust tokens are refused by Keystone.
 *
 * @example
 * ```ts
 * const c = await identity.credentials.create({ user_id: me, type: 'totp', blob: base32Seed });
 * ```
 */
export class Credentials extends Collection<Credential, CredentialCreate> {
  constructor(session: Session) {
    super(session, { path: '/credentials', key: 'credential', plural: 'credentials' });
  }
}

/**
 * Selects whose application credentials: the session token's user unless `user_id` is given.
 *
 * @example
 * ```ts
 * await identity.applicationCredentials.list({}, { user_id: otherUserId } satisfies OwnerOptions);
 * ```
 */
export interface OwnerOptions extends CallOptions {
  user_id?: string;
}

/**
 * /v3/users/{user_id}/application_credentials. Every method works on the session user's credentials unless
 * `{ user_id }` is passed. The `secret` is only in `create`'s result.
 *
 * @example
 * ```ts
 * const cred = await identity.applicationCredentials.create({ name: 'ci-deploy', roles: [{ name: 'member' }] });
 * console.log(cred.id, cred.secret); // store the secret now: it cannot be read again
 * ```
 */
export class ApplicationCredentials {
  constructor(private readonly session: Session) {}

  private async path(options?: OwnerOptions): Promise<string> {
    const userId = options?.user_id ?? (await this.session.getAccess()).userId;
    return `/users/${encodeURIComponent(userId)}/application_credentials`;
  }

  /** Filters: `name`. */
  async list(filters?: Filters, options?: OwnerOptions): Promise<ApplicationCredential[]> {
    const out: ApplicationCredential[] = [];
    for await (const c of paginate<ApplicationCredential>(
      this.session,
      await this.path(options),
      'application_credentials',
      filters,
      options,
    ))
      out.push(c);
    return out;
  }

  async get(id: string, options?: OwnerOptions): Promise<ApplicationCredential> {
    const res = await this.session.request<{ application_credential: ApplicationCredential }>(
      `${await this.path(options)}/${encodeURIComponent(id)}`,
      {
        signal: options?.signal,
      },
    );
    return res.body.application_credential;
  }

  async create(
    attributes: ApplicationCredentialCreate,
    options?: OwnerOptions,
  ): Promise<ApplicationCredentialWithSecret> {
    const res = await this.session.request<{ application_credential: ApplicationCredentialWithSecret }>(
      await this.path(options),
      {
        method: 'POST',
        body: { application_credential: attributes },
        signal: options?.signal,
      },
    );
    return res.body.application_credential;
  }

  async delete(id: string, options?: OwnerOptions): Promise<void> {
    await this.session.request(`${await this.path(options)}/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      signal: options?.signal,
    });
  }

  /** By id, else by unique name (application credential names are unique per user). */
  async find(nameOrId: string, options?: OwnerOptions): Promise<ApplicationCredential> {
    try {
      return await this.get(nameOrId, options);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    const [match] = (await this.list({ name: nameOrId }, options)).filter((c) => c.name === nameOrId);
    if (match) return match;
    throw notFound('application_credential', nameOrId);
  }
}
