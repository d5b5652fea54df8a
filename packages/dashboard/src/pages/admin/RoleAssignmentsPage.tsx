import { Button, Form, FormGroup, Grid, GridItem, Radio, Switch, Title } from '@patternfly/react-core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { identity } from '../../api/identity.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { changeGrant, type GrantTarget } from './components/api.ts';
import { AssignmentList } from './components/AssignmentList.tsx';
import { readAssignment } from './components/assignments.tsx';
import { EntityPicker, type PickedEntity } from './components/EntityPicker.tsx';
import { FormModal } from './components/FormModal.tsx';
import { SelectField } from './components/fields.tsx';
import { useAdminPermissions } from './components/permissions.ts';
import { RoleSelect, useRoles } from './components/RoleSelect.tsx';
import { Toasts, useToasts, type ToastApi } from './components/Toasts.tsx';

const ACTIONS = ['identity:create_grant', 'identity:revoke_grant'] as const;

interface Filters {
  user: PickedEntity | null;
  group: PickedEntity | null;
  project: PickedEntity | null;
  domain: PickedEntity | null;
  roleId: string;
  effective: boolean;
  includeNames: boolean;
}

const NO_FILTERS: Filters = {
  user: null,
  group: null,
  project: null,
  domain: null,
  roleId: '',
  effective: false,
  includeNames: true,
};

function hasFilter(f: Filters): boolean {
  return Boolean(f.user || f.group || f.project || f.domain || f.roleId);
}

/**
 * Role assignments (GET /v3/role_assignments) filtered by user, group, project, domain and role — names found by
 * searching the server — with the "effective" view (group memberships and OS-INHERIT grants expanded, each row
 * labelled with where it comes from); grant and revoke.
 */
