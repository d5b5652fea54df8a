import {
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  FormGroup,
  Label,
  LabelGroup,
  Radio,
  Switch,
  Tab,
  Tabs,
  TabTitleText,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Project } from '@xloud/sdk/browser';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { identity } from '../../api/identity.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { changeGrant } from './components/api.ts';
import { actorLink, AssignmentsTable, readAssignment, RevokeAssignmentModal, type AssignmentRow } from './components/assignments.tsx';
import { EnabledLabel, ListStates, Value } from './components/bits.tsx';
import { BackTo } from './components/DetailHeader.tsx';
import { useDomainName } from './components/DomainSelect.tsx';
import { EntityPicker, type PickedEntity } from './components/EntityPicker.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { ClientPager } from './components/Pager.tsx';
import { useClientPages } from './components/paging.ts';
import { useAdminPermissions } from './components/permissions.ts';
import { RoleSelect, useRoles } from './components/RoleSelect.tsx';
import { RowActions } from './components/RowActions.tsx';
import { Toasts, useToasts, type ToastApi } from './components/Toasts.tsx';
import { ProjectDialogs, ProjectRowActions, useProjectName, type ProjectDialog } from './ProjectDialogs.tsx';

const ACTIONS = [
  'identity:get_project',
  'identity:create_project',
  'identity:update_project',
  'identity:delete_project',
  'identity:list_role_assignments',
  'identity:create_grant',
  'identity:revoke_grant',
] as const;

/** One project: its members (users and groups with their roles on it) and its details. */
export default function ProjectDetailPage() {
  const { projectId = '' } = useParams();
  const navigate = useNavigate();
  const permissions = useAdminPermissions(ACTIONS);
  const allowed = (a: (typeof ACTIONS)[number]) => permissions.allowed(a) === true;
  const [dialog, setDialog] = useState<ProjectDialog | null>(null);
  const toasts = useToasts();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'members';
  const project = useProjectName(projectId, allowed('identity:get_project'));
  return (
    <AdminPage
      action="identity:get_project"
      target={{ project: { id: projectId } }}
      title={project.data ? project.data.name : t('admin.projects.detailTitle')}
      breadcrumb={<BackTo path="/identity/projects" label={t('admin.projects.title')} current={project.data?.name ?? projectId} />}
      actions={
        project.data ? (
          <ProjectRowActions
            project={project.data}
            onDialog={setDialog}
            permissions={{ canCreate: allowed('identity:create_project'), canUpdate: allowed('identity:update_project'), canDelete: allowed('identity:delete_project') }}
          />
        ) : null
      }
    >
      {project.isLoading ? <LoadingState /> : null}
      {project.error ? <ErrorState error={project.error} retry={() => void project.refetch()} action="identity:get_project" /> : null}
      {project.data ? (
        <Tabs activeKey={tab} onSelect={(_e, key) => setParams({ tab: String(key) }, { replace: true })} aria-label={t('admin.projects.tabs')} mountOnEnter unmountOnExit>
          <Tab eventKey="members" title={<TabTitleText>{t('admin.tab.members')}</TabTitleText>} data-testid="tab-members">
            <ProjectMembers
              project={project.data}
              toasts={toasts}
              canList={allowed('identity:list_role_assignments')}
              canGrant={allowed('identity:create_grant')}
              canRevoke={allowed('identity:revoke_grant')}
            />
          </Tab>
          <Tab eventKey="details" title={<TabTitleText>{t('admin.tab.details')}</TabTitleText>} data-testid="tab-details">
            <ProjectDetails project={project.data} />
          </Tab>
        </Tabs>
      ) : null}
      <ProjectDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} onDeleted={() => navigate('/identity/projects')} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function ProjectDetails({ project }: { project: Project }) {
  const domainName = useDomainName();
  const topLevel = !project.parent_id || project.parent_id === project.domain_id;
  const parent = useProjectName(topLevel ? null : project.parent_id);
  const field = (label: string, value: ReactNode) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <DescriptionList isHorizontal isCompact className="xloud-adm-tab-body" data-testid="project-details">
      {field(t('admin.field.name'), <Value>{project.name}</Value>)}
      {field(t('admin.field.id'), <Value>{project.id}</Value>)}
      {field(t('admin.field.domain'), <Value>{domainName(project.domain_id)}</Value>)}
      {field(
        t('admin.field.parent'),
        topLevel ? (
          <span className="xloud-adm-muted">{t('admin.projects.topLevel')}</span>
        ) : (
          <Link to={`/identity/projects/${encodeURIComponent(project.parent_id!)}`} className="xloud-break">
            <bdi>{parent.data?.name ?? project.parent_id}</bdi>
          </Link>
        ),
      )}
      {field(t('admin.field.description'), <Value>{typeof project.description === 'string' ? project.description : undefined}</Value>)}
      {field(t('admin.field.status'), <EnabledLabel enabled={project.enabled} />)}
      {field(
        t('admin.field.tags'),
        project.tags && project.tags.length > 0 ? (
          <LabelGroup numLabels={20} aria-label={t('admin.projects.tagsOf', { name: project.name })}>
            {project.tags.map((tag) => (
              <Label key={tag} isCompact color="blue">
                <bdi>{tag}</bdi>
              </Label>
            ))}
          </LabelGroup>
        ) : (
          <Value>{undefined}</Value>
        ),
      )}
    </DescriptionList>
  );
}

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

