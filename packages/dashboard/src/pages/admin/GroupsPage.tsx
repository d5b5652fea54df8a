import { Button, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Group } from '@xloud/sdk/browser';
import { useState } from 'react';
import { Link } from 'react-router';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { fetchPage, nameFilter, nameMatch } from './components/api.ts';
import { ListStates, Value } from './components/bits.tsx';
import { DomainFilter, useDomainName } from './components/DomainSelect.tsx';
import { MarkerPager } from './components/Pager.tsx';
import { usePagedList } from './components/paging.ts';
import { useAdminPermissions } from './components/permissions.ts';
import { SearchBox } from './components/SearchBox.tsx';
import { Toasts, useToasts } from './components/Toasts.tsx';
import { useUrlParam } from './components/useUrlParam.ts';
import { GroupDialogs, GroupRowActions, GROUPS_KEY, type GroupDialog } from './GroupDialogs.tsx';

const ACTIONS = ['identity:create_group', 'identity:update_group', 'identity:delete_group'] as const;

/** Groups: server-side search and limit/marker paging; members on each group's page. */
export default function GroupsPage() {
  const permissions = useAdminPermissions(ACTIONS);
  const [dialog, setDialog] = useState<GroupDialog | null>(null);
  const toasts = useToasts();
  return (
    <AdminPage
      action="identity:list_groups"
      title={t('admin.groups.title')}
      description={t('admin.groups.description')}
      actions={
        permissions.allowed('identity:create_group') ? (
          <Button onClick={() => setDialog({ kind: 'create' })} data-testid="create-group">
            {t('admin.groups.create')}
          </Button>
        ) : null
      }
    >
      <GroupsList onDialog={setDialog} canUpdate={permissions.allowed('identity:update_group') === true} canDelete={permissions.allowed('identity:delete_group') === true} />
      <GroupDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function GroupsList({ onDialog, canUpdate, canDelete }: { onDialog(d: GroupDialog): void; canUpdate: boolean; canDelete: boolean }) {
  const [search, setSearch] = useUrlParam('q');
  const [domain, setDomain] = useUrlParam('domain');
  const domainName = useDomainName();
  const { paging, query } = usePagedList<Group>({
    queryKey: [...GROUPS_KEY, 'page'],
    resetKey: JSON.stringify([search, domain]),
    fetchPage: async (limit, marker) => fetchPage<Group>('groups', { ...nameFilter(await nameMatch('groups'), search), domain_id: domain || undefined }, limit, marker),
  });
  const groups = query.data?.items ?? [];
  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchBox kind="groups" label={t('admin.groups.search')} value={search} onSearch={setSearch} />
          </ToolbarItem>
          <ToolbarItem>
            <DomainFilter id="groups-domain" value={domain} onChange={setDomain} />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <ListStates
        isLoading={query.isLoading}
        error={query.error}
        retry={() => void query.refetch()}
        isEmpty={groups.length === 0}
        emptyTitle={search ? t('admin.groups.noMatch', { term: search }) : t('admin.groups.empty')}
        action="identity:list_groups"
      >
        <Table aria-label={t('admin.groups.title')} variant="compact" data-testid="groups-table">
          <Thead>
            <Tr>
              <Th>{t('admin.field.name')}</Th>
              <Th>{t('admin.field.domain')}</Th>
              <Th>{t('admin.field.description')}</Th>
              <Th screenReaderText={t('action.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {groups.map((group) => (
              <Tr key={group.id} data-testid="group-row">
                <Td dataLabel={t('admin.field.name')}>
                  <Link to={`/identity/groups/${encodeURIComponent(group.id)}`} className="xloud-break">
                    <bdi>{group.name}</bdi>
                  </Link>
                </Td>
                <Td dataLabel={t('admin.field.domain')}>
                  <Value>{domainName(group.domain_id)}</Value>
                </Td>
                <Td dataLabel={t('admin.field.description')}>
                  <Value>{typeof group.description === 'string' ? group.description : undefined}</Value>
                </Td>
                <Td isActionCell>
                  <GroupRowActions group={group} onDialog={onDialog} canUpdate={canUpdate} canDelete={canDelete} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </ListStates>
      <MarkerPager label={t('admin.pager.label', { what: t('admin.groups.title') })} paging={paging} nextMarker={query.data?.nextMarker} isBusy={query.isFetching} />
    </>
  );
}
