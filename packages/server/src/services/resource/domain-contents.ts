import type { Store } from '../store.ts';

/** Removes the users, groups and domain-specific roles a domain owns (with their assignments). */
export async function deleteDomainContents(store: Store, domainId: string): Promise<void> {
  for (const user of await store.identity.listUsers({ domainId })) {
    await store.assignment.deleteAssignmentsFor({ actorId: user.id });
    await store.applicationCredentials.deleteForUser(user.id);
    await store.identity.deleteUser(user.id);
  }
  for (const group of await store.identity.listGroups({ domainId })) {
    await store.assignment.deleteAssignmentsFor({ actorId: group.id });
    await store.identity.deleteGroup(group.id);
  }
  for (const role of await store.assignment.listRoles({ domainId })) {
    await store.assignment.deleteAssignmentsFor({ roleId: role.id });
    await store.assignment.deleteRole(role.id);
  }
}
