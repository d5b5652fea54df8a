import type { ProjectRecord, ResourceDriver } from './resource-driver.ts';

/** Ancestors from the parent up to (not including) the domain; cycle-safe. */
export async function projectAncestors(resource: ResourceDriver, project: ProjectRecord): Promise<ProjectRecord[]> {
  const chain: ProjectRecord[] = [];
  const seen = new Set<string>([project.id]);
  let parentId = project.parentId;
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = await resource.getProject(parentId);
    if (!parent || parent.isDomain) break;
    chain.push(parent);
    parentId = parent.parentId;
  }
  return chain;
}

/** Every project below this one, breadth first (the project itself excluded). */
export async function projectSubtree(resource: ResourceDriver, projectId: string): Promise<ProjectRecord[]> {
  const result: ProjectRecord[] = [];
  let frontier = [projectId];
  // One statement per level (parent_id IN the level above), not one per project: a domain-inherited role on the
  // scale benchmark's project trees cost ~250 statements per GET /v3/role_assignments?effective.
  while (frontier.length > 0) {
    const children = new Map<string, ProjectRecord[]>();
    for (let i = 0; i < frontier.length; i += SUBTREE_CHUNK) {
      const parentIds = frontier.slice(i, i + SUBTREE_CHUNK);
      for (const child of await resource.listProjects({ parentIds, isDomain: false })) {
        const siblings = children.get(child.parentId!) ?? [];
        siblings.push(child);
        children.set(child.parentId!, siblings);
      }
    }
    // The order of one query per parent, as before: parent by parent, each one's children by id.
    const next = frontier.flatMap((id) => children.get(id) ?? []);
    result.push(...next);
    frontier = next.map((p) => p.id);
  }
  return result;
}

/** Parents per statement of projectSubtree (bounded for the databases' limits on bound parameters). */
const SUBTREE_CHUNK = 500;
