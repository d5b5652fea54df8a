import { Button, Label, LabelGroup, Spinner, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, TreeRowWrapper, Tr } from '@patternfly/react-table';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { Project } from '@xloud/sdk/browser';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/errors.ts';
import { t } from '../../i18n/t.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { AdminPage } from './components/AdminPage.tsx';
import { fetchPage, nameFilter, nameMatch } from './components/api.ts';
import { EnabledLabel, ListStates, Value } from './components/bits.tsx';
import { DomainFilter, useDomainChoices, useDomainName } from './components/DomainSelect.tsx';
import { SelectField } from './components/fields.tsx';
import { MarkerPager } from './components/Pager.tsx';
import { usePagedList, type ListPage } from './components/paging.ts';
import { homeDomainId, useAdminPermissions } from './components/permissions.ts';
import { SearchBox } from './components/SearchBox.tsx';
import { Toasts, useToasts } from './components/Toasts.tsx';
import { useUrlParam } from './components/useUrlParam.ts';
import { ProjectDialogs, ProjectRowActions, PROJECTS_KEY, useProjectName, type ProjectDialog, type ProjectPermissions } from './ProjectDialogs.tsx';

const ACTIONS = ['identity:create_project', 'identity:update_project', 'identity:delete_project'] as const;
/** Sub-projects load this many at a time when a project is expanded ("Show more" fetches the next page). */
const CHILD_PAGE = 50;
const COLUMNS = 5;

/**
 * Projects as a tree: the top-level projects of a domain a page at a time (limit/marker), each project's
 * sub-projects loaded only when it is expanded. A search asks the server and shows the matches as a flat list.
 */
export default function ProjectsPage() {
  const session = useCurrentSession();
  const permissions = useAdminPermissions(ACTIONS);
  const [dialog, setDialog] = useState<ProjectDialog | null>(null);
  const toasts = useToasts();
  const [domainParam, setDomain] = useUrlParam('domain');
  const domainId = domainParam || homeDomainId(session.token);
  const rights: ProjectPermissions = {
    canCreate: permissions.allowed('identity:create_project') === true,
    canUpdate: permissions.allowed('identity:update_project') === true,
    canDelete: permissions.allowed('identity:delete_project') === true,
  };
  return (
    <AdminPage
      action="identity:list_projects"
      title={t('admin.projects.title')}
      description={t('admin.projects.description')}
      actions={
        rights.canCreate ? (
          <Button onClick={() => setDialog({ kind: 'create', domainId })} data-testid="create-project">
            {t('admin.projects.create')}
          </Button>
        ) : null
      }
    >
      <ProjectsBrowser domainId={domainId} onDomain={setDomain} onDialog={setDialog} rights={rights} />
      <ProjectDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function ProjectsBrowser({ domainId, onDomain, onDialog, rights }: { domainId: string; onDomain(id: string): void; onDialog(d: ProjectDialog): void; rights: ProjectPermissions }) {
  const [search, setSearch] = useUrlParam('q');
  const [searchDomain, setSearchDomain] = useUrlParam('in');
  const { canChoose, domains } = useDomainChoices();
  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchBox kind="projects" label={t('admin.projects.search')} value={search} onSearch={setSearch} />
          </ToolbarItem>
          {search ? (
            <ToolbarItem>
              <DomainFilter id="projects-search-domain" value={searchDomain} onChange={setSearchDomain} />
            </ToolbarItem>
          ) : canChoose && domains.length > 1 ? (
            <ToolbarItem>
              <SelectField
                id="projects-domain"
                label={t('admin.projects.treeDomain')}
                value={domainId}
                onChange={onDomain}
                choices={domains.map((d) => ({ value: d.id, label: d.name }))}
              />
            </ToolbarItem>
          ) : null}
        </ToolbarContent>
      </Toolbar>
      {search ? (
        <ProjectSearchResults search={search} domainId={searchDomain} onDialog={onDialog} rights={rights} />
      ) : (
        <ProjectTree domainId={domainId} onDialog={onDialog} rights={rights} />
      )}
    </>
  );
}

function TagLabels({ tags, name }: { tags: string[] | undefined; name: string }) {
  if (!tags || tags.length === 0) return <span className="xloud-adm-muted">{t('value.none')}</span>;
  return (
    <LabelGroup numLabels={3} aria-label={t('admin.projects.tagsOf', { name })} expandedText={t('admin.labels.showLess')} collapsedText={t('admin.labels.more')}>
      {tags.map((tag) => (
        <Label key={tag} isCompact color="blue">
          <bdi>{tag}</bdi>
        </Label>
      ))}
    </LabelGroup>
  );
}

function ProjectTree({ domainId, onDialog, rights }: { domainId: string; onDialog(d: ProjectDialog): void; rights: ProjectPermissions }) {
  const { paging, query } = usePagedList<Project>({
    queryKey: [...PROJECTS_KEY, 'roots'],
    resetKey: domainId,
    fetchPage: (limit, marker) => fetchPage<Project>('projects', { parent_id: domainId }, limit, marker),
  });
  const roots = query.data?.items ?? [];
  return (
    <>
      <ListStates
        isLoading={query.isLoading}
        error={query.error}
        retry={() => void query.refetch()}
        isEmpty={roots.length === 0}
        emptyTitle={t('admin.projects.empty')}
        action="identity:list_projects"
      >
        <Table isTreeTable aria-label={t('admin.projects.treeLabel')} variant="compact" data-testid="projects-tree">
          <Thead>
            <Tr>
              <Th>{t('admin.field.name')}</Th>
              <Th>{t('admin.field.description')}</Th>
              <Th>{t('admin.field.tags')}</Th>
              <Th>{t('admin.field.status')}</Th>
              <Th screenReaderText={t('action.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {roots.map((project, index) => (
              <ProjectNode key={project.id} project={project} level={1} position={index + 1} onDialog={onDialog} rights={rights} />
            ))}
          </Tbody>
        </Table>
      </ListStates>
      <MarkerPager label={t('admin.pager.label', { what: t('admin.projects.title') })} paging={paging} nextMarker={query.data?.nextMarker} isBusy={query.isFetching} />
    </>
  );
}

