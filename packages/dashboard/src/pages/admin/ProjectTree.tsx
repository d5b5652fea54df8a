import { Button, Spinner } from '@patternfly/react-core';
import { Td, TreeRowWrapper } from '@patternfly/react-table';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { Project } from '@xloud/sdk/browser';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/errors.ts';
import { t } from '../../i18n/t.ts';
import { fetchPage } from './components/api.ts';
import { EntityLink, TextCell } from './components/cells.tsx';
import { PagedTable } from './components/PagedTable.tsx';
import type { ListPage } from './components/paging.ts';
import type { CrudRights } from './components/permissions.ts';
import { useEntityPages } from './components/useEntityPages.ts';
import { ProjectCells } from './ProjectCells.tsx';
import { PROJECTS_KEY, type ProjectDialog } from './ProjectDialogs.tsx';

/** Sub-projects load this many at a time when a project is expanded ("Show more" fetches the next page). */
const CHILD_PAGE = 50;
const COLUMNS = 5;

/** The top-level projects of a domain a page at a time (limit/marker), each expandable to its sub-projects. */
export function ProjectTree({
  domainId,
  onDialog,
  rights,
}: {
  domainId: string;
  onDialog(d: ProjectDialog): void;
  rights: CrudRights;
}) {
  const list = useEntityPages<Project>('projects', [...PROJECTS_KEY, 'roots'], { filters: { parent_id: domainId } });
  return (
    <PagedTable
      list={list}
      emptyTitle={t('admin.projects.empty')}
      action="identity:list_projects"
      isTreeTable
      label={t('admin.projects.treeLabel')}
      pagerOf={t('admin.projects.title')}
      testId="projects-tree"
      columns={[t('admin.field.name'), t('admin.field.description'), t('admin.field.tags'), t('admin.field.status')]}
      row={(project, index) => (
        <ProjectNode
          key={project.id}
          project={project}
          level={1}
          position={index + 1}
          onDialog={onDialog}
          rights={rights}
        />
      )}
    />
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
  rights: CrudRights;
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
    toggleAriaLabel: expanded
      ? t('admin.projects.collapse', { name: project.name })
      : t('admin.projects.expand', { name: project.name }),
    showDetailsAriaLabel: t('admin.projects.showDetails', { name: project.name }),
  };
  return (
    <>
      <TreeRowWrapper row={{ props }} data-testid="project-row" data-project-id={project.id}>
        <Td
          dataLabel={t('admin.field.name')}
          treeRow={{
            onCollapse: () => setExpanded((e) => !e),
            onToggleRowDetails: () => setDetails((d) => !d),
            rowIndex: position,
            props,
          }}
        >
          <EntityLink kind="projects" id={project.id} name={project.name} testId="project-link" />
        </Td>
        <TextCell label={t('admin.field.description')} value={project.description} />
        <ProjectCells project={project} onDialog={onDialog} rights={rights} />
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
              <ProjectNode
                key={child.id}
                project={child}
                level={level + 1}
                position={index + 1}
                onDialog={onDialog}
                rights={rights}
              />
            ))}
            {children.hasNextPage ? (
              <StatusRow level={level + 1}>
                <Button
                  variant="link"
                  isInline
                  isLoading={children.isFetchingNextPage}
                  onClick={() => void children.fetchNextPage()}
                >
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
