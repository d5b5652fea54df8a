import { Alert, Button, Label, Switch } from '@patternfly/react-core';
import { Tr } from '@patternfly/react-table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Group, User } from '@xloud/sdk/browser';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/errors.ts';
import { identity } from '../../api/identity.ts';
import { BusyButton } from '../../components/BusyButton.tsx';
import type { MfaStatus } from '../user-center/TwoFactorTab.tsx';
import { DateTime } from '../../components/DateTime.tsx';
import { DescriptionItem } from '../../components/DescriptionItem.tsx';
import { t } from '../../i18n/t.ts';
import { AssignmentList } from './components/AssignmentList.tsx';
import { readAssignment } from './components/assignments.tsx';
import { EnabledLabel, ListStates, Value } from './components/bits.tsx';
import { EntityLink, NameCell, TextCell } from './components/cells.tsx';
import { ClientPagedTable } from './components/ClientPagedTable.tsx';
import { DetailList, NameIdDomain, TextDetail } from './components/DetailList.tsx';
import { DetailPage } from './components/DetailPage.tsx';
import { useClientPages } from './components/paging.ts';
import { useAdminPermissions } from './components/permissions.ts';
import { Toasts, useToasts } from './components/Toasts.tsx';
import { UserDialogs, UserRowActions, type UserDialog } from './UserDialogs.tsx';

const ACTIONS = [
  'identity:get_user',
  'identity:update_user',
  'identity:delete_user',
  'identity:list_role_assignments',
  'identity:revoke_grant',
  'identity:list_groups_for_user',
] as const;

/** One user: details, the groups they are in, and their role assignments (direct, from groups, inherited). */
export default function UserDetailPage() {
  const { userId = '' } = useParams();
  const navigate = useNavigate();
  const permissions = useAdminPermissions(ACTIONS);
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const toasts = useToasts();
  const user = useQuery({
    queryKey: ['admin', 'user', userId],
    queryFn: () => identity.users.get(userId),
    enabled: permissions.allowed('identity:get_user') === true,
  });
  return (
    <DetailPage
      action="identity:get_user"
      id={userId}
      entity={user}
      fallbackTitle={t('admin.users.detailTitle')}
      list={{ path: '/identity/users', label: t('admin.users.title') }}
      actions={(data) => (
        <UserRowActions
          user={data}
          onDialog={setDialog}
          canUpdate={permissions.allowed('identity:update_user') === true}
          canDelete={permissions.allowed('identity:delete_user') === true}
        />
      )}
      tabsLabel={t('admin.users.tabs')}
      tabs={[
        { key: 'details', title: t('admin.tab.details'), content: (data) => <UserDetails user={data} /> },
        {
          key: 'groups',
          title: t('admin.tab.groups'),
          testId: 'tab-groups',
          content: () => <UserGroups userId={userId} />,
        },
        {
          key: 'assignments',
          title: t('admin.tab.assignments'),
          testId: 'tab-assignments',
          content: () => (
            <UserAssignments userId={userId} canRevoke={permissions.allowed('identity:revoke_grant') === true} />
          ),
        },
      ]}
    >
      <UserDialogs
        dialog={dialog}
        onClose={() => setDialog(null)}
        toasts={toasts}
        onDeleted={() => navigate('/identity/users')}
      />
      <Toasts api={toasts} />
    </DetailPage>
  );
}

function UserDetails({ user }: { user: User }) {
  const project = useQuery({
    queryKey: ['admin', 'project', user.default_project_id],
    queryFn: () => identity.projects.get(user.default_project_id!),
    enabled: Boolean(user.default_project_id),
    retry: false,
  });
  return (
    <DetailList testId="user-details">
      <NameIdDomain entity={user} />
      <TextDetail term={t('admin.field.email')} value={user.email} />
      <TextDetail term={t('admin.field.description')} value={user.description} />
      <DescriptionItem term={t('admin.field.status')}>
        <EnabledLabel enabled={user.enabled} />
      </DescriptionItem>
      <DescriptionItem term={t('admin.field.primaryProject')}>
        {user.default_project_id ? (
          <EntityLink
            kind="projects"
            id={user.default_project_id}
            name={project.data?.name ?? user.default_project_id}
          />
        ) : (
          <Value>{undefined}</Value>
        )}
      </DescriptionItem>
      <DescriptionItem term={t('admin.field.passwordExpires')}>
        <DateTime value={user.password_expires_at} />
      </DescriptionItem>
      <DescriptionItem term={t('admin.field.twoFactor')}>
        <TwoFactorState userId={user.id} />
      </DescriptionItem>
    </DetailList>
  );
}

