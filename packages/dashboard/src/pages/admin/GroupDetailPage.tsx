import { Button, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Group, User } from '@xloud/sdk/browser';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { identity } from '../../api/identity.ts';
import { t } from '../../i18n/t.ts';
import { AssignmentList } from './components/AssignmentList.tsx';
import { readAssignment } from './components/assignments.tsx';
import { ListStates } from './components/bits.tsx';
import { NameCell, StatusCell, TextCell } from './components/cells.tsx';
import { ClientPagedTable } from './components/ClientPagedTable.tsx';
import { DetailList, NameIdDomain, TextDetail } from './components/DetailList.tsx';
import { DetailPage } from './components/DetailPage.tsx';
import { useDomainName } from './components/DomainSelect.tsx';
import { EntityPicker, type PickedEntity } from './components/EntityPicker.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { useClientPages } from './components/paging.ts';
import { useAdminPermissions } from './components/permissions.ts';
import { RowActions } from './components/RowActions.tsx';
import { Toasts, useToasts, type ToastApi } from './components/Toasts.tsx';
import { GroupDialogs, GroupRowActions, type GroupDialog } from './GroupDialogs.tsx';

const ACTIONS = [
  'identity:get_group',
  'identity:update_group',
  'identity:delete_group',
  'identity:list_users_in_group',
  'identity:add_user_to_group',
  'identity:remove_user_from_group',
  'identity:list_role_assignments',
  'identity:revoke_grant',
] as const;

/** One group: details, members (add by searching users on the server, remove), and its role assignments. */
export default function GroupDetailPage() {
  const { groupId = '' } = useParams();
  const navigate = useNavigate();
  const permissions = useAdminPermissions(ACTIONS);
  const [dialog, setDialog] = useState<GroupDialog | null>(null);
  const toasts = useToasts();
  const group = useQuery({
    queryKey: ['admin', 'group', groupId],
    queryFn: () => identity.groups.get(groupId),
    enabled: permissions.allowed('identity:get_group') === true,
  });
  const allowed = (action: (typeof ACTIONS)[number]) => permissions.allowed(action) === true;
  return (
    <DetailPage
      action="identity:get_group"
      id={groupId}
      entity={group}
      fallbackTitle={t('admin.groups.detailTitle')}
      list={{ path: '/identity/groups', label: t('admin.groups.title') }}
      actions={(data) => (
        <GroupRowActions
          group={data}
          onDialog={setDialog}
          canUpdate={allowed('identity:update_group')}
          canDelete={allowed('identity:delete_group')}
        />
      )}
      tabsLabel={t('admin.groups.tabs')}
      tabs={[
        {
          key: 'members',
          title: t('admin.tab.members'),
          testId: 'tab-members',
          content: (data) => (
            <GroupMembers
              group={data}
              toasts={toasts}
              canAdd={allowed('identity:add_user_to_group')}
              canRemove={allowed('identity:remove_user_from_group')}
            />
          ),
        },
        { key: 'details', title: t('admin.tab.details'), content: (data) => <GroupDetails group={data} /> },
        {
          key: 'assignments',
          title: t('admin.tab.assignments'),
          content: () => (
            <GroupAssignments groupId={groupId} canRevoke={allowed('identity:revoke_grant')} toasts={toasts} />
          ),
        },
      ]}
    >
      <GroupDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        toasts={toasts}
        onDeleted={() => navigate('/identity/groups')}
      />
      <Toasts api={toasts} />
    </DetailPage>
  );
}

function GroupDetails({ group }: { group: Group }) {
  return (
    <DetailList>
      <NameIdDomain entity={group} />
      <TextDetail term={t('admin.field.description')} value={group.description} />
    </DetailList>
  );
}

