import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import { outlastRevocationSecond, revocationEvent } from '../revoke/revocation-event.ts';
import type { ServiceContext } from '../service-context.ts';
import type { Store } from '../store.ts';
import type { TextMatch, TextMatches } from '../text-match.ts';
import type { ListPage } from '../list-page.ts';
import type {
  GroupFilter,
  GroupRecord,
  UserAttributes,
  UserFilter,
  UserRecord,
  UserTextAttribute,
} from './identity-driver.ts';
import type { PasswordPolicy } from './password-policy.ts';
import { unsetUserAttributes } from './user-attributes.ts';
import type { UserInactivityRule } from './user-inactivity.ts';

export type UserInput = {
  name: string;
  domainId: string;
  password?: string | null;
  enabled?: boolean;
  options?: Record<string, unknown>;
  extra?: Record<string, unknown>;
} & Partial<UserAttributes>;

export type UserPatch = Partial<Omit<UserInput, 'domainId'>> & {
  domainId?: string;
  /** Extra attributes to remove (Keystone's own PATCH keeps a null; the OS-XLOUD profile removes). */
  unsetExtra?: string[];
};

const DAY_MS = 86_400_000;

/** Attributes Keystone's user list filters by that only federated (shadow) users carry; this server keeps none. */
export type FederatedUserAttribute = 'idpId' | 'protocolId' | 'uniqueId';

export type UserListFilter = Omit<UserFilter, 'textMatches'> & {
  textMatches?: TextMatches<UserTextAttribute | FederatedUserAttribute>;
};

const isFederated = (attribute: string): attribute is FederatedUserAttribute =>
  ['idpId', 'protocolId', 'uniqueId'].includes(attribute);