function ProjectMembers({ project, toasts, canList, canGrant, canRevoke }: { project: Project; toasts: ToastApi; canList: boolean; canGrant: boolean; canRevoke: boolean }) {
  const queryClient = useQueryClient();
  const [effective, setEffective] = useState(false);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [revoking, setRevoking] = useState<AssignmentRow | null>(null);
  const rows = useQuery({
    queryKey: ['admin', 'assignments', 'project', project.id, effective],
    queryFn: async () => (await identity.roleAssignments.list({ project: project.id, include_names: true, effective, resolve: false })).map(readAssignment),
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
        isLoading={rows.isLoading}
        error={rows.error}
        retry={() => void rows.refetch()}
        isEmpty={members.length === 0}
        emptyTitle={t('admin.projects.noMembers')}
        emptyBody={canGrant ? t('admin.projects.noMembersBody') : undefined}
        action="identity:list_role_assignments"
      >
        {effective ? (
          <AssignmentsTable rows={rows.data ?? []} label={t('admin.tab.members')} showTarget={false} canRevoke={canRevoke} onRevoke={setRevoking} />
        ) : (
          <>
            <Table aria-label={t('admin.tab.members')} variant="compact" data-testid="project-members">
              <Thead>
                <Tr>
                  <Th>{t('admin.projects.member')}</Th>
                  <Th>{t('admin.projects.memberType')}</Th>
                  <Th>{t('admin.projects.roles')}</Th>
                  <Th screenReaderText={t('action.actions')} />
                </Tr>
              </Thead>
              <Tbody>
                {pages.rows.map((member) => {
                  const first = member.roles[0]!;
                  const name = member.actor.name ?? member.actor.id;
                  return (
                    <Tr key={member.key} data-testid="member-row">
                      <Td dataLabel={t('admin.projects.member')}>{actorLink(first)}</Td>
                      <Td dataLabel={t('admin.projects.memberType')}>{member.actor.kind === 'user' ? t('admin.assignments.user') : t('admin.assignments.group')}</Td>
                      <Td dataLabel={t('admin.projects.roles')}>
                        <LabelGroup numLabels={10} aria-label={t('admin.projects.rolesOf', { name })}>
                          {member.roles.map((row) => (
                            <Label
                              key={row.key}
                              isCompact
                              color={row.inherited ? 'purple' : 'blue'}
                              onClose={canRevoke ? () => setRevoking(row) : undefined}
                              closeBtnAriaLabel={t('admin.projects.revokeRole', { role: row.role.name ?? row.role.id, name })}
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
                          actions={[canRevoke && { title: t('admin.projects.removeMember'), onClick: () => setRemoving(member), isDanger: true, testId: 'remove-member' }]}
                        />
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
            <ClientPager label={t('admin.pager.label', { what: t('admin.tab.members') })} pages={pages} />
          </>
        )}
      </ListStates>
      {adding ? <AddProjectMemberModal project={project} onClose={() => setAdding(false)} toasts={toasts} /> : null}
      {revoking ? (
        <RevokeAssignmentModal
          row={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={async () => {
            await refresh();
            toasts.push(t('admin.assignments.revoked'));
          }}
        />
      ) : null}
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
              await changeGrant('revoke', { roleId: row.role.id, actor: row.actor, target: { kind: 'project', id: project.id }, inherited: row.inherited });
            }
            await refresh();
            toasts.push(t('admin.projects.memberRemoved', { name: removing.actor.name ?? removing.actor.id, project: project.name }));
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
        const found = { actor: actor ? undefined : kind === 'user' ? t('admin.field.pickUser') : t('admin.field.pickGroup'), role: roleId ? undefined : t('field.required') };
        setErrors(found);
        if (found.actor || found.role || !actor) return false;
        await changeGrant('grant', { roleId, actor: { kind, id: actor.id }, target: { kind: 'project', id: project.id }, inherited });
        await queryClient.invalidateQueries({ queryKey: ['admin', 'assignments'] });
        toasts.push(t('admin.projects.memberAdded', { name: actor.name, project: project.name, role: roles.data?.find((r) => r.id === roleId)?.name ?? roleId }));
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