/** A row under an expanded project that is not a project: loading, none, failed, show more. */
function StatusRow({ level, children }: { level: number; children: ReactNode }) {
  const props = { 'aria-level': level, 'aria-posinset': 1, 'aria-setsize': 0, isExpanded: false };
  return (
    <TreeRowWrapper row={{ props }} className="xloud-adm-tree-status">
      <Td treeRow={{ onCollapse: () => undefined, rowIndex: 0, props }} colSpan={COLUMNS}>
        {children}
      </Td>
    </TreeRowWrapper>
  );
}

function ProjectNode({
  project,
  level,
  position,
  onDialog,
  rights,
}: {
  project: Project;
  level: number;
  position: number;
  onDialog(d: ProjectDialog): void;
  rights: ProjectPermissions;
}) {
  const [expanded, setExpanded] = useState(false);
  const [details, setDetails] = useState(false);
  const children = useInfiniteQuery({
    queryKey: [...PROJECTS_KEY, 'children', project.id],
    queryFn: ({ pageParam }) => fetchPage<Project>('projects', { parent_id: project.id }, CHILD_PAGE, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: ListPage<Project>) => last.nextMarker,
    enabled: expanded,
  });
  const loaded = children.data?.pages.flatMap((page) => page.items) ?? [];
  // Unknown until expanded once: every project offers to expand; a leaf then says it has no sub-projects.
  const childCount = children.isSuccess ? loaded.length : 1;
  const props = {
    isExpanded: expanded,
    isDetailsExpanded: details,
    'aria-level': level,
    'aria-posinset': position,
    'aria-setsize': childCount,
    toggleAriaLabel: expanded ? t('admin.projects.collapse', { name: project.name }) : t('admin.projects.expand', { name: project.name }),
    showDetailsAriaLabel: t('admin.projects.showDetails', { name: project.name }),
  };
  return (
    <>
      <TreeRowWrapper row={{ props }} data-testid="project-row" data-project-id={project.id}>
        <Td
          dataLabel={t('admin.field.name')}
          treeRow={{ onCollapse: () => setExpanded((e) => !e), onToggleRowDetails: () => setDetails((d) => !d), rowIndex: position, props }}
        >
          <Link to={`/identity/projects/${encodeURIComponent(project.id)}`} className="xloud-break" data-testid="project-link">
            <bdi>{project.name}</bdi>
          </Link>
        </Td>
        <Td dataLabel={t('admin.field.description')}>
          <Value>{typeof project.description === 'string' ? project.description : undefined}</Value>
        </Td>
        <Td dataLabel={t('admin.field.tags')}>
          <TagLabels tags={project.tags} name={project.name} />
        </Td>
        <Td dataLabel={t('admin.field.status')}>
          <EnabledLabel enabled={project.enabled} />
        </Td>
        <Td isActionCell>
          <ProjectRowActions project={project} onDialog={onDialog} permissions={rights} />
        </Td>
      </TreeRowWrapper>
      {expanded ? (
        children.isLoading ? (
          <StatusRow level={level + 1}>
            <Spinner size="md" aria-label={t('admin.projects.loadingChildren', { name: project.name })} />
          </StatusRow>
        ) : children.isError ? (
          <StatusRow level={level + 1}>
            <span className="xloud-adm-error-text">{errorMessage(children.error)}</span>{' '}
            <Button variant="link" isInline onClick={() => void children.refetch()}>
              {t('state.retry')}
            </Button>
          </StatusRow>
        ) : loaded.length === 0 ? (
          <StatusRow level={level + 1}>
            <span className="xloud-adm-muted">{t('admin.projects.noChildren')}</span>
          </StatusRow>
        ) : (
          <>
            {loaded.map((child, index) => (
              <ProjectNode key={child.id} project={child} level={level + 1} position={index + 1} onDialog={onDialog} rights={rights} />
            ))}
            {children.hasNextPage ? (
              <StatusRow level={level + 1}>
                <Button variant="link" isInline isLoading={children.isFetchingNextPage} onClick={() => void children.fetchNextPage()}>
                  {t('admin.projects.showMoreChildren', { name: project.name })}
                </Button>
              </StatusRow>
            ) : null}
          </>
        )
      ) : null}
    </>
  );
}

