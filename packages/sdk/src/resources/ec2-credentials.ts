import type { Session } from '../session.ts';
import { paginate } from './collection.ts';
import type { OwnerOptions } from './credentials.ts';
import type { Links } from './types.ts';

/**
 * An OS-EC2 key pair; `tenant_id` is the project its tokens are scoped to.
 *
 * @example
 * ```ts
 * const c: Ec2Credential = await identity.ec2Credentials.create(projectId);
 * console.log(c.access, c.secret);
 * ```
 */
export interface Ec2Credential {
  access: string;
  secret: string;
  user_id: string;
  tenant_id: string;
  trust_id: string | null;
  links?: Links;
  [key: string]: unknown;
}

/**
 * /v3/users/{user_id}/credentials/OS-EC2, addressed by access key. Every method works on the session user's key
 * pairs unless `{ user_id }` is passed. Needs a token from a password/token login (delegated tokens are refused).
 *
 * @example
 * ```ts
 * const pair = await identity.ec2Credentials.create(projectId);
 * await identity.ec2Credentials.delete(pair.access);
 * ```
 */
export class Ec2Credentials {
  constructor(private readonly session: Session) {}

  private async path(options?: OwnerOptions): Promise<string> {
    const userId = options?.user_id ?? (await this.session.getAccess()).userId;
    return `/users/${encodeURIComponent(userId)}/credentials/OS-EC2`;
  }

  async list(options?: OwnerOptions): Promise<Ec2Credential[]> {
    const out: Ec2Credential[] = [];
    for await (const c of paginate<Ec2Credential>(
      this.session,
      await this.path(options),
      'credentials',
      undefined,
      options,
    ))
      out.push(c);
    return out;
  }

  async get(access: string, options?: OwnerOptions): Promise<Ec2Credential> {
    const res = await this.session.request<{ credential: Ec2Credential }>(
      `${await this.path(options)}/${encodeURIComponent(access)}`,
      { signal: options?.signal },
    );
    return res.body.credential;
  }

  /** A new key pair for the project `projectId`. */
  async create(projectId: string, options?: OwnerOptions): Promise<Ec2Credential> {
    const res = await this.session.request<{ credential: Ec2Credential }>(await this.path(options), {
      method: 'POST',
      body: { tenant_id: projectId },
      signal: options?.signal,
    });
    return res.body.credential;
  }

  async delete(access: string, options?: OwnerOptions): Promise<void> {
    await this.session.request(`${await this.path(options)}/${encodeURIComponent(access)}`, {
      method: 'DELETE',
      signal: options?.signal,
    });
  }
}
