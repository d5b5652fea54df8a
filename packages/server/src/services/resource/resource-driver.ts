import type { ListPage } from '../list-page.ts';
import type { TextMatches } from '../text-match.ts';

/** Keystone stores domains as projects whose domain_id is this sentinel. */
export const ROOT_DOMAIN_SENTINEL = '<<keystone.domain.root>>';

/** Storage port for domains and projects (a domain is a project with isDomain = true). */
export interface ProjectRecord {
  id: string;
  name: string;
  /** For domains: the root sentinel. */
  domainId: string;
  parentId: string | null;
  isDomain: boolean;
  enabled: boolean;
  description: string | null;
  extra: Record<string, unknown>;
}

/** The project (and domain) attributes a list can match as text; a domain's domainId is null, matching nothing. */
export type ProjectTextAttribute = 'name' | 'domainId' | 'parentId';

export interface ProjectFilter {
  domainId?: string;
  name?: string;
  enabled?: boolean;
  isDomain?: boolean;
  parentId?: string;
  /** Any of these parents (one level of a subtree at a time). */
  parentIds?: string[];
  ids?: string[];
  textMatches?: TextMatches<ProjectTextAttribute>;
  /** Keystone's tag filters: every one of `tags`, at least one of `tagsAny` (none when empty), not every one of
   * `notTags` (so, when empty, no project), none of `notTagsAny`. */
  tags?: string[];
  tagsAny?: string[];
  notTags?: string[];
  notTagsAny?: string[];
}

export interface ResourceDriver {
  getProject(id: string): Promise<ProjectRecord | undefined>;
  getProjectByName(domainId: string, name: string): Promise<ProjectRecord | undefined>;
  /** The matching projects (and domains) in id order; a page reads only its slice (WHERE id > after … LIMIT take). */
  listProjects(filter: ProjectFilter, page?: ListPage): Promise<ProjectRecord[]>;
  createProject(project: ProjectRecord): Promise<void>;
  updateProject(id: string, patch: Partial<Omit<ProjectRecord, 'id'>>): Promise<void>;
  /** Deletes the project row (and its tags); false when it was already gone (a concurrent delete won). */
  deleteProject(id: string): Promise<boolean>;
  /**
   * Reads a project and holds a row lock on it until the enclosing transaction ends: 'share' for writes that
   * need the project to go on existing (a child, a grant), 'update' for writes that change or delete it.
   * Without a transaction it is a plain read. SQLite serialises writers, so there it needs no lock.
   */
  lockProject(id: string, mode: 'share' | 'update'): Promise<ProjectRecord | undefined>;
  /** Adds one tag unless present (concurrent identical PUTs both succeed). */
  addTag(projectId: string, tag: string): Promise<void>;
  listTags(projectIds: string[]): Promise<Map<string, string[]>>;
  replaceTags(projectId: string, tags: string[]): Promise<void>;
}