function AddMemberModal({ group, onClose, toasts }: { group: Group; onClose(): void; toasts: ToastApi }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<PickedEntity | null>(null);
  const [error, setError] = useState<string | undefined>();
  return (
    <FormModal
      title={t('admin.groups.addMemberTitle', { name: group.name })}
      submitLabel={t('admin.groups.addMember')}
      onClose={onClose}
      testId="add-member-form"
      onSubmit={async () => {
        if (!user) {
          setError(t('admin.field.pickUser'));
          return false;
        }
        await identity.groups.addUser(group.id, user.id);
        await queryClient.invalidateQueries({ queryKey: ['admin', 'group', group.id, 'members'] });
        await queryClient.invalidateQueries({ queryKey: ['admin', 'user', user.id, 'groups'] });
        toasts.push(t('admin.groups.memberAdded', { user: user.name, group: group.name }));
        return true;
      }}
    >
      <EntityPicker
        id="member-user"
        kind="users"
        label={t('admin.field.user')}
        value={user}
        onChange={setUser}
        error={error}
        isRequired
      />
    </FormModal>
  );
}

function GroupMembers({
  group,
  toasts,
  canAdd,
  canRemove,
}: {
  group: Group;
  toasts: ToastApi;
  canAdd: boolean;
  canRemove: boolean;
}) {
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<User | null>(null);
  const members = useQuery({
    queryKey: ['admin', 'group', group.id, 'members'],
    queryFn: () => identity.groups.listUsers(group.id),
  });
  const list = members.data ?? [];
  const pages = useClientPages(list, group.id);
  const domainName = useDomainName();
  return (
    <div className="xloud-adm-tab-body">
      {canAdd ? (
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <Button onClick={() => setAdding(true)} data-testid="add-member">
                {t('admin.groups.addMember')}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      ) : null}
      <ListStates
        query={members}
        isEmpty={list.length === 0}
        emptyTitle={t('admin.groups.noMembers')}
        action="identity:list_users_in_group"
      >
        <ClientPagedTable
          pages={pages}
          label={t('admin.tab.members')}
          pagerOf={t('admin.tab.members')}
          testId="group-members"
          columns={[t('admin.field.name'), t('admin.field.domain'), t('admin.field.status')]}
          row={(user) => (
            <Tr key={user.id} data-testid="member-row">
              <NameCell kind="users" entity={user} />
              <TextCell label={t('admin.field.domain')} value={domainName(user.domain_id)} />
              <StatusCell enabled={user.enabled} />
              <Td isActionCell>
                <RowActions
                  label={t('admin.actionsFor', { name: user.name })}
                  actions={[
                    canRemove && {
                      title: t('admin.groups.removeMember'),
                      onClick: () => setRemoving(user),
                      isDanger: true,
                      testId: 'remove-member',
                    },
                  ]}
                />
              </Td>
            </Tr>
          )}
        />
      </ListStates>
      {adding ? <AddMemberModal group={group} onClose={() => setAdding(false)} toasts={toasts} /> : null}
      {removing ? (
        <ConfirmModal
          title={t('admin.groups.removeMemberTitle')}
          body={t('admin.groups.removeMemberBody', { user: removing.name, group: group.name })}
          confirmLabel={t('admin.groups.removeMember')}
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await identity.groups.removeUser(group.id, removing.id);
            await queryClient.invalidateQueries({ queryKey: ['admin', 'group', group.id, 'members'] });
            await queryClient.invalidateQueries({ queryKey: ['admin', 'user', removing.id, 'groups'] });
            toasts.push(t('admin.groups.memberRemoved', { user: removing.name, group: group.name }));
          }}
        />
      ) : null}
    </div>
  );
}

function GroupAssignments({ groupId, canRevoke, toasts }: { groupId: string; canRevoke: boolean; toasts: ToastApi }) {
  const rows = useQuery({
    queryKey: ['admin', 'assignments', 'group', groupId],
    queryFn: async () =>
      (await identity.roleAssignments.list({ group: groupId, include_names: true, resolve: false })).map(
        readAssignment,
      ),
  });
  return (
    <div className="xloud-adm-tab-body">
      <AssignmentList
        query={rows}
        label={t('admin.tab.assignments')}
        showActor={false}
        canRevoke={canRevoke}
        toasts={toasts}
      />
    </div>
  );
}