export default function RoleAssignmentsPage() {
  const permissions = useAdminPermissions(ACTIONS);
  const [granting, setGranting] = useState(false);
  const toasts = useToasts();
  return (
    <AdminPage
      action="identity:list_role_assignments"
      title={t('admin.assignments.title')}
      description={t('admin.assignments.description')}
      actions={
        permissions.allowed('identity:create_grant') ? (
          <Button onClick={() => setGranting(true)} data-testid="grant-role">
            {t('admin.assignments.grant')}
          </Button>
        ) : null
      }
    >
      <AssignmentBrowser canRevoke={permissions.allowed('identity:revoke_grant') === true} toasts={toasts} />
      {granting ? <GrantModal onClose={() => setGranting(false)} toasts={toasts} /> : null}
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function AssignmentBrowser({ canRevoke, toasts }: { canRevoke: boolean; toasts: ToastApi }) {
  const roles = useRoles();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters | null>(null);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setDraft((f) => ({ ...f, [key]: value }));
  const rows = useQuery({
    queryKey: [
      'admin',
      'assignments',
      'browse',
      applied && {
        ...applied,
        user: applied.user?.id,
        group: applied.group?.id,
        project: applied.project?.id,
        domain: applied.domain?.id,
      },
    ],
    enabled: applied !== null,
    queryFn: async () => {
      const f = applied!;
      const list = await identity.roleAssignments.list({
        resolve: false,
        user: f.user?.id,
        group: f.group?.id,
        project: f.project?.id,
        domain: f.domain?.id,
        role: f.roleId || undefined,
        effective: f.effective,
        include_names: f.includeNames,
      });
      return list.map(readAssignment);
    },
  });
  const groupNames = useQuery({
    queryKey: ['admin', 'assignments', 'group-names', applied?.user?.id],
    queryFn: () => identity.users.listGroups(applied!.user!.id),
    enabled: Boolean(applied?.effective && applied.user),
  });
  const roleChoices = [
    { value: '', label: t('admin.assignments.anyRole') },
    ...(roles.data ?? []).map((r) => ({ value: r.id, label: r.name })),
  ];
  return (
    <>
      <Form
        className="xloud-adm-filters"
        aria-label={t('admin.assignments.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(draft);
        }}
      >
        <Title headingLevel="h2" size="md">
          {t('admin.assignments.filters')}
        </Title>
        <Grid hasGutter>
          <GridItem md={6} xl={4}>
            <EntityPicker
              id="filter-user"
              kind="users"
              label={t('admin.field.user')}
              value={draft.user}
              onChange={(v) => set('user', v)}
            />
          </GridItem>
          <GridItem md={6} xl={4}>
            <EntityPicker
              id="filter-group"
              kind="groups"
              label={t('admin.field.group')}
              value={draft.group}
              onChange={(v) => set('group', v)}
            />
          </GridItem>
          <GridItem md={6} xl={4}>
            <SelectField
              id="filter-role"
              label={t('admin.field.role')}
              value={draft.roleId}
              onChange={(v) => set('roleId', v)}
              choices={roleChoices}
            />
          </GridItem>
          <GridItem md={6} xl={4}>
            <EntityPicker
              id="filter-project"
              kind="projects"
              label={t('admin.field.project')}
              value={draft.project}
              onChange={(v) => set('project', v)}
            />
          </GridItem>
          <GridItem md={6} xl={4}>
            <EntityPicker
              id="filter-domain"
              kind="domains"
              label={t('admin.field.domain')}
              value={draft.domain}
              onChange={(v) => set('domain', v)}
            />
          </GridItem>
          <GridItem md={6} xl={4}>
            <FormGroup fieldId="filter-effective" role="group" label={t('admin.assignments.view')}>
              <Switch
                id="filter-effective"
                label={t('admin.assignments.effective')}
                isChecked={draft.effective && !draft.group}
                isDisabled={Boolean(draft.group)}
                onChange={(_e, v) => set('effective', v)}
                aria-describedby="filter-effective-help"
              />
              <p id="filter-effective-help" className="xloud-adm-muted">
                {draft.group ? t('admin.assignments.effectiveNoGroup') : t('admin.assignments.effectiveHelp')}
              </p>
              <Switch
                id="filter-names"
                label={t('admin.assignments.includeNames')}
                isChecked={draft.includeNames}
                onChange={(_e, v) => set('includeNames', v)}
              />
            </FormGroup>
          </GridItem>
        </Grid>
        <div className="xloud-page-actions">
          <Button type="submit" data-testid="apply-filters">
            {t('admin.assignments.apply')}
          </Button>
          <Button
            variant="link"
            onClick={() => {
              setDraft(NO_FILTERS);
              setApplied(null);
            }}
          >
            {t('admin.assignments.reset')}
          </Button>
        </div>
      </Form>
      <div className="xloud-adm-results" aria-live="polite">
        {applied === null ? (
          <EmptyState
            title={t('admin.assignments.chooseTitle')}
            body={t('admin.assignments.chooseBody')}
            actions={
              <Button variant="secondary" onClick={() => setApplied({ ...draft })}>
                {hasFilter(draft) ? t('admin.assignments.apply') : t('admin.assignments.listAll')}
              </Button>
            }
          />
        ) : (
          <AssignmentList
            query={rows}
            label={t('admin.assignments.title')}
            canRevoke={canRevoke}
            groupName={(id) => groupNames.data?.find((g) => g.id === id)?.name}
            toasts={toasts}
          >
            <p className="xloud-adm-muted" data-testid="assignments-count">
              {t('admin.assignments.count', { count: rows.data?.length ?? 0 })}
            </p>
          </AssignmentList>
        )}
      </div>
    </>
  );
}

/** Grants a role to a user or group on a project, a domain or the system (optionally inherited by sub-projects). */
function GrantModal({ onClose, toasts }: { onClose(): void; toasts: ToastApi }) {
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [actorKind, setActorKind] = useState<'user' | 'group'>('user');
  const [actor, setActor] = useState<PickedEntity | null>(null);
  const [targetKind, setTargetKind] = useState<'project' | 'domain' | 'system'>('project');
  const [target, setTarget] = useState<PickedEntity | null>(null);
  const [roleId, setRoleId] = useState('');
  const [inherited, setInherited] = useState(false);
  const [errors, setErrors] = useState<{ actor?: string; target?: string; role?: string }>({});
  return (
    <FormModal
      title={t('admin.assignments.grantTitle')}
      submitLabel={t('admin.assignments.grant')}
      onClose={onClose}
      testId="grant-form"
      onSubmit={async () => {
        const found = {
          actor: actor ? undefined : actorKind === 'user' ? t('admin.field.pickUser') : t('admin.field.pickGroup'),
          target:
            targetKind === 'system' || target
              ? undefined
              : targetKind === 'project'
                ? t('admin.field.pickProject')
                : t('admin.field.pickDomain'),
          role: roleId ? undefined : t('field.required'),
        };
        setErrors(found);
        if (found.actor || found.target || found.role || !actor) return false;
        const where: GrantTarget = targetKind === 'system' ? { kind: 'system' } : { kind: targetKind, id: target!.id };
        await changeGrant('grant', {
          roleId,
          actor: { kind: actorKind, id: actor.id },
          target: where,
          inherited: targetKind !== 'system' && inherited,
        });
        await queryClient.invalidateQueries({ queryKey: ['admin', 'assignments'] });
        toasts.push(
          t('admin.assignments.granted', {
            role: roles.data?.find((r) => r.id === roleId)?.name ?? roleId,
            actor: actor.name,
            target: targetKind === 'system' ? t('admin.assignments.system') : (target?.name ?? ''),
          }),
        );
        return true;
      }}
    >
      <FormGroup role="radiogroup" isInline fieldId="grant-actor-kind" label={t('admin.assignments.actor')}>
        <Radio
          id="grant-actor-user"
          name="grant-actor-kind"
          label={t('admin.assignments.user')}
          isChecked={actorKind === 'user'}
          onChange={() => {
            setActorKind('user');
            setActor(null);
          }}
        />
        <Radio
          id="grant-actor-group"
          name="grant-actor-kind"
          label={t('admin.assignments.group')}
          isChecked={actorKind === 'group'}
          onChange={() => {
            setActorKind('group');
            setActor(null);
          }}
        />
      </FormGroup>
      <EntityPicker
        key={`actor-${actorKind}`}
        id="grant-actor"
        kind={actorKind === 'user' ? 'users' : 'groups'}
        label={actorKind === 'user' ? t('admin.field.user') : t('admin.field.group')}
        value={actor}
        onChange={setActor}
        error={errors.actor}
        isRequired
      />
      <RoleSelect id="grant-role" value={roleId} onChange={setRoleId} error={errors.role} />
      <FormGroup role="radiogroup" isInline fieldId="grant-target-kind" label={t('admin.assignments.target')}>
        <Radio
          id="grant-target-project"
          name="grant-target-kind"
          label={t('admin.field.project')}
          isChecked={targetKind === 'project'}
          onChange={() => {
            setTargetKind('project');
            setTarget(null);
          }}
        />
        <Radio
          id="grant-target-domain"
          name="grant-target-kind"
          label={t('admin.field.domain')}
          isChecked={targetKind === 'domain'}
          onChange={() => {
            setTargetKind('domain');
            setTarget(null);
          }}
        />
        <Radio
          id="grant-target-system"
          name="grant-target-kind"
          label={t('admin.assignments.system')}
          isChecked={targetKind === 'system'}
          onChange={() => {
            setTargetKind('system');
            setTarget(null);
          }}
        />
      </FormGroup>
      {targetKind === 'system' ? null : (
        <>
          <EntityPicker
            key={`target-${targetKind}`}
            id="grant-target"
            kind={targetKind === 'project' ? 'projects' : 'domains'}
            label={targetKind === 'project' ? t('admin.field.project') : t('admin.field.domain')}
            value={target}
            onChange={setTarget}
            error={errors.target}
            isRequired
          />
          <Switch
            id="grant-inherited"
            label={t('admin.assignments.inheritedGrant')}
            isChecked={inherited}
            onChange={(_e, v) => setInherited(v)}
          />
        </>
      )}
    </FormModal>
  );
}
