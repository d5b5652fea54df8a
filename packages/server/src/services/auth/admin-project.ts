import type { ProjectRecord } from '../resource/resource-driver.ts';

/** [resource] admin_project_name and admin_project_domain_name: the cloud admin project, by names. */
export interface AdminProject {
  name: string;
  domainName: string;
}

/** Both options, or none: start-up refuses only one of them (conf/cross-checks.ts). */
export function adminProjectFrom(resource: {
  admin_project_name?: string;
  admin_project_domain_name?: string;
}): AdminProject | undefined {
  const { admin_project_name: name, admin_project_domain_name: domainName } = resource;
  return name !== undefined && domainName !== undefined ? { name, domainName } : undefined;
}

/**
 * A project-scoped token's is_admin_project, as Keystone's render_token computes it: whether the project and
 * its domain carry the configured names. Undefined (the field is left out) when no admin project is configured.
 */
export function isAdminProject(
  admin: AdminProject | undefined,
  project: ProjectRecord,
  projectDomain: ProjectRecord,
): boolean | undefined {
  if (!admin) return undefined;
  return project.name === admin.name && projectDomain.name === admin.domainName;
}
