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
  while (frontier.length > 0) {
    const next: ProjectRecord[] = [];
    for (const id of frontier) next.push(...(await resource.listProjects({ parentId: id, isDomain: false })));
    result.push(...next);
    frontier = next.map((p) => p.id);
  }
  return result;
}
