import { Button, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Switch, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Group, User } from '@xloud/sdk/browser';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { identity } from '../../api/identity.ts';
import { DateTime } from '../../components/DateTime.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { AssignmentsTable, readAssignment, RevokeAssignmentModal, type AssignmentRow } from './components/assignments.tsx';
import { EnabledLabel, ListStates, Value } from './components/bits.tsx';
import { BackTo } from './components/DetailHeader.tsx';
import { useDomainName } from './components/DomainSelect.tsx';
import { ClientPager } from './components/Pager.tsx';
import { useClientPages } from './components/paging.ts';
import { useAdminPermissions } from './components/permissions.ts';
import { Toasts, useToasts } from './components/Toasts.tsx';
import { UserDialogs, UserRowActions, type UserDialog } from './UserDialogs.tsx';

const ACTIONS = ['identity:get_user', 'identity:update_user', 'identity:delete_user', 'identity:list_role_assignments', 'identity:revoke_grant', 'identity:list_groups_for_user'] as const;

/** One user: details, the groups they are in, and their role assignments (direct, from groups, inherited). */
export default function UserDetailPage() {
  const { userId = '' } = useParams();
  const navigate = useNavigate();
  const permissions = useAdminPermissions(ACTIONS);
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const toasts = useToasts();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'details';
  const user = useQuery({
    queryKey: ['admin', 'user', userId],
    queryFn: () => identity.users.get(userId),
    enabled: permissions.allowed('identity:get_user') === true,
  });
  const name = user.data?.name ?? userId;
  return (
    <AdminPage
      action="identity:get_user"
      title={user.data ? user.data.name : t('admin.users.detailTitle')}
      breadcrumb={<BackTo path="/identity/users" label={t('admin.users.title')} current={name} />}
      actions={
        user.data ? (
          <UserRowActions
            user={user.data}
            onDialog={setDialog}
            canUpdate={permissions.allowed('identity:update_user') === true}
            canDelete={permissions.allowed('identity:delete_user') === true}
          />
        ) : null
      }
    >
      {user.isLoading ? <LoadingState /> : null}
      {user.error ? <ErrorState error={user.error} retry={() => void user.refetch()} action="identity:get_user" /> : null}
      {user.data ? (
        <Tabs
          activeKey={tab}
          onSelect={(_event, key) => setParams({ tab: String(key) }, { replace: true })}
          aria-label={t('admin.users.tabs')}
          mountOnEnter
          unmountOnExit
        >
          <Tab eventKey="details" title={<TabTitleText>{t('admin.tab.details')}</TabTitleText>}>
            <UserDetails user={user.data} />
          </Tab>
          <Tab eventKey="groups" title={<TabTitleText>{t('admin.tab.groups')}</TabTitleText>} data-testid="tab-groups">
            <UserGroups userId={userId} />
          </Tab>
          <Tab eventKey="assignments" title={<TabTitleText>{t('admin.tab.assignments')}</TabTitleText>} data-testid="tab-assignments">
            <UserAssignments userId={userId} canRevoke={permissions.allowed('identity:revoke_grant') === true} />
          </Tab>
        </Tabs>
      ) : null}
      <UserDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} onDeleted={() => navigate('/identity/users')} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function UserDetails({ user }: { user: User }) {
  const domainName = useDomainName();
  const project = useQuery({
    queryKey: ['admin', 'project', user.default_project_id],
    queryFn: () => identity.projects.get(user.default_project_id!),
    enabled: Boolean(user.default_project_id),
    retry: false,
  });
  const field = (label: string, value: React.ReactNode) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <DescriptionList isHorizontal isCompact className="xloud-adm-tab-body" data-testid="user-details">
      {field(t('admin.field.name'), <Value>{user.name}</Value>)}
      {field(t('admin.field.id'), <Value>{user.id}</Value>)}
      {field(t('admin.field.domain'), <Value>{domainName(user.domain_id)}</Value>)}
      {field(t('admin.field.email'), <Value>{typeof user.email === 'string' ? user.email : undefined}</Value>)}
      {field(t('admin.field.description'), <Value>{typeof user.description === 'string' ? user.description : undefined}</Value>)}
      {field(t('admin.field.status'), <EnabledLabel enabled={user.enabled} />)}
      {field(
        t('admin.field.primaryProject'),
        user.default_project_id ? (
          <Link to={`/identity/projects/${encodeURIComponent(user.default_project_id)}`} className="xloud-break">
            <bdi>{project.data?.name ?? user.default_project_id}</bdi>
          </Link>
        ) : (
          <Value>{undefined}</Value>
        ),
      )}
      {field(t('admin.field.passwordExpires'), <DateTime value={user.password_expires_at} />)}
    </DescriptionList>
  );
}

