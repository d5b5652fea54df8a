import {
  Button,
  FormGroup,
  Label,
  LabelGroup,
  Radio,
  Switch,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Project } from '@xloud/sdk/browser';
import { useState } from 'react';
import { identity } from '../../api/identity.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { t } from '../../i18n/t.ts';
import { changeGrant } from './components/api.ts';
import { RevokeAssignmentModal } from './components/AssignmentList.tsx';
import { actorLink, AssignmentsTable, readAssignment, type AssignmentRow } from './components/assignments.tsx';
import { ListStates } from './components/bits.tsx';
import { ClientPagedTable } from './components/ClientPagedTable.tsx';
import { EntityPicker, type PickedEntity } from './components/EntityPicker.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { useClientPages } from './components/paging.ts';
import { RoleSelect, useRoles } from './components/RoleSelect.tsx';
import { RowActions } from './components/RowActions.tsx';
import type { ToastApi } from './components/Toasts.tsx';

/** The project's members: each user or group with a direct role on it, and its roles. */
interface Member {
  key: string;
  actor: AssignmentRow['actor'];
  roles: AssignmentRow[];
}

function membersOf(rows: AssignmentRow[]): Member[] {
  const byActor = new Map<string, Member>();
  for (const row of rows) {
    const key = `${row.actor.kind}:${row.actor.id}`;
    const member = byActor.get(key) ?? { key, actor: row.actor, roles: [] };
    member.roles.push(row);
    byActor.set(key, member);
  }
  return [...byActor.values()].sort((a, b) => (a.actor.name ?? a.actor.id).localeCompare(b.actor.name ?? b.actor.id));
}

export function ProjectMembers({
  project,
  toasts,
  canList,
  canGrant,
  canRevoke,
}: {
  project: Project;
  toasts: ToastApi;
  canList: boolean;
  canGrant: boolean;
  canRevoke: boolean;
}) {
  const queryClient = useQueryClient();
  const [effective, setEffective] = useState(false);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [revoking, setRevoking] = useState<AssignmentRow | null>(null);
  const rows = useQuery({
    queryKey: ['admin', 'assignments', 'project', project.id, effective],
    queryFn: async () =>
      (
        await identity.roleAssignments.list({ project: project.id, include_names: true, effective, resolve: false })
      ).map(readAssignment),
    enabled: canList,
  });
  const members = membersOf(rows.data ?? []);
  const pages = useClientPages(members, `${project.id}:${effective}`);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'assignments'] });
  if (!canList) return <ErrorState error={{ status: 403 }} action="identity:list_role_assignments" />;
  return (
    <div className="xloud-adm-tab-body">
      <Toolbar>
        <ToolbarContent>
          {canGrant ? (
            <ToolbarItem>
              <Button onClick={() => setAdding(true)} data-testid="add-member">
                {t('admin.projects.addMember')}
              </Button>
            </ToolbarItem>
          ) : null}
          <ToolbarItem>
            <Switch
              id="project-members-effective"
              label={t('admin.projects.effectiveMembers')}
              isChecked={effective}
              onChange={(_e, checked) => setEffective(checked)}
            />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <ListStates
        query={rows}
        isEmpty={members.length === 0}
        emptyTitle={t('admin.projects.noMembers')}
        emptyBody={canGrant ? t('admin.projects.noMembersBody') : undefined}
        action="identity:list_role_assignments"
      >
        {effective ? (
          <AssignmentsTable
            rows={rows.data ?? []}
            label={t('admin.tab.members')}
            showTarget={false}
            canRevoke={canRevoke}
            onRevoke={setRevoking}
          />
        ) : (
          <ClientPagedTable
            pages={pages}
            label={t('admin.tab.members')}
            pagerOf={t('admin.tab.members')}
            testId="project-members"
            columns={[t('admin.projects.member'), t('admin.projects.memberType'), t('admin.projects.roles')]}
            row={(member) => {
              const first = member.roles[0];
              const name = member.actor.name ?? member.actor.id;
              return (
                <Tr key={member.key} data-testid="member-row">
                  <Td dataLabel={t('admin.projects.member')}>{actorLink(first)}</Td>
                  <Td dataLabel={t('admin.projects.memberType')}>
                    {member.actor.kind === 'user' ? t('admin.assignments.user') : t('admin.assignments.group')}
                  </Td>
                  <Td dataLabel={t('admin.projects.roles')}>
                    <LabelGroup numLabels={10} aria-label={t('admin.projects.rolesOf', { name })}>
                      {member.roles.map((row) => (
                        <Label
                          key={row.key}
                          isCompact
                          color={row.inherited ? 'purple' : 'blue'}
                          onClose={canRevoke ? () => setRevoking(row) : undefined}
                          closeBtnAriaLabel={t('admin.projects.revokeRole', {
                            role: row.role.name ?? row.role.id,
                            name,
                          })}
                        >
                          <bdi>{row.role.name ?? row.role.id}</bdi>
                          {row.inherited ? ` (${t('admin.assignments.inherited')})` : ''}
                        </Label>
                      ))}
                    </LabelGroup>
                  </Td>
                  <Td isActionCell>
                    <RowActions
                      label={t('admin.actionsFor', { name })}
                      actions={[
                        canRevoke && {
                          title: t('admin.projects.removeMember'),
                          onClick: () => setRemoving(member),
                          isDanger: true,
                          testId: 'remove-member',
                        },
                      ]}
                    />
                  </Td>
                </Tr>
              );
            }}
          />
        )}
      </ListStates>
      {adding ? <AddProjectMemberModal project={project} onClose={() => setAdding(false)} toasts={toasts} /> : null}
      {revoking ? <RevokeAssignmentModal row={revoking} onClose={() => setRevoking(null)} toasts={toasts} /> : null}
      {removing ? (
        <ConfirmModal
          title={t('admin.projects.removeMemberTitle', { name: removing.actor.name ?? removing.actor.id })}
          body={t('admin.projects.removeMemberBody', {
            name: removing.actor.name ?? removing.actor.id,
            project: project.name,
            roles: removing.roles.map((r) => r.role.name ?? r.role.id).join(', '),
          })}
          confirmLabel={t('admin.projects.removeMember')}
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            for (const row of removing.roles) {
              await changeGrant('revoke', {
                roleId: row.role.id,
                actor: row.actor,
                target: { kind: 'project', id: project.id },
                inherited: row.inherited,
              });
            }
            await refresh();
            toasts.push(
              t('admin.projects.memberRemoved', {
                name: removing.actor.name ?? removing.actor.id,
                project: project.name,
              }),
            );
          }}
        />
      ) : null}
    </div>
  );
}

