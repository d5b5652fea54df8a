import { NotFoundError } from '../errors.ts';
import type { Session } from '../session.ts';
import { Collection, type CallOptions, type Filters } from './collection.ts';
import type {
  Domain,
  DomainCreate,
  DomainFilters,
  Group,
  GroupCreate,
  GroupFilters,
  Project,
  ProjectCreate,
  ProjectFilters,
  SignIn,
  User,
  UserCreate,
  UserFilters,
  UserProfile,
} from './types.ts';

/**
 * /v3/domains. Filters: `name` (also `name__contains` and the other `TextFilters`), `enabled`, `limit`, `marker`.
 * A domain must be disabled before it can be deleted.
 *
 * @example
 * ```ts
 * const d = await identity.domains.create({ name: 'acme' });
 * await identity.domains.update(d.id, { enabled: false });
 * await identity.domains.delete(d.id);
 * ```
 */
export class Domains extends Collection<Domain, DomainCreate, Partial<Domain>, DomainFilters> {
  constructor(session: Session) {
    super(session, { path: '/domains', key: 'domain', plural: 'domains', nameFilter: true });
  }
}

/**
 * /v3/projects. Filters: `domain_id`, `name`, `enabled`, `is_domain`, `parent_id`, `tags`, `tags-any`, `not-tags`,
 * `not-tags-any`, `limit`, `marker`; `TextFilters` on `name`, `domain_id`, `parent_id` (`name__icontains`, …).
 *
 * @example
 * ```ts
 * const demo = await identity.projects.find('demo', { domain_id: 'default' });
 * for await (const p of identity.projects.iterate({ limit: 100 })) console.log(p.name);
 * ```
 */
export class Projects extends Collection<Project, ProjectCreate, Partial<Project>, ProjectFilters> {
  constructor(session: Session) {
    super(session, { path: '/projects', key: 'project', plural: 'projects', nameFilter: true });
  }

  /** The project's tags. */
  async listTags(projectId: string, options?: CallOptions): Promise<string[]> {
    const res = await this.session.request<{ tags: string[] }>(`/projects/${encodeURIComponent(projectId)}/tags`, {
      signal: options?.signal,
    });
    return res.body.tags;
  }

  /** Replaces all of the project's tags. */
  async setTags(projectId: string, tags: string[], options?: CallOptions): Promise<string[]> {
    const res = await this.session.request<{ tags: string[] }>(`/projects/${encodeURIComponent(projectId)}/tags`, {
      method: 'PUT',
      body: { tags },
      signal: options?.signal,
    });
    return res.body.tags;
  }
}

/**
 * Body of a self-service password change.
 *
 * @example
 * ```ts
 * await identity.users.changePassword(userId, { original_password: 'old-pw', password: 'new-pw' } satisfies PasswordChange);
 * ```
 */
export interface PasswordChange {
  original_password: string;
  password: string;
}

/**
 * /v3/users. Filters: `domain_id`, `name`, `enabled`, `password_expires_at`, `limit`, `marker`; `TextFilters` on
 * `name` and `domain_id` (`name__icontains`, …).
 *
 * @example
 * ```ts
 * const alice = await identity.users.create({ name: 'alice', password: 'correct horse', domain_id: 'default' });
 * const groups = await identity.users.listGroups(alice.id);
 * ```
 */
export class Users extends Collection<User, UserCreate, Partial<User>, UserFilters> {
  constructor(session: Session) {
    super(session, { path: '/users', key: 'user', plural: 'users', nameFilter: true });
  }

  /**
   * Changes a user's own password (POST /v3/users/{id}/password). Sent without a token, as Keystone allows, so it
   * also works when the old password has expired. Keystone then revokes the user's tokens; a session that logged in
   * with the old password cannot re-authenticate afterwards.
   */
  async changePassword(userId: string, change: PasswordChange, options?: CallOptions): Promise<void> {
    await this.session.request(`/users/${encodeURIComponent(userId)}/password`, {
      method: 'POST',
      body: { user: change },
      authenticated: false,
      signal: options?.signal,
    });
  }

  /** Groups the user belongs to. */
  async listGroups(userId: string, options?: CallOptions): Promise<Group[]> {
    const res = await this.session.request<{ groups: Group[] }>(`/users/${encodeURIComponent(userId)}/groups`, {
      signal: options?.signal,
    });
    return res.body.groups;
  }

  /** Projects the user has a role on. Filters: `enabled`, `name`. */
  async listProjects(userId: string, filters?: Filters, options?: CallOptions): Promise<Project[]> {
    const res = await this.session.request<{ projects: Project[] }>(`/users/${encodeURIComponent(userId)}/projects`, {
      query: filters,
      signal: options?.signal,
    });
    return res.body.projects;
  }

