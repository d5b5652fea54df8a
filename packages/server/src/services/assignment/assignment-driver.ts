import type { TextMatches } from '../text-match.ts';

export type AssignmentType =
  | 'UserProject'
  | 'GroupProject'
  | 'UserDomain'
  | 'GroupDomain'
  | 'UserSystem'
  | 'GroupSystem';

/** Storage port for roles, role inference rules and role assignments. */
export interface RoleRecord {
  id: string;
  name: string;
  /** null for a global role. */
  domainId: string | null;
  description: string | null;
  options: Record<string, unknown>;
  extra: Record<string, unknown>;
}

export interface ImpliedRoleRecord {
  priorRoleId: string;
  impliedRoleId: string;
}

export interface AssignmentRecord {
  type: AssignmentType;
  actorId: string;
  /** project id, domain id, or 'system'. */
  targetId: string;
  roleId: string;
  inherited: boolean;
}

/** The role attributes a list can match as text; a global role's domainId is null, matching nothing. */
export type RoleTextAttribute = 'name' | 'domainId';

export interface RoleFilter {
  name?: string;
  /** null: global roles only. */
  domainId?: string | null;
  ids?: string[];
  textMatches?: TextMatches<RoleTextAttribute>;
}

export interface AssignmentFilter {
  types?: AssignmentType[];
  actorIds?: string[];
  targetIds?: string[];
  roleId?: string;
  inherited?: boolean;
}

export interface AssignmentDriver {
  getRole(id: string): Promise<RoleRecord | undefined>;
  listRoles(filter: RoleFilter): Promise<RoleRecord[]>;
  createRole(role: RoleRecord): Promise<void>;
  updateRole(id: string, patch: Partial<Omit<RoleRecord, 'id'>>): Promise<void>;
  deleteRole(id: string): Promise<void>;

  listImpliedRoles(): Promise<ImpliedRoleRecord[]>;
  createImpliedRole(rule: ImpliedRoleRecord): Promise<void>;
  deleteImpliedRole(rule: ImpliedRoleRecord): Promise<boolean>;

  listAssignments(filter: AssignmentFilter): Promise<AssignmentRecord[]>;
  createAssignment(assignment: AssignmentRecord): Promise<void>;
  deleteAssignment(assignment: AssignmentRecord): Promise<boolean>;
  /** Removes every assignment naming this actor, target or role (cascade on delete). */
  deleteAssignmentsFor(where: { actorId?: string; targetId?: string; roleId?: string }): Promise<void>;
}
