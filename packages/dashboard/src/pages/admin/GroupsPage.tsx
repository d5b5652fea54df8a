import { Button } from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import type { Group } from '@xloud/sdk/browser';
import { useState } from 'react';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { NameCell, TextCell } from './components/cells.tsx';
import { useDomainName } from './components/DomainSelect.tsx';
import { PagedTable } from './components/PagedTable.tsx';
import { useCrudRights, type CrudRights } from './components/permissions.ts';
import { SearchToolbar, useSearchableList } from './components/SearchToolbar.tsx';
import { Toasts, useToasts } from './components/Toasts.tsx';
import { GroupDialogs, GroupRowActions, GROUPS_KEY, type GroupDialog } from './GroupDialogs.tsx';

/** Groups: server-side search and limit/marker paging; members on each group's page. */
export default function GroupsPage() {
  const rights = useCrudRights('group');
  const [dialog, setDialog] = useState<GroupDialog | null>(null);
  const toasts = useToasts();
  return (
    <AdminPage
      action="identity:list_groups"
      title={t('admin.groups.title')}
      description={t('admin.groups.description')}
      actions={
        rights.canCreate ? (
          <Button onClick={() => setDialog({ kind: 'create' })} data-testid="create-group">
            {t('admin.groups.create')}
          </Button>
        ) : null
      }
    >
      <GroupsList onDialog={setDialog} rights={rights} />
      <GroupDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function GroupsList({ onDialog, rights }: { onDialog(d: GroupDialog): void; rights: CrudRights }) {
  const list = useSearchableList<Group>('groups', [...GROUPS_KEY, 'page']);
  const domainName = useDomainName();
  return (
    <>
      <SearchToolbar list={list} label={t('admin.groups.search')} />
      <PagedTable
        list={list}
        emptyTitle={list.search ? t('admin.groups.noMatch', { term: list.search }) : t('admin.groups.empty')}
        action="identity:list_groups"
        label={t('admin.groups.title')}
        pagerOf={t('admin.groups.title')}
        testId="groups-table"
        columns={[t('admin.field.name'), t('admin.field.domain'), t('admin.field.description')]}
        row={(group) => (
          <Tr key={group.id} data-testid="group-row">
            <NameCell kind="groups" entity={group} />
            <TextCell label={t('admin.field.domain')} value={domainName(group.domain_id)} />
            <TextCell label={t('admin.field.description')} value={group.description} />
            <Td isActionCell>
              <GroupRowActions
                group={group}
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