/**
 * Whether the user signs in with a second factor, and the administrator's reset for someone who lost their
 * authenticator app (POST /v3/users/{id}/OS-XLOUD/mfa/reset): asks to confirm first.
 */
function TwoFactorState({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  const key = ['admin', 'user', userId, 'mfa'];
  const state = useQuery({
    queryKey: key,
    queryFn: async () =>
      (await identity.session.request<{ mfa: MfaStatus }>(`/users/${encodeURIComponent(userId)}/OS-XLOUD/mfa`)).body
        .mfa,
    retry: false,
  });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (state.isPending || state.error)
    return (
      <span data-testid="user-two-factor">
        <Value>{undefined}</Value>
      </span>
    );
  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      await identity.session.request(`/users/${encodeURIComponent(userId)}/OS-XLOUD/mfa/reset`, { method: 'POST' });
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span data-testid="user-two-factor">
      <Label color={state.data.enabled ? 'green' : 'grey'}>
        {state.data.enabled ? t('admin.users.twoFactorOn') : t('admin.users.twoFactorOff')}
      </Label>{' '}
      {state.data.enabled && !confirming ? (
        <Button variant="link" isInline onClick={() => setConfirming(true)}>
          {t('admin.users.resetTwoFactor')}
        </Button>
      ) : null}
      {confirming ? (
        <>
          {t('admin.users.resetTwoFactorConfirm')}{' '}
          <BusyButton variant="danger" size="sm" busy={busy} onClick={() => void reset()}>
            {t('admin.users.resetTwoFactor')}
          </BusyButton>{' '}
          <Button variant="link" isInline onClick={() => setConfirming(false)}>
            {t('action.cancel')}
          </Button>
        </>
      ) : null}
      {error ? <Alert variant="danger" isInline isPlain title={error} /> : null}
    </span>
  );
}

function UserGroups({ userId }: { userId: string }) {
  const groups = useQuery({
    queryKey: ['admin', 'user', userId, 'groups'],
    queryFn: () => identity.users.listGroups(userId),
  });
  const list: Group[] = groups.data ?? [];
  const pages = useClientPages(list, userId);
  return (
    <div className="xloud-adm-tab-body">
      <ListStates
        query={groups}
        isEmpty={list.length === 0}
        emptyTitle={t('admin.users.noGroups')}
        action="identity:list_groups_for_user"
      >
        <ClientPagedTable
          pages={pages}
          label={t('admin.tab.groups')}
          pagerOf={t('admin.tab.groups')}
          testId="user-groups"
          columns={[t('admin.field.name'), t('admin.field.description')]}
          hasActions={false}
          row={(group) => (
            <Tr key={group.id}>
              <NameCell kind="groups" entity={group} />
              <TextCell label={t('admin.field.description')} value={group.description} />
            </Tr>
          )}
        />
      </ListStates>
    </div>
  );
}

function UserAssignments({ userId, canRevoke }: { userId: string; canRevoke: boolean }) {
  const [effective, setEffective] = useState(true);
  const toasts = useToasts();
  const rows = useQuery({
    queryKey: ['admin', 'assignments', 'user', userId, effective],
    queryFn: async () =>
      (await identity.roleAssignments.list({ user: userId, effective, include_names: true, resolve: false })).map(
        readAssignment,
      ),
  });
  const groups = useQuery({
    queryKey: ['admin', 'user', userId, 'groups'],
    queryFn: () => identity.users.listGroups(userId),
  });
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
      <AssignmentList
        query={rows}
        label={t('admin.tab.assignments')}
        showActor={false}
        canRevoke={canRevoke}
        groupName={groupName}
        toasts={toasts}
      />
      <Toasts api={toasts} />
    </div>
  );
}
