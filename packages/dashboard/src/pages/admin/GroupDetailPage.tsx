import { Button, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Tab, Tabs, TabTitleText, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Group, User } from '@xloud/sdk/browser';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { identity } from '../../api/identity.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { AssignmentsTable, readAssignment, RevokeAssignmentModal, type AssignmentRow } from './components/assignments.tsx';
import { EnabledLabel, ListStates, Value } from './components/bits.tsx';
import { BackTo } from './components/DetailHeader.tsx';
import { useDomainName } from './components/DomainSelect.tsx';
import { EntityPicker, type PickedEntity } from './components/EntityPicker.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { ClientPager } from './components/Pager.tsx';
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
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'members';
  const group = useQuery({
    queryKey: ['admin', 'group', groupId],
    queryFn: () => identity.groups.get(groupId),
    enabled: permissions.allowed('identity:get_group') === true,
  });
  const allowed = (action: (typeof ACTIONS)[number]) => permissions.allowed(action) === true;
  return (
    <AdminPage
      action="identity:get_group"
      title={group.data ? group.data.name : t('admin.groups.detailTitle')}
      breadcrumb={<BackTo path="/identity/groups" label={t('admin.groups.title')} current={group.data?.name ?? groupId} />}
      actions={
        group.data ? (
          <GroupRowActions group={group.data} onDialog={setDialog} canUpdate={allowed('identity:update_group')} canDelete={allowed('identity:delete_group')} />
        ) : null
      }
    >
      {group.isLoading ? <LoadingState /> : null}
      {group.error ? <ErrorState error={group.error} retry={() => void group.refetch()} action="identity:get_group" /> : null}
      {group.data ? (
        <Tabs activeKey={tab} onSelect={(_e, key) => setParams({ tab: String(key) }, { replace: true })} aria-label={t('admin.groups.tabs')} mountOnEnter unmountOnExit>
          <Tab eventKey="members" title={<TabTitleText>{t('admin.tab.members')}</TabTitleText>} data-testid="tab-members">
            <GroupMembers
              group={group.data}
              toasts={toasts}
              canAdd={allowed('identity:add_user_to_group')}
              canRemove={allowed('identity:remove_user_from_group')}
            />
          </Tab>
          <Tab eventKey="details" title={<TabTitleText>{t('admin.tab.details')}</TabTitleText>}>
            <GroupDetails group={group.data} />
          </Tab>
          <Tab eventKey="assignments" title={<TabTitleText>{t('admin.tab.assignments')}</TabTitleText>}>
            <GroupAssignments groupId={groupId} canRevoke={allowed('identity:revoke_grant')} toasts={toasts} />
          </Tab>
        </Tabs>
      ) : null}
      <GroupDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} onDeleted={() => navigate('/identity/groups')} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function GroupDetails({ group }: { group: Group }) {
  const domainName = useDomainName();
  const field = (label: string, value: ReactNode) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <DescriptionList isHorizontal isCompact className="xloud-adm-tab-body">
      {field(t('admin.field.name'), <Value>{group.name}</Value>)}
      {field(t('admin.field.id'), <Value>{group.id}</Value>)}
      {field(t('admin.field.domain'), <Value>{domainName(group.domain_id)}</Value>)}
      {field(t('admin.field.description'), <Value>{typeof group.description === 'string' ? group.description : undefined}</Value>)}
    </DescriptionList>
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
      <EntityPicker id="member-user" kind="users" label={t('admin.field.user')} value={user} onChange={setUser} error={error} isRequired />
    </FormModal>
  );
}

function GroupMembers({ group, toasts, canAdd, canRemove }: { group: Group; toasts: ToastApi; canAdd: boolean; canRemove: boolean }) {
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<User | null>(null);
  const members = useQuery({ queryKey: ['admin', 'group', group.id, 'members'], queryFn: () => identity.groups.listUsers(group.id) });
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
        isLoading={members.isLoading}
        error={members.error}
        retry={() => void members.refetch()}
        isEmpty={list.length === 0}
        emptyTitle={t('admin.groups.noMembers')}
        action="identity:list_users_in_group"
      >
        <Table aria-label={t('admin.tab.members')} variant="compact" data-testid="group-members">
          <Thead>
            <Tr>
              <Th>{t('admin.field.name')}</Th>
              <Th>{t('admin.field.domain')}</Th>
              <Th>{t('admin.field.status')}</Th>
              <Th screenReaderText={t('action.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {pages.rows.map((user) => (
              <Tr key={user.id} data-testid="member-row">
                <Td dataLabel={t('admin.field.name')}>
                  <Link to={`/identity/users/${encodeURIComponent(user.id)}`} className="xloud-break">
                    <bdi>{user.name}</bdi>
                  </Link>
                </Td>
                <Td dataLabel={t('admin.field.domain')}>
                  <Value>{domainName(user.domain_id)}</Value>
                </Td>
                <Td dataLabel={t('admin.field.status')}>
                  <EnabledLabel enabled={user.enabled} />
                </Td>
                <Td isActionCell>
                  <RowActions
                    label={t('admin.actionsFor', { name: user.name })}
                    actions={[canRemove && { title: t('admin.groups.removeMember'), onClick: () => setRemoving(user), isDanger: true, testId: 'remove-member' }]}
                  />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        <ClientPager label={t('admin.pager.label', { what: t('admin.tab.members') })} pages={pages} />
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
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<AssignmentRow | null>(null);
  const rows = useQuery({
    queryKey: ['admin', 'assignments', 'group', groupId],
    queryFn: async () => (await identity.roleAssignments.list({ group: groupId, include_names: true, resolve: false })).map(readAssignment),
  });
  return (
    <div className="xloud-adm-tab-body">
      <ListStates
        isLoading={rows.isLoading}
        error={rows.error}
        retry={() => void rows.refetch()}
        isEmpty={(rows.data ?? []).length === 0}
        emptyTitle={t('admin.assignments.none')}
        action="identity:list_role_assignments"
      >
        <AssignmentsTable rows={rows.data ?? []} label={t('admin.tab.assignments')} showActor={false} canRevoke={canRevoke} onRevoke={setRevoking} />
      </ListStates>
      {revoking ? (
        <RevokeAssignmentModal
          row={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={async () => {
            await queryClient.invalidateQueries({ queryKey: ['admin', 'assignments'] });
            toasts.push(t('admin.assignments.revoked'));
          }}
        />
      ) : null}
    </div>
  );
}