/** Adds a user or a group to the project with a role (PUT /v3/projects/{p}/users|groups/{id}/roles/{role}). */
function AddProjectMemberModal({ project, onClose, toasts }: { project: Project; onClose(): void; toasts: ToastApi }) {
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [kind, setKind] = useState<'user' | 'group'>('user');
  const [actor, setActor] = useState<PickedEntity | null>(null);
  const [roleId, setRoleId] = useState('');
  const [inherited, setInherited] = useState(false);
  const [errors, setErrors] = useState<{ actor?: string; role?: string }>({});
  return (
    <FormModal
      title={t('admin.projects.addMemberTitle', { name: project.name })}
      submitLabel={t('admin.projects.addMember')}
      onClose={onClose}
      testId="add-member-form"
      onSubmit={async () => {
        const found = {
          actor: actor ? undefined : kind === 'user' ? t('admin.field.pickUser') : t('admin.field.pickGroup'),
          role: roleId ? undefined : t('field.required'),
        };
        setErrors(found);
        if (found.actor || found.role || !actor) return false;
        await changeGrant('grant', {
          roleId,
          actor: { kind, id: actor.id },
          target: { kind: 'project', id: project.id },
          inherited,
        });
        await queryClient.invalidateQueries({ queryKey: ['admin', 'assignments'] });
        toasts.push(
          t('admin.projects.memberAdded', {
            name: actor.name,
            project: project.name,
            role: roles.data?.find((r) => r.id === roleId)?.name ?? roleId,
          }),
        );
        return true;
      }}
    >
      <FormGroup role="radiogroup" isInline fieldId="member-kind" label={t('admin.projects.memberType')}>
        <Radio
          id="member-kind-user"
          name="member-kind"
          label={t('admin.assignments.user')}
          isChecked={kind === 'user'}
          onChange={() => {
            setKind('user');
            setActor(null);
          }}
        />
        <Radio
          id="member-kind-group"
          name="member-kind"
          label={t('admin.assignments.group')}
          isChecked={kind === 'group'}
          onChange={() => {
            setKind('group');
            setActor(null);
          }}
        />
      </FormGroup>
      <EntityPicker
        key={kind}
        id="member-actor"
        kind={kind === 'user' ? 'users' : 'groups'}
        label={kind === 'user' ? t('admin.field.user') : t('admin.field.group')}
        value={actor}
        onChange={setActor}
        error={errors.actor}
        isRequired
      />
      <RoleSelect id="member-role" value={roleId} onChange={setRoleId} error={errors.role} />
      <Switch
        id="member-inherited"
        label={t('admin.projects.inheritedGrant')}
        isChecked={inherited}
        onChange={(_e, checked) => setInherited(checked)}
      />
    </FormModal>
  );
}
