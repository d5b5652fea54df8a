import type { Store } from '../store.ts';

/**
 * Keystone deletes a user's application credentials on a project when a role of that user on the project
 * is removed (not only the credentials that carried the role), and all of them when the user is disabled.
 * Keeping them would let a credential outlive the grant it was made from, or come back to life when the
 * role is granted again. Their tokens die with them: validation finds the credential gone.
 */
export async function deleteUserCredentialsOnProjects(
  store: Store,
  userId: string,
  projectIds: string[],
): Promise<void> {
  for (const projectId of new Set(projectIds)) {
    for (const credential of await store.applicationCredentials.list({ userId, projectId })) {
      await store.applicationCredentials.delete(credential.id);
    }
  }
}

/** For every user's direct project assignment of the role being deleted (Keystone's role-removal notification). */
export async function deleteCredentialsForRoleRemoval(store: Store, roleId: string): Promise<void> {
  const assignments = await store.assignment.listAssignments({ types: ['UserProject'], roleId });
  for (const a of assignments) await deleteUserCredentialsOnProjects(store, a.actorId, [a.targetId]);
}
