import { Button } from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import type { User } from '@xloud/sdk/browser';
import { useState } from 'react';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { NameCell, StatusCell, TextCell } from './components/cells.tsx';
import { useDomainName } from './components/DomainSelect.tsx';
import { PagedTable } from './components/PagedTable.tsx';
import { useCrudRights, type CrudRights } from './components/permissions.ts';
import { SearchToolbar, useSearchableList } from './components/SearchToolbar.tsx';
import { Toasts, useToasts } from './components/Toasts.tsx';
import { UserDialogs, UserRowActions, USERS_KEY, type UserDialog } from './UserDialogs.tsx';

/** Users: server-side search and limit/marker paging, so a domain of 100,000 users loads one page at a time. */
export default function UsersPage() {
  const rights = useCrudRights('user');
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const toasts = useToasts();
  return (
    <AdminPage
      action="identity:list_users"
      title={t('admin.users.title')}
      description={t('admin.users.description')}
      actions={
        rights.canCreate ? (
          <Button onClick={() => setDialog({ kind: 'create' })} data-testid="create-user">
            {t('admin.users.create')}
          </Button>
        ) : null
      }
    >
      <UsersList onDialog={setDialog} rights={rights} />
      <UserDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function UsersList({ onDialog, rights }: { onDialog(dialog: UserDialog): void; rights: CrudRights }) {
  const list = useSearchableList<User>('users', [...USERS_KEY, 'page']);
  const domainName = useDomainName();
  return (
    <>
      <SearchToolbar list={list} label={t('admin.users.search')} />
      <PagedTable
        list={list}
        emptyTitle={list.search ? t('admin.users.noMatch', { term: list.search }) : t('admin.users.empty')}
        action="identity:list_users"
        label={t('admin.users.title')}
        pagerOf={t('admin.users.title')}
        testId="users-table"
        busy={list.query.isFetching}
        columns={[t('admin.field.name'), t('admin.field.domain'), t('admin.field.email'), t('admin.field.status')]}
        row={(user) => (
          <Tr key={user.id} data-testid="user-row">
            <NameCell kind="users" entity={user} />
            <TextCell label={t('admin.field.domain')} value={domainName(user.domain_id)} />
            <TextCell label={t('admin.field.email')} value={user.email} />
            <StatusCell enabled={user.enabled} />
            <Td isActionCell>
              <UserRowActions
                user={user}
                onDialog={onDialog}
                canUpdate={rights.canUpdate}
                canDelete={rights.canDelete}
              />
            </Td>
          </Tr>
        )}
      />
    </>
  );
}
