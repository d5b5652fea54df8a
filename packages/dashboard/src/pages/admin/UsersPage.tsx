import { Button, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { User } from '@xloud/sdk/browser';
import { useState } from 'react';
import { Link } from 'react-router';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { fetchPage, nameFilter, nameMatch } from './components/api.ts';
import { EnabledLabel, ListStates, Value } from './components/bits.tsx';
import { DomainFilter, useDomainName } from './components/DomainSelect.tsx';
import { MarkerPager } from './components/Pager.tsx';
import { usePagedList } from './components/paging.ts';
import { useAdminPermissions } from './components/permissions.ts';
import { SearchBox } from './components/SearchBox.tsx';
import { Toasts, useToasts } from './components/Toasts.tsx';
import { useUrlParam } from './components/useUrlParam.ts';
import { UserDialogs, UserRowActions, USERS_KEY, type UserDialog } from './UserDialogs.tsx';

const ACTIONS = ['identity:create_user', 'identity:update_user', 'identity:delete_user'] as const;

/** Users: server-side search and limit/marker paging, so a domain of 100,000 users loads one page at a time. */
export default function UsersPage() {
  const permissions = useAdminPermissions(ACTIONS);
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const toasts = useToasts();
  return (
    <AdminPage
      action="identity:list_users"
      title={t('admin.users.title')}
      description={t('admin.users.description')}
      actions={
        permissions.allowed('identity:create_user') ? (
          <Button onClick={() => setDialog({ kind: 'create' })} data-testid="create-user">
            {t('admin.users.create')}
          </Button>
        ) : null
      }
    >
      <UsersList onDialog={setDialog} canUpdate={permissions.allowed('identity:update_user') === true} canDelete={permissions.allowed('identity:delete_user') === true} />
      <UserDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function UsersList({ onDialog, canUpdate, canDelete }: { onDialog(dialog: UserDialog): void; canUpdate: boolean; canDelete: boolean }) {
  const [search, setSearch] = useUrlParam('q');
  const [domain, setDomain] = useUrlParam('domain');
  const domainName = useDomainName();
  const { paging, query } = usePagedList<User>({
    queryKey: [...USERS_KEY, 'page'],
    resetKey: JSON.stringify([search, domain]),
    fetchPage: async (limit, marker) => fetchPage<User>('users', { ...nameFilter(await nameMatch('users'), search), domain_id: domain || undefined }, limit, marker),
  });
  const users = query.data?.items ?? [];
  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchBox kind="users" label={t('admin.users.search')} value={search} onSearch={setSearch} />
          </ToolbarItem>
          <ToolbarItem>
            <DomainFilter id="users-domain" value={domain} onChange={setDomain} />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <ListStates
        isLoading={query.isLoading}
        error={query.error}
        retry={() => void query.refetch()}
        isEmpty={users.length === 0}
        emptyTitle={search ? t('admin.users.noMatch', { term: search }) : t('admin.users.empty')}
        action="identity:list_users"
      >
        <Table aria-label={t('admin.users.title')} variant="compact" data-testid="users-table" aria-busy={query.isFetching}>
          <Thead>
            <Tr>
              <Th>{t('admin.field.name')}</Th>
              <Th>{t('admin.field.domain')}</Th>
              <Th>{t('admin.field.email')}</Th>
              <Th>{t('admin.field.status')}</Th>
              <Th screenReaderText={t('action.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {users.map((user) => (
              <Tr key={user.id} data-testid="user-row">
                <Td dataLabel={t('admin.field.name')}>
                  <Link to={`/identity/users/${encodeURIComponent(user.id)}`} className="xloud-break">
                    <bdi>{user.name}</bdi>
                  </Link>
                </Td>
                <Td dataLabel={t('admin.field.domain')}>
                  <Value>{domainName(user.domain_id)}</Value>
                </Td>
                <Td dataLabel={t('admin.field.email')}>
                  <Value>{typeof user.email === 'string' ? user.email : undefined}</Value>
                </Td>
                <Td dataLabel={t('admin.field.status')}>
                  <EnabledLabel enabled={user.enabled} />
                </Td>
                <Td isActionCell>
                  <UserRowActions user={user} onDialog={onDialog} canUpdate={canUpdate} canDelete={canDelete} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </ListStates>
      <MarkerPager label={t('admin.pager.label', { what: t('admin.users.title') })} paging={paging} nextMarker={query.data?.nextMarker} isBusy={query.isFetching} />
    </>
  );
}
