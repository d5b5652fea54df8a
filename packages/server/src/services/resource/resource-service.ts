import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { newId } from '../../crypto/ids.ts';
import type { ListPage } from '../list-page.ts';
import type { ServiceContext } from '../service-context.ts';
import type { Store } from '../store.ts';
import { deleteDomainContents } from './domain-contents.ts';
import { projectAncestors, projectSubtree } from './project-tree.ts';
import { ROOT_DOMAIN_SENTINEL, type ProjectFilter, type ProjectRecord } from './resource-driver.ts';
import { assertNameUrlSafe, type UrlSafeNames } from './url-safe-names.ts';

export interface ProjectInput {
  name: string;
  domainId?: string;
  parentId?: string | null;
  isDomain?: boolean;
  enabled?: boolean;
  description?: string | null;
  tags?: string[];
  extra?: Record<string, unknown>;
}

export interface Project extends ProjectRecord {
  tags: string[];
}

/** Domains and projects (Keystone's "resource" subsystem). */
export class ResourceService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly maxProjectTreeDepth: number,
    private readonly urlSafeNames: UrlSafeNames,
  ) {}

  private get store(): Store {
    return this.ctx.store;
  }

  async getDomain(id: string): Promise<ProjectRecord> {
    const domain = await this.store.resource.getProject(id);
    if (!domain?.isDomain) throw NotFoundError.resource('domain', id);
    return domain;
  }

  async findDomainByName(name: string): Promise<ProjectRecord | undefined> {
    return this.store.resource.getProjectByName(ROOT_DOMAIN_SENTINEL, name);
  }

  async getDomainByName(name: string): Promise<ProjectRecord> {
    const domain = await this.findDomainByName(name);
    if (!domain) throw NotFoundError.resource('domain', name);
    return domain;
  }

  listDomains(
    filter: Pick<ProjectFilter, 'name' | 'enabled' | 'ids' | 'textMatches'>,
    page?: ListPage,
  ): Promise<ProjectRecord[]> {
    return this.store.resource.listProjects({ ...filter, isDomain: true, domainId: ROOT_DOMAIN_SENTINEL }, page);
  }

  async createDomain(input: {
    id?: string;
    name: string;
    enabled?: boolean;
    description?: string | null;
    extra?: Record<string, unknown>;
  }) {
    // Also for POST /v3/projects with is_domain: true (Keystone checks the project option there, but the
    // name is a domain's, and renaming it later is checked against the domain option in Keystone too).
    assertNameUrlSafe('Domain', this.urlSafeNames.domain, input.name);
    const domain: ProjectRecord = {
      id: input.id ?? newId(),
      name: input.name,
      domainId: ROOT_DOMAIN_SENTINEL,
      parentId: null,
      isDomain: true,
      enabled: input.enabled ?? true,
      description: input.description ?? '',
      extra: input.extra ?? {},
    };
    await this.store.resource.createProject(domain);
    this.ctx.audit.resource('created', 'domain', domain.id);
    return domain;
  }

  async updateDomain(
    id: string,
    patch: { name?: string; enabled?: boolean; description?: string | null; extra?: Record<string, unknown> },
  ) {
    const domain = await this.getDomain(id);
    if (patch.name !== undefined && patch.name !== domain.name)
      assertNameUrlSafe('Domain', this.urlSafeNames.domain, patch.name);
    if (id === this.ctx.defaultDomainId && patch.enabled === false) {
      throw new ValidationError(`Invalid input for field 'enabled': the default domain cannot be disabled.`);
    }
    await this.store.resource.updateProject(id, {
      name: patch.name,
      enabled: patch.enabled,
      description: patch.description,
      extra: patch.extra === undefined ? undefined : { ...domain.extra, ...patch.extra },
    });
    // Any change: a validated token renders its project and domains (names included) as they now are.
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('updated', 'domain', id);
    return this.getDomain(id);
  }

  /** Deletes a disabled domain with everything it owns (Keystone's cascade). */
  async deleteDomain(id: string) {
    const domain = await this.getDomain(id);
    if (id === this.ctx.defaultDomainId) throw new ForbiddenError('Cannot delete the default domain.');
    if (domain.enabled) throw new ForbiddenError('Cannot delete a domain that is enabled, please disable it first.');
    await this.store.transaction(async (store) => {
      // Holds off projects being created in it meanwhile (they lock their parent for share), and parallel deletes.
      if (!(await store.resource.lockProject(id, 'update'))) throw NotFoundError.resource('domain', id);
      const projects = await store.resource.listProjects({ domainId: id });
      // children before parents
      const depth = (p: ProjectRecord): number => {
        let d = 0;
        let parent = p.parentId;
        while (parent && parent !== id) {
          d += 1;
          parent = projects.find((x) => x.id === parent)?.parentId ?? null;
        }
        return d;
      };
      for (const project of projects.sort((a, b) => depth(b) - depth(a))) {
        await this.deleteProjectIn(store, project.id);
      }
      await deleteDomainContents(store, id);
      await store.domainConfig.deleteOptions(id);
      await store.assignment.deleteAssignmentsFor({ targetId: id });
      await store.resource.deleteProject(id);
    });
    // Its domain-specific roles went with it.
    this.ctx.rolesChanged();
    this.ctx.audit.resource('deleted', 'domain', id);
  }

  async getProject(id: string): Promise<Project> {
    const project = await this.store.resource.getProject(id);
    if (!project || project.isDomain) {
      // Keystone's project API also shows is_domain projects by id.
      if (project) return { ...project, tags: [] };
      throw NotFoundError.resource('project', id);
    }
    const tags = await this.store.resource.listTags([id]);
    return { ...project, tags: tags.get(id) ?? [] };
  }

  async findProjectByName(domainId: string, name: string): Promise<ProjectRecord | undefined> {
    const project = await this.store.resource.getProjectByName(domainId, name);
    return project && !project.isDomain ? project : undefined;
  }

  /** Projects (or, with isDomain, domains) with their tags; every filter, the tag filters too, is answered in SQL. */
  async listProjects(filter: ProjectFilter, page?: ListPage): Promise<Project[]> {
    const projects =
      filter.isDomain === true
        ? await this.store.resource.listProjects({ ...filter, domainId: filter.domainId ?? ROOT_DOMAIN_SENTINEL }, page)
        : await this.store.resource.listProjects({ ...filter, isDomain: false }, page);
    const tagMap = await this.store.resource.listTags(projects.map((p) => p.id));
    return projects.map((p) => ({ ...p, tags: tagMap.get(p.id) ?? [] }));
  }

  async createProject(input: ProjectInput): Promise<Project> {
    if (input.isDomain) {
      const domain = await this.createDomain({
        name: input.name,
        enabled: input.enabled,
        description: input.description,
        extra: input.extra,
      });
      return { ...domain, tags: [] };
    }
    assertNameUrlSafe('Project', this.urlSafeNames.project, input.name);
    let domainId = input.domainId;
    let parentId = input.parentId ?? null;
    if (parentId) {
      const parent = await this.store.resource.getProject(parentId);
      if (!parent) throw NotFoundError.resource('project', parentId);
      const parentDomainId = parent.isDomain ? parent.id : parent.domainId;
      domainId ??= parentDomainId;
      if (domainId !== parentDomainId) {
        throw new ValidationError(
          `Cannot create project, since it specifies its domain_id ${domainId}, but specifies a parent in a different domain (${parentDomainId}).`,
        );
      }
      if (!parent.isDomain) {
        if ((await this.ancestors(parent)).length + 2 > this.maxProjectTreeDepth) {
          throw new ForbiddenError(`Max hierarchy depth reached for ${parentId} branch.`);
        }
      }
    }
    domainId ??= this.ctx.defaultDomainId;
    const domain = await this.store.resource.getProject(domainId);
    if (!domain?.isDomain) throw NotFoundError.resource('domain', domainId);
    if (!parentId) parentId = domainId;
    const project: ProjectRecord = {
      id: newId(),
      name: input.name,
      domainId,
      parentId,
      isDomain: false,
      enabled: input.enabled ?? true,
      description: input.description ?? '',
      extra: input.extra ?? {},
    };
    const tags = input.tags ?? [];
    await this.store.transaction(async (store) => {
      // The parent (or domain) must still exist when the child is written: a parent deleted meanwhile would
      // leave an orphan. Its delete takes the row lock for update, so one of the two waits for the other.
      if (!(await store.resource.lockProject(parentId, 'share'))) throw NotFoundError.resource('project', parentId);
      await store.resource.createProject(project);
      if (tags.length > 0) await store.resource.replaceTags(project.id, tags);
    });
    this.ctx.audit.resource('created', 'project', project.id);
    return { ...project, tags };
  }

  async updateProject(
    id: string,
    patch: {
      name?: string;
      enabled?: boolean;
      description?: string | null;
      domainId?: string;
      isDomain?: boolean;
      parentId?: string | null;
      tags?: string[];
      extra?: Record<string, unknown>;
    },
  ): Promise<Project> {
    const project = await this.getProject(id);
    // Only a new name is checked, so existing unsafe names can still be edited otherwise (as Keystone).
    if (patch.name !== undefined && patch.name !== project.name) {
      assertNameUrlSafe(
        project.isDomain ? 'Domain' : 'Project',
        project.isDomain ? this.urlSafeNames.domain : this.urlSafeNames.project,
        patch.name,
      );
    }
    if (patch.domainId !== undefined && patch.domainId !== project.domainId) {
      throw new ValidationError('Update of `domain_id` is not allowed.');
    }
    if (patch.isDomain !== undefined && patch.isDomain !== project.isDomain) {
      throw new ValidationError('Update of `is_domain` is not allowed.');
    }
    if (patch.parentId !== undefined && patch.parentId !== project.parentId) {
      throw new ForbiddenError('Update of `parent_id` is not allowed.');
    }
    if (patch.enabled === false && project.enabled) {
      const children = await this.store.resource.listProjects({ parentId: id });
      if (children.some((c) => c.enabled)) {
        throw new ForbiddenError(`Cannot disable project ${id} since its subtree contains enabled projects.`);
      }
    }
    if (patch.enabled === true && project.parentId) {
      const parent = await this.store.resource.getProject(project.parentId);
      if (parent && !parent.isDomain && !parent.enabled) {
        throw new ForbiddenError(`Cannot enable project ${id} since it has disabled parents.`);
      }
    }
    await this.store.transaction(async (store) => {
      if (!(await store.resource.lockProject(id, 'update'))) throw NotFoundError.resource('project', id);
      await store.resource.updateProject(id, {
        name: patch.name,
        enabled: patch.enabled,
        description: patch.description,
        extra: patch.extra === undefined ? undefined : { ...project.extra, ...patch.extra },
      });
      if (patch.tags !== undefined) await store.resource.replaceTags(id, patch.tags);
    });
    // Any change: a validated token renders its project and domains (names included) as they now are.
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('updated', 'project', id);
    return this.getProject(id);
  }

  async deleteProject(id: string): Promise<void> {
    const project = await this.getProject(id);
    if (project.isDomain) return this.deleteDomain(id);
    await this.store.transaction(async (store) => {
      // Under the row lock: a parallel delete finds it gone (404), a child or grant written meanwhile is seen.
      if (!(await store.resource.lockProject(id, 'update'))) throw NotFoundError.resource('project', id);
      const children = await store.resource.listProjects({ parentId: id });
      if (children.length > 0)
        throw new ForbiddenError(`Cannot delete the project ${id} since it is not a leaf in the hierarchy.`);
      await this.deleteProjectIn(store, id);
    });
    this.ctx.invalidateTokenCache();
    this.ctx.audit.resource('deleted', 'project', id);
  }

  private async deleteProjectIn(store: Store, id: string): Promise<void> {
    await store.assignment.deleteAssignmentsFor({ targetId: id });
    await store.applicationCredentials.deleteForProject(id);
    await store.credentials.deleteForProject(id);
    await store.endpointFilter.deleteForProject(id);
    await store.resource.deleteProject(id);
    await store.revoke.add({
      domainId: null,
      projectId: id,
      userId: null,
      roleId: null,
      trustId: null,
      consumerId: null,
      accessTokenId: null,
      issuedBefore: this.ctx.clock.now().toISOString(),
      expiresAt: null,
      revokedAt: this.ctx.clock.now().toISOString(),
      auditId: null,
      auditChainId: null,
    });
  }

  /** Ancestors from parent up to (not including) the domain. */
  ancestors(project: ProjectRecord): Promise<ProjectRecord[]> {
    return projectAncestors(this.store.resource, project);
  }

  subtree(projectId: string): Promise<ProjectRecord[]> {
    return projectSubtree(this.store.resource, projectId);
  }

  /** Tag writes lock the project: two identical PUTs both answer 204, and the limit of 80 holds under races. */
  async addTag(projectId: string, tag: string): Promise<void> {
    await this.store.transaction(async (store) => {
      if (!(await store.resource.lockProject(projectId, 'update'))) throw NotFoundError.resource('project', projectId);
      const tags = (await store.resource.listTags([projectId])).get(projectId) ?? [];
      if (tags.includes(tag)) return;
      if (tags.length >= 80) throw new ValidationError('The number of tags exceeds the limit of 80.');
      await store.resource.addTag(projectId, tag);
    });
  }

  async removeTag(projectId: string, tag: string): Promise<void> {
    await this.store.transaction(async (store) => {
      if (!(await store.resource.lockProject(projectId, 'update'))) throw NotFoundError.resource('project', projectId);
      const tags = (await store.resource.listTags([projectId])).get(projectId) ?? [];
      if (!tags.includes(tag)) throw NotFoundError.resource('tag', tag);
      await store.resource.replaceTags(
        projectId,
        tags.filter((t) => t !== tag),
      );
    });
  }

  async replaceTags(projectId: string, tags: string[]): Promise<string[]> {
    const unique = [...new Set(tags)];
    await this.store.transaction(async (store) => {
      if (!(await store.resource.lockProject(projectId, 'update'))) throw NotFoundError.resource('project', projectId);
      await store.resource.replaceTags(projectId, unique);
    });
    return unique;
  }
}
