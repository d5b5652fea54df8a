import { Td, Tr } from '@patternfly/react-table';
import type { Project } from '@xloud/sdk/browser';
import { t } from '../../i18n/t.ts';
import { NameCell, TextCell } from './components/cells.tsx';
import { useDomainName } from './components/DomainSelect.tsx';
import { PagedTable } from './components/PagedTable.tsx';
import type { CrudRights } from './components/permissions.ts';
import { useEntityPages } from './components/useEntityPages.ts';
import { ParentLink, ProjectCells } from './ProjectCells.tsx';
import { PROJECTS_KEY, type ProjectDialog } from './ProjectDialogs.tsx';

/** The projects whose name matches a search (in one domain or all), as a flat list paged by the server. */
export function ProjectSearchResults({
  search,
  domainId,
  onDialog,
  rights,
}: {
  search: string;
  domainId: string;
  onDialog(d: ProjectDialog): void;
  rights: CrudRights;
}) {
  const domainName = useDomainName();
  const list = useEntityPages<Project>('projects', [...PROJECTS_KEY, 'search'], {
    search,
    filters: { domain_id: domainId || undefined, is_domain: false },
  });
  return (
    <PagedTable
      list={list}
      emptyTitle={t('admin.projects.noMatch', { term: search })}
      action="identity:list_projects"
      label={t('admin.projects.searchResults')}
      pagerOf={t('admin.projects.searchResults')}
      testId="projects-search"
      columns={[
        t('admin.field.name'),
        t('admin.field.parent'),
        t('admin.field.domain'),
        t('admin.field.tags'),
        t('admin.field.status'),
      ]}
      row={(project) => (
        <Tr key={project.id} data-testid="project-row">
          <NameCell kind="projects" entity={project} testId="project-link" />
          <Td dataLabel={t('admin.field.parent')}>
            <ParentLink project={project} />
          </Td>
          <TextCell label={t('admin.field.domain')} value={domainName(project.domain_id)} />
          <ProjectCells project={project} onDialog={onDialog} rights={rights} />
        </Tr>
      )}
    />
  );
}