/** Users, groups, membership and passwords (Keystone's "identity" subsystem). */
export class IdentityService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly passwords: PasswordPolicy,
    private readonly inactivity: UserInactivityRule,
  ) {}

  private get store(): Store {
    return this.ctx.store;
  }

  async getUser(id: string): Promise<UserRecord> {
    const user = await this.store.identity.getUser(id);
    if (!user) throw NotFoundError.resource('user', id);
    return user;
  }

  async listUsers(filter: UserListFilter, page?: ListPage): Promise<UserRecord[]> {
    const { textMatches = [], ...rest } = filter;
    // A local user has no idp_id/protocol_id/unique_id, so a text filter on one matches nobody (as in Keystone,
    // whose controller drops every user lacking the attribute).
    if (textMatches.some((m) => isFederated(m.attribute))) return [];
    const local = textMatches.filter((m): m is TextMatch<UserTextAttribute> => !isFederated(m.attribute));
    return this.store.identity.listUsers({ ...rest, textMatches: local }, page);
  }

  findUserByName(domainId: string, name: string): Promise<UserRecord | undefined> {
    return this.store.identity.getUserByName(domainId, name);
  }

  private checkPasswordShape(password: string): void {
    if (password.length > this.passwords.maxPasswordLength) {
      throw ValidationError.field(
        'password',
        `the password is longer than ${this.passwords.maxPasswordLength} characters`,
      );
    }
    const rule = this.passwords.regex;
    if (rule && !rule.pattern.test(password)) {
      throw new ValidationError(
        `Password validation error: The password does not meet the requirements: ${rule.description ?? rule.pattern.source}.`,
      );
    }
  }

  private passwordExpiry(now: Date, user: Pick<UserRecord, 'options'>): string | null {
    const days = this.passwords.passwordExpiresDays;
    if (!days || user.options.ignore_password_expiry === true) return null;
    return new Date(now.getTime() + days * DAY_MS).toISOString();
  }

  async createUser(input: UserInput): Promise<UserRecord> {
    const domain = await this.store.resource.getProject(input.domainId);
    if (!domain?.isDomain) throw NotFoundError.resource('domain', input.domainId);
    const now = this.ctx.clock.now();
    let passwordHash: string | null = null;
    if (typeof input.password === 'string') {
      this.checkPasswordShape(input.password);
      passwordHash = await this.passwords.hash(input.password);
    }
    const { name, domainId, password: _password, enabled: requestedEnabled, options, extra, ...attributes } = input;
    const enabled = requestedEnabled ?? true;
    const user: UserRecord = {
      ...unsetUserAttributes(),
      ...attributes,
      id: newId(),
      domainId,
      name,
      enabled,
      extra: extra ?? {},
      options: options ?? {},
      passwordHash,
      passwordCreatedAt: passwordHash ? now.toISOString() : null,
      passwordExpiresAt: null,
      createdAt: now.toISOString(),
      // As Keystone's User.enabled setter: an enabled user starts its inactivity count today.
      lastActiveAt: enabled && this.inactivity.active ? now.toISOString() : null,
      failedAuthCount: 0,
      failedAuthAt: null,
    };
    if (passwordHash) {
      user.passwordExpiresAt =
        this.passwords.changePasswordUponFirstUse && user.options.ignore_change_password_upon_first_use !== true
          ? now.toISOString()
          : this.passwordExpiry(now, user);
    }
    const stored = await this.store.transaction(async (store) => {
      await store.identity.createUser(user);
      if (passwordHash) await store.identity.addPasswordHistory(user.id, passwordHash, now.toISOString());
      return store.identity.getUser(user.id);
    });
    this.ctx.audit.resource('created', 'user', user.id);
    return stored ?? user;
  }

  async updateUser(id: string, patch: UserPatch): Promise<UserRecord> {
    const user = await this.getUser(id);
    if (patch.domainId !== undefined && patch.domainId !== user.domainId) {
      throw new ValidationError('Cannot change Domain ID');
    }
    const now = this.ctx.clock.now();
    let passwordHash: string | undefined;
    if (typeof patch.password === 'string') {
      // Password history binds self-service changes only; an administrator's reset is exempt, as in Keystone.
      this.checkPasswordShape(patch.password);
      passwordHash = await this.passwords.hash(patch.password);
    }
    const options = patch.options === undefined ? undefined : mergeOptions(user.options, patch.options);
    const {
      name: _name,
      domainId: _domainId,
      password: _password,
      enabled: _enabled,
      options: _options,
      extra: _extra,
      unsetExtra: _unsetExtra,
      ...attributes
    } = patch;
    const revokeAll = patch.enabled === false || passwordHash !== undefined;
    await this.store.transaction(async (store) => {
      await store.identity.updateUser(id, {
        ...attributes,
        name: patch.name,
        enabled: patch.enabled,
        options,
        extra:
          patch.extra === undefined && patch.unsetExtra === undefined
            ? undefined
            : mergeExtra(user.extra, patch.extra, patch.unsetExtra),
        ...(passwordHash
          ? {
              passwordHash,
              passwordCreatedAt: now.toISOString(),
              // An admin reset must be changed on first use when that rule is on.
              passwordExpiresAt:
                this.passwords.changePasswordUponFirstUse &&
                (options ?? user.options).ignore_change_password_upon_first_use !== true
                  ? now.toISOString()
                  : this.passwordExpiry(now, { options: options ?? user.options }),
              failedAuthCount: 0,
            }
          : {}),
        ...(patch.enabled === true ? { failedAuthCount: 0, failedAuthAt: null } : {}),
        // Re-enabling counts as activity (Keystone's User.enabled setter), so an inactive user can sign in again.
        ...(patch.enabled === true && this.inactivity.active ? { lastActiveAt: now.toISOString() } : {}),
      });
      if (passwordHash) await store.identity.addPasswordHistory(id, passwordHash, now.toISOString());
      if (revokeAll) await store.revoke.add(revocationEvent(now, { userId: id }));
      // As Keystone: a disabled user's application credentials (and access rules) are deleted, not suspended.
      if (patch.enabled === false) await store.applicationCredentials.deleteForUser(id);
    });
    // Any change: a validated token renders its user (name, options, password expiry …) as it now is.
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('updated', 'user', id);
    if (revokeAll) await outlastRevocationSecond(now, this.ctx.clock);
    return this.getUser(id);
  }

  private async checkPasswordHistory(user: UserRecord, password: string): Promise<void> {
    const depth = this.passwords.uniqueLastPasswordCount;
    if (depth <= 0) return;
    for (const hash of await this.store.identity.listPasswordHistory(user.id, depth)) {
      if (await this.passwords.verify(password, hash)) {
        throw new ValidationError(
          `Password validation error: The new password cannot be identical to a previous password. The total number which includes the new password must be unique is ${depth}.`,
        );
      }
    }
  }

  /** POST /v3/users/{id}/password: the original password proves identity. */
  async changeOwnPassword(id: string, originalPassword: string, newPassword: string): Promise<void> {
    const user = await this.store.identity.getUser(id);
    if (!user?.passwordHash || !(await this.passwords.verify(originalPassword, user.passwordHash))) {
      throw new UnauthorizedError(
        'Error when changing user password: The request you have made requires authentication.',
      );
    }
    if (user.options.lock_password === true) {
      throw new ForbiddenError('You are not allowed to change your password.');
    }
    const minAge = this.passwords.minimumPasswordAgeDays;
    if (minAge > 0 && user.passwordCreatedAt) {
      const earliest = new Date(user.passwordCreatedAt).getTime() + minAge * DAY_MS;
      if (this.ctx.clock.now().getTime() < earliest) {
        throw new ValidationError(
          `Password validation error: You cannot change your password at this time due to the minimum password age. Once you change your password, it must be used for ${minAge} day(s) before it can be changed.`,
        );
      }
    }
    this.checkPasswordShape(newPassword);
    await this.checkPasswordHistory(user, newPassword);
    const now = this.ctx.clock.now();
    const passwordHash = await this.passwords.hash(newPassword);
    await this.store.transaction(async (store) => {
      await store.identity.updateUser(id, {
        passwordHash,
        passwordCreatedAt: now.toISOString(),
        passwordExpiresAt: this.passwordExpiry(now, user),
        failedAuthCount: 0,
      });
      await store.identity.addPasswordHistory(id, passwordHash, now.toISOString());
      await store.revoke.add(revocationEvent(now, { userId: id }));
    });
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('updated', 'user', id);
    await outlastRevocationSecond(now, this.ctx.clock);
  }

  async deleteUser(id: string): Promise<void> {
    await this.getUser(id);
    const now = this.ctx.clock.now();
    await this.store.transaction(async (store) => {
      await store.assignment.deleteAssignmentsFor({ actorId: id });
      await store.applicationCredentials.deleteForUser(id);
      await store.credentials.deleteForUser(id);
      await store.signIns.deleteForUser(id);
      await store.secondFactors.deleteForUser(id);
      // The user's OAuth1 delegations go with the user (their tokens end with the user's revocation event below).
      await store.oauth1.deleteForUser(id);
      for (const trustId of await store.trusts.deleteForUser(id))
        await store.revoke.add(revocationEvent(now, { trustId }));
      await store.identity.deleteUser(id);
      await store.revoke.add(revocationEvent(now, { userId: id }));
    });
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('deleted', 'user', id);
  }

  async getGroup(id: string): Promise<GroupRecord> {
    const group = await this.store.identity.getGroup(id);
    if (!group) throw NotFoundError.resource('group', id);
    return group;
  }

  listGroups(filter: GroupFilter, page?: ListPage): Promise<GroupRecord[]> {
    return this.store.identity.listGroups(filter, page);
  }

  async createGroup(input: {
    name: string;
    domainId: string;
    description?: string | null;
    extra?: Record<string, unknown>;
  }) {
    const domain = await this.store.resource.getProject(input.domainId);
    if (!domain?.isDomain) throw NotFoundError.resource('domain', input.domainId);
    const group: GroupRecord = {
      id: newId(),
      domainId: input.domainId,
      name: input.name,
      description: input.description ?? '',
      extra: input.extra ?? {},
    };
    await this.store.identity.createGroup(group);
    this.ctx.audit.resource('created', 'group', group.id);
    return group;
  }

  async updateGroup(
    id: string,
    patch: { name?: string; description?: string | null; domainId?: string; extra?: Record<string, unknown> },
  ) {
    const group = await this.getGroup(id);
    if (patch.domainId !== undefined && patch.domainId !== group.domainId)
      throw new ValidationError('Cannot change Domain ID');
    await this.store.identity.updateGroup(id, {
      name: patch.name,
      description: patch.description,
      extra: patch.extra === undefined ? undefined : { ...group.extra, ...patch.extra },
    });
    this.ctx.audit.resource('updated', 'group', id);
    return this.getGroup(id);
  }

  async deleteGroup(id: string): Promise<void> {
    await this.getGroup(id);
    const members = await this.store.identity.listUserIdsInGroup(id);
    const now = this.ctx.clock.now();
    await this.store.transaction(async (store) => {
      await store.assignment.deleteAssignmentsFor({ actorId: id });
      await store.identity.deleteGroup(id);
      for (const userId of members) await store.revoke.add(revocationEvent(now, { userId }));
    });
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('deleted', 'group', id);
    if (members.length > 0) await outlastRevocationSecond(now, this.ctx.clock);
  }

  async addUserToGroup(groupId: string, userId: string): Promise<void> {
    await this.getGroup(groupId);
    await this.getUser(userId);
    await this.store.identity.addMember(groupId, userId);
    this.ctx.invalidateTokenCache();
    // Keystone's added_to: an update of the group (its basic payload would name the user as the actor).
    this.ctx.audit.resource('updated', 'group', groupId);
  }

  async removeUserFromGroup(groupId: string, userId: string): Promise<void> {
    await this.getGroup(groupId);
    await this.getUser(userId);
    const now = this.ctx.clock.now();
    await this.store.transaction(async (store) => {
      if (!(await store.identity.removeMember(groupId, userId))) {
        throw new NotFoundError(`User ${userId} is not a member of group ${groupId}.`);
      }
      await store.revoke.add(revocationEvent(now, { userId }));
    });
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('updated', 'group', groupId);
    await outlastRevocationSecond(now, this.ctx.clock);
  }

  async checkUserInGroup(groupId: string, userId: string): Promise<void> {
    await this.getGroup(groupId);
    await this.getUser(userId);
    if (!(await this.store.identity.isMember(groupId, userId))) {
      throw new NotFoundError(`User ${userId} is not a member of group ${groupId}.`);
    }
  }

  async listGroupsForUser(userId: string): Promise<GroupRecord[]> {
    await this.getUser(userId);
    return this.store.identity.listGroups({ withMember: userId });
  }

  async listUsersInGroup(groupId: string): Promise<UserRecord[]> {
    await this.getGroup(groupId);
    return this.store.identity.listUsers({ inGroup: groupId });
  }
}

function mergeExtra(
  current: Record<string, unknown>,
  patch: Record<string, unknown> = {},
  unset: string[] = [],
): Record<string, unknown> {
  const merged = { ...current, ...patch };
  for (const key of unset) delete merged[key];
  return merged;
}

/** Keystone's option semantics: setting an option to null removes it. */
function mergeOptions(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
