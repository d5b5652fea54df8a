import type { UserClientAttributeValues } from '@xloud/identity-schemas';
import type { CamelCaseKeys } from '../../wire-case.ts';
import type { ListPage } from '../list-page.ts';
import type { TextMatches } from '../text-match.ts';

/**
 * The plain attributes a client sets on a user (default_project_id, description, email, …): stored and shown as
 * given. Declared once, in @xloud/identity-schemas (user-attributes.ts); the record, the identity_user row
 * (storage/tables.ts), the request's attributes and the rendered user all follow from there.
 */
export type UserAttributes = CamelCaseKeys<UserClientAttributeValues>;

/** Storage port for users, groups and group membership. */
export interface UserRecord extends UserAttributes {
  id: string;
  domainId: string;
  name: string;
  enabled: boolean;
  extra: Record<string, unknown>;
  options: Record<string, unknown>;
  passwordHash: string | null;
  passwordCreatedAt: string | null;
  passwordExpiresAt: string | null;
  createdAt: string;
  lastActiveAt: string | null;
  failedAuthCount: number;
  failedAuthAt: string | null;
}

/** The user attributes a list can match as text (`name__contains`, `domain_id__startswith`, …). */
export type UserTextAttribute = 'name' | 'domainId';

export interface UserFilter {
  domainId?: string;
  name?: string;
  enabled?: boolean;
  ids?: string[];
  /** Members of this group (one query with its membership, however large the group). */
  inGroup?: string;
  textMatches?: TextMatches<UserTextAttribute>;
}

export interface GroupRecord {
  id: string;
  domainId: string;
  name: string;
  description: string | null;
  extra: Record<string, unknown>;
}

/** The group attributes a list can match as text. */
export type GroupTextAttribute = 'name' | 'domainId';

export interface GroupFilter {
  domainId?: string;
  name?: string;
  ids?: string[];
  /** The groups this user is a member of. */
  withMember?: string;
  textMatches?: TextMatches<GroupTextAttribute>;
}

/** [security_compliance] lockout settings, as one atomic SQL update needs them. */
export interface LockoutWindow {
  attempts: number;
  /** Failures at or before this instant no longer count (ISO time): a lock, or a run of failures, has expired. */
  expiredBefore: string;
  now: string;
}

export interface IdentityDriver {
  getUser(id: string): Promise<UserRecord | undefined>;
  /**
   * Counts one password attempt against the lockout before the password is checked, in one atomic update:
   * false when the account is locked (the attempt is refused unchecked). Parallel attempts therefore can
   * never check more than `attempts` passwords; a correct password clears the count afterwards.
   */
  claimPasswordAttempt(userId: string, window: LockoutWindow): Promise<boolean>;
  getUserByName(domainId: string, name: string): Promise<UserRecord | undefined>;
  /** The matching users in id order; a page reads only its slice (WHERE id > after … LIMIT take). */
  listUsers(filter: UserFilter, page?: ListPage): Promise<UserRecord[]>;
  createUser(user: UserRecord): Promise<void>;
  updateUser(id: string, patch: Partial<Omit<UserRecord, 'id'>>): Promise<void>;
  deleteUser(id: string): Promise<void>;
  addPasswordHistory(userId: string, passwordHash: string, createdAt: string): Promise<void>;
  listPasswordHistory(userId: string, limit: number): Promise<string[]>;

  getGroup(id: string): Promise<GroupRecord | undefined>;
  /** The matching groups in id order; a page reads only its slice. */
  listGroups(filter: GroupFilter, page?: ListPage): Promise<GroupRecord[]>;
  createGroup(group: GroupRecord): Promise<void>;
  updateGroup(id: string, patch: Partial<Omit<GroupRecord, 'id'>>): Promise<void>;
  deleteGroup(id: string): Promise<void>;

  addMember(groupId: string, userId: string): Promise<void>;
  removeMember(groupId: string, userId: string): Promise<boolean>;
  isMember(groupId: string, userId: string): Promise<boolean>;
  listGroupIdsForUser(userId: string): Promise<string[]>;
  listUserIdsInGroup(groupId: string): Promise<string[]>;
}
