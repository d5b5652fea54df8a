import { Button, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { useState } from 'react';
import { t } from '../../i18n/t.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { AdminPage } from './components/AdminPage.tsx';
import { DomainFilter, useDomainChoices } from './components/DomainSelect.tsx';
import { SelectField } from './components/fields.tsx';
import { homeDomainId, useCrudRights, type CrudRights } from './components/permissions.ts';
import { SearchBox } from './components/SearchBox.tsx';
import { Toasts, useToasts } from './components/Toasts.tsx';
import { useUrlParam } from './components/useUrlParam.ts';
import { ProjectDialogs, type ProjectDialog } from './ProjectDialogs.tsx';
import { ProjectSearchResults } from './ProjectSearchResults.tsx';
import { ProjectTree } from './ProjectTree.tsx';

/**
 * Projects as a tree: the top-level projects of a domain a page at a time (limit/marker), each project's
 * sub-projects loaded only when it is expanded. A search asks the server and shows the matches as a flat list.
 */
export default function ProjectsPage() {
  const session = useCurrentSession();
  const rights = useCrudRights('project');
  const [dialog, setDialog] = useState<ProjectDialog | null>(null);
  const toasts = useToasts();
  const [domainParam, setDomain] = useUrlParam('domain');
  const domainId = domainParam || homeDomainId(session.token);
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

function ProjectsBrowser({
  domainId,
  onDomain,
  onDialog,
  rights,
}: {
  domainId: string;
  onDomain(id: string): void;
  onDialog(d: ProjectDialog): void;
  rights: CrudRights;
}) {
  const [search, setSearch] = useUrlParam('q');
  const [searchDomain, setSearchDomain] = useUrlParam('in');
  const { canChoose, domains } = useDomainChoices();
  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchBox label={t('admin.projects.search')} value={search} onSearch={setSearch} />
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