function UserGroups({ userId }: { userId: string }) {
  const groups = useQuery({ queryKey: ['admin', 'user', userId, 'groups'], queryFn: () => identity.users.listGroups(userId) });
  const list: Group[] = groups.data ?? [];
  const pages = useClientPages(list, userId);
  return (
    <div className="xloud-adm-tab-body">
      <ListStates
        isLoading={groups.isLoading}
        error={groups.error}
        retry={() => void groups.refetch()}
        isEmpty={list.length === 0}
        emptyTitle={t('admin.users.noGroups')}
        action="identity:list_groups_for_user"
      >
        <Table aria-label={t('admin.tab.groups')} variant="compact" data-testid="user-groups">
          <Thead>
            <Tr>
              <Th>{t('admin.field.name')}</Th>
              <Th>{t('admin.field.description')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {pages.rows.map((g) => (
              <Tr key={g.id}>
                <Td dataLabel={t('admin.field.name')}>
                  <Link to={`/identity/groups/${encodeURIComponent(g.id)}`} className="xloud-break">
                    <bdi>{g.name}</bdi>
                  </Link>
                </Td>
                <Td dataLabel={t('admin.field.description')}>
                  <Value>{typeof g.description === 'string' ? g.description : undefined}</Value>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        <ClientPager label={t('admin.pager.label', { what: t('admin.tab.groups') })} pages={pages} />
      </ListStates>
    </div>
  );
}

function UserAssignments({ userId, canRevoke }: { userId: string; canRevoke: boolean }) {
  const queryClient = useQueryClient();
  const [effective, setEffective] = useState(true);
  const [revoking, setRevoking] = useState<AssignmentRow | null>(null);
  const toasts = useToasts();
  const key = ['admin', 'assignments', 'user', userId, effective];
  const rows = useQuery({
    queryKey: key,
    queryFn: async () => (await identity.roleAssignments.list({ user: userId, effective, include_names: true, resolve: false })).map(readAssignment),
  });
  const groups = useQuery({ queryKey: ['admin', 'user', userId, 'groups'], queryFn: () => identity.users.listGroups(userId) });
  const groupName = (id: string) => groups.data?.find((g) => g.id === id)?.name;
  return (
    <div className="xloud-adm-tab-body">
      <Switch
        id="user-assignments-effective"
        label={t('admin.assignments.effective')}
        isChecked={effective}
        onChange={(_event, checked) => setEffective(checked)}
        className="xloud-adm-spaced"
      />
      <ListStates
        isLoading={rows.isLoading}
        error={rows.error}
        retry={() => void rows.refetch()}
        isEmpty={(rows.data ?? []).length === 0}
        emptyTitle={t('admin.assignments.none')}
        action="identity:list_role_assignments"
      >
        <AssignmentsTable
          rows={rows.data ?? []}
          label={t('admin.tab.assignments')}
          showActor={false}
          canRevoke={canRevoke}
          onRevoke={setRevoking}
          groupName={groupName}
        />
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
      <Toasts api={toasts} />
    </div>
  );
}