  /**
   * Self-service profile edit (OS-XLOUD: PATCH /v3/OS-XLOUD/users/{user_id}/profile): by default only the user
   * may edit their own profile (`identity:update_own_profile`). Only {@link UserProfile}'s fields are accepted
   * (anything else is a 400); `null` removes a field. Returns the user as GET /v3/users/{id} shows it.
   *
   * @example
   * ```ts
   * const me = (await identity.tokens.issue()).userId;
   * await identity.users.updateProfile(me, { email: 'ada@example.com', job_title: 'Analyst', department: null });
   * ```
   */
  async updateProfile(userId: string, profile: UserProfile, options?: CallOptions): Promise<User> {
    const res = await this.session.request<{ user: User }>(`/OS-XLOUD/users/${encodeURIComponent(userId)}/profile`, {
      method: 'PATCH',
      body: { profile },
      signal: options?.signal,
    });
    return res.body.user;
  }

  /**
   * The user's most recent authentication attempts, newest first (OS-XLOUD: GET
   * /v3/OS-XLOUD/users/{user_id}/sign-ins). `limit` defaults to the server's 20 and is at most 100. Allowed for
   * admins and for the user themself (`identity:list_sign_ins`).
   *
   * @example
   * ```ts
   * for (const s of await identity.users.listSignIns(userId, { limit: 10 })) console.log(s.time, s.method, s.success);
   * ```
   */
  async listSignIns(userId: string, filters: { limit?: number } = {}, options?: CallOptions): Promise<SignIn[]> {
    const res = await this.session.request<{ sign_ins: SignIn[] }>(
      `/OS-XLOUD/users/${encodeURIComponent(userId)}/sign-ins`,
      {
        query: { limit: filters.limit },
        signal: options?.signal,
      },
    );
    return res.body.sign_ins;
  }

  /**
   * "Sign out everywhere" (OS-XLOUD: DELETE /v3/OS-XLOUD/users/{user_id}/tokens): revokes every token of the user
   * issued until now. Allowed for admins and for the user themself (`identity:revoke_user_tokens`). Revoking your
   * own tokens also ends the calling session: a password session logs in again on its next request; a console
   * (cookie) session is over.
   *
   * @example
   * ```ts
   * await identity.users.revokeTokens(compromisedUserId);
   * ```
   */
  async revokeTokens(userId: string, options?: CallOptions): Promise<void> {
    await this.session.request(`/OS-XLOUD/users/${encodeURIComponent(userId)}/tokens`, {
      method: 'DELETE',
      signal: options?.signal,
    });
  }
}

/**
 * /v3/groups and group membership. Filters: `domain_id`, `name`, `limit`, `marker`; `TextFilters` on `name` and
 * `domain_id`.
 *
 * @example
 * ```ts
 * const admins = await identity.groups.create({ name: 'admins' });
 * await identity.groups.addUser(admins.id, alice.id);
 * await identity.groups.checkUser(admins.id, alice.id); // true
 * ```
 */
export class Groups extends Collection<Group, GroupCreate, Partial<Group>, GroupFilters> {
  constructor(session: Session) {
    super(session, { path: '/groups', key: 'group', plural: 'groups', nameFilter: true });
  }

  private memberPath(groupId: string, userId: string): string {
    return `/groups/${encodeURIComponent(groupId)}/users/${encodeURIComponent(userId)}`;
  }

  /** Adds a user to a group (PUT). */
  async addUser(groupId: string, userId: string, options?: CallOptions): Promise<void> {
    await this.session.request(this.memberPath(groupId, userId), { method: 'PUT', signal: options?.signal });
  }

  /** Removes a user from a group. */
  async removeUser(groupId: string, userId: string, options?: CallOptions): Promise<void> {
    await this.session.request(this.memberPath(groupId, userId), { method: 'DELETE', signal: options?.signal });
  }

  /** True if the user is in the group (HEAD). Keystone answers 404 for an unknown group or user too, so that is `false` as well. */
  async checkUser(groupId: string, userId: string, options?: CallOptions): Promise<boolean> {
    try {
      await this.session.request(this.memberPath(groupId, userId), { method: 'HEAD', signal: options?.signal });
      return true;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  }

  /** Members of the group. */
  async listUsers(groupId: string, options?: CallOptions): Promise<User[]> {
    const res = await this.session.request<{ users: User[] }>(`/groups/${encodeURIComponent(groupId)}/users`, {
      signal: options?.signal,
    });
    return res.body.users;
  }
}
