import type { Store } from '../store.ts';
import type { IdentityDriver, UserRecord } from './identity-driver.ts';
import type { UserInactivityRule } from './user-inactivity.ts';

/**
 * The identity port with [security_compliance] disable_user_account_days_inactive applied to every user it
 * reads, so that rendering, authentication and token validation all see an inactive user as disabled, as
 * Keystone's model property does. List filters on `enabled` still match the stored flag, as Keystone's
 * SQL expression for it does.
 */
function identityWithInactivity(inner: IdentityDriver, rule: UserInactivityRule): IdentityDriver {
  const effective = (user: UserRecord | undefined) => (user ? rule.effective(user) : undefined);
  return {
    getUser: async (id) => effective(await inner.getUser(id)),
    getUserByName: async (domainId, name) => effective(await inner.getUserByName(domainId, name)),
    listUsers: async (filter, page) => (await inner.listUsers(filter, page)).map((u) => rule.effective(u)),
    claimPasswordAttempt: (userId, window) => inner.claimPasswordAttempt(userId, window),
    createUser: (user) => inner.createUser(user),
    updateUser: (id, patch) => inner.updateUser(id, patch),
    deleteUser: (id) => inner.deleteUser(id),
    addPasswordHistory: (userId, hash, createdAt) => inner.addPasswordHistory(userId, hash, createdAt),
    listPasswordHistory: (userId, limit) => inner.listPasswordHistory(userId, limit),
    getGroup: (id) => inner.getGroup(id),
    listGroups: (filter, page) => inner.listGroups(filter, page),
    createGroup: (group) => inner.createGroup(group),
    updateGroup: (id, patch) => inner.updateGroup(id, patch),
    deleteGroup: (id) => inner.deleteGroup(id),
    addMember: (groupId, userId) => inner.addMember(groupId, userId),
    removeMember: (groupId, userId) => inner.removeMember(groupId, userId),
    isMember: (groupId, userId) => inner.isMember(groupId, userId),
    listGroupIdsForUser: (userId) => inner.listGroupIdsForUser(userId),
    listUserIdsInGroup: (groupId) => inner.listUserIdsInGroup(groupId),
  };
}

/** The store every service uses, with the inactivity rule on its identity port (transactions included). */
export function storeWithUserInactivity(store: Store, rule: UserInactivityRule): Store {
  if (!rule.active) return store;
  // Every other port as it is (own properties of the store); a port added later needs no change here.
  return {
    ...store,
    identity: identityWithInactivity(store.identity, rule),
    tokenScope: {
      user: async (lookup) => {
        const found = await store.tokenScope.user(lookup);
        return found && { ...found, user: rule.effective(found.user) };
      },
      projectChain: (projectId) => store.tokenScope.projectChain(projectId),
      assignmentsOf: (userId, types, targetIds) => store.tokenScope.assignmentsOf(userId, types, targetIds),
    },
    transaction: (fn) => store.transaction((tx) => fn(storeWithUserInactivity(tx, rule))),
  };
}