function ParentCell({ project }: { project: Project }) {
  const topLevel = !project.parent_id || project.parent_id === project.domain_id;
  const parent = useProjectName(topLevel ? null : project.parent_id);
  if (topLevel) return <span className="xloud-adm-muted">{t('admin.projects.topLevel')}</span>;
  return (
    <Link to={`/identity/projects/${encodeURIComponent(project.parent_id!)}`} className="xloud-break">
      <bdi>{parent.data?.name ?? project.parent_id}</bdi>
    </Link>
  );
}

function ProjectSearchResults({ search, domainId, onDialog, rights }: { search: string; domainId: string; onDialog(d: ProjectDialog): void; rights: ProjectPermissions }) {
  const domainName = useDomainName();
  const { paging, query } = usePagedList<Project>({
    queryKey: [...PROJECTS_KEY, 'search'],
    resetKey: JSON.stringify([search, domainId]),
    fetchPage: async (limit, marker) =>
      fetchPage<Project>('projects', { ...nameFilter(await nameMatch('projects'), search), domain_id: domainId || undefined, is_domain: false }, limit, marker),
  });
  const projects = query.data?.items ?? [];
  return (
    <>
      <ListStates
        isLoading={query.isLoading}
        error={query.error}
        retry={() => void query.refetch()}
        isEmpty={projects.length === 0}
        emptyTitle={t('admin.projects.noMatch', { term: search })}
        action="identity:list_projects"
      >
        <Table aria-label={t('admin.projects.searchResults')} variant="compact" data-testid="projects-search">
          <Thead>
            <Tr>
              <Th>{t('admin.field.name')}</Th>
              <Th>{t('admin.field.parent')}</Th>
              <Th>{t('admin.field.domain')}</Th>
              <Th>{t('admin.field.tags')}</Th>
              <Th>{t('admin.field.status')}</Th>
              <Th screenReaderText={t('action.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {projects.map((project) => (
              <Tr key={project.id} data-testid="project-row">
                <Td dataLabel={t('admin.field.name')}>
                  <Link to={`/identity/projects/${encodeURIComponent(project.id)}`} className="xloud-break" data-testid="project-link">
                    <bdi>{project.name}</bdi>
                  </Link>
                </Td>
                <Td dataLabel={t('admin.field.parent')}>
                  <ParentCell project={project} />
                </Td>
                <Td dataLabel={t('admin.field.domain')}>
                  <Value>{domainName(project.domain_id)}</Value>
                </Td>
                <Td dataLabel={t('admin.field.tags')}>
                  <TagLabels tags={project.tags} name={project.name} />
                </Td>
                <Td dataLabel={t('admin.field.status')}>
                  <EnabledLabel enabled={project.enabled} />
                </Td>
                <Td isActionCell>
                  <ProjectRowActions project={project} onDialog={onDialog} permissions={rights} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </ListStates>
      <MarkerPager label={t('admin.pager.label', { what: t('admin.projects.searchResults') })} paging={paging} nextMarker={query.data?.nextMarker} isBusy={query.isFetching} />
    </>
  );
}
