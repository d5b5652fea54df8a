import type { AssignmentRecord, AssignmentType } from '../assignment/assignment-driver.ts';
import type { UserRecord } from '../identity/identity-driver.ts';
import type { ProjectRecord } from '../resource/resource-driver.ts';

/** A user and the domain the user belongs to (undefined if that row is missing). */
export interface UserInDomain {
  user: UserRecord;
  domain: ProjectRecord | undefined;
}

/** How a sign-in or a token names its user: by id, or by name within a domain named by id or by name. */
export type UserLookup = { id: string } | { name: string; domainId: string } | { name: string; domainName: string };

/**
 * Storage port for the token paths: each call is one statement, so that issuing, re-scoping and validating a
 * token cost a handful of statements (issue 9, "lean token paths").
 */
export interface TokenScopeDriver {
  /** The user with the user's domain (a domain named by name or id must be a domain). */
  user(lookup: UserLookup): Promise<UserInDomain | undefined>;
  /**
   * The project, then its parent, and so on up to and including its domain (nearest first): the project's
   * ancestors for inherited assignments and its domain, in one recursive query. Empty if there is no such project.
   */
  projectChain(projectId: string): Promise<ProjectRecord[]>;
  /** The assignments of these types on these targets held by the user or by any group the user is in. */
  assignmentsOf(userId: string, types: AssignmentType[], targetIds: string[]): Promise<AssignmentRecord[]>;
}
