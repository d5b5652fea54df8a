import { Button, Label, LabelGroup } from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@xloud/sdk/browser';
import { useState } from 'react';
import { identity } from '../../api/identity.ts';
import { errorMessage } from '../../api/errors.ts';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { impliedRoles, type RoleInference } from './components/api.ts';
import { ListStates } from './components/bits.tsx';
import { TextCell } from './components/cells.tsx';
import { ClientPagedTable } from './components/ClientPagedTable.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { SelectField, TextAreaField, TextField } from './components/fields.tsx';
import { useClientPages } from './components/paging.ts';
import { useAdminPermissions } from './components/permissions.ts';
import { useRoles } from './components/RoleSelect.tsx';
import { RowActions } from './components/RowActions.tsx';
import { Toasts, useToasts, type ToastApi } from './components/Toasts.tsx';
import { hasErrors, nameError, optionalLengthError, type FieldErrors } from './components/validation.ts';

const ACTIONS = [
  'identity:create_role',
  'identity:delete_role',
  'identity:list_role_inference_rules',
  'identity:create_implied_role',
  'identity:delete_implied_role',
] as const;

type RoleDialog = { kind: 'create' } | { kind: 'delete'; role: Role } | { kind: 'implies'; role: Role };

/** Roles and their implications ("admin implies member"): list, create, delete, add or remove an implied role. */
export default function RolesPage() {
  const permissions = useAdminPermissions(ACTIONS);
  const [dialog, setDialog] = useState<RoleDialog | null>(null);
  const toasts = useToasts();
  const allowed = (a: (typeof ACTIONS)[number]) => permissions.allowed(a) === true;
  return (
    <AdminPage
      action="identity:list_roles"
      title={t('admin.roles.title')}
      description={t('admin.roles.description')}
      actions={
        allowed('identity:create_role') ? (
          <Button onClick={() => setDialog({ kind: 'create' })} data-testid="create-role">
            {t('admin.roles.create')}
          </Button>
        ) : null
      }
    >
      <RolesList
        onDialog={setDialog}
        canDelete={allowed('identity:delete_role')}
        canSeeInferences={allowed('identity:list_role_inference_rules')}
        canChangeInferences={allowed('identity:create_implied_role') || allowed('identity:delete_implied_role')}
      />
      {dialog?.kind === 'create' ? <CreateRoleModal onClose={() => setDialog(null)} toasts={toasts} /> : null}
      {dialog?.kind === 'delete' ? (
        <DeleteRoleModal role={dialog.role} onClose={() => setDialog(null)} toasts={toasts} />
      ) : null}
      {dialog?.kind === 'implies' ? (
        <ImpliedRolesModal
          role={dialog.role}
          onClose={() => setDialog(null)}
          toasts={toasts}
          canAdd={allowed('identity:create_implied_role')}
          canRemove={allowed('identity:delete_implied_role')}
        />
      ) : null}
      <Toasts api={toasts} />
    </AdminPage>
  );
}

const INFERENCES_KEY = ['admin', 'role-inferences'] as const;

function useInferences(enabled: boolean) {
  return useQuery({ queryKey: INFERENCES_KEY, queryFn: impliedRoles.list, enabled });
}

function impliesOf(inferences: RoleInference[] | undefined, roleId: string): Array<{ id: string; name: string }> {
  return inferences?.find((rule) => rule.prior_role.id === roleId)?.implies ?? [];
}

function RolesList({
  onDialog,
  canDelete,
  canSeeInferences,
  canChangeInferences,
}: {
  onDialog(d: RoleDialog): void;
  canDelete: boolean;
  canSeeInferences: boolean;
  canChangeInferences: boolean;
}) {
  const roles = useRoles();
  const inferences = useInferences(canSeeInferences);
  const list = roles.data ?? [];
  const pages = useClientPages(list, String(list.length));
  return (
    <ListStates
      query={roles}
      isEmpty={list.length === 0}
      emptyTitle={t('admin.roles.empty')}
      action="identity:list_roles"
    >
      <ClientPagedTable
        pages={pages}
        label={t('admin.roles.title')}
        pagerOf={t('admin.roles.title')}
        testId="roles-table"
        columns={[
          t('admin.field.name'),
          t('admin.field.description'),
          ...(canSeeInferences ? [t('admin.roles.implies')] : []),
        ]}
        row={(role) => {
          const implied = impliesOf(inferences.data, role.id);
          return (
            <Tr key={role.id} data-testid="role-row">
              <Td dataLabel={t('admin.field.name')}>
                <bdi className="xloud-break">{role.name}</bdi>
              </Td>
              <TextCell label={t('admin.field.description')} value={role.description} />
              {canSeeInferences ? (
                <Td dataLabel={t('admin.roles.implies')}>
                  {implied.length === 0 ? (
                    <span className="xloud-adm-muted">{t('value.none')}</span>
                  ) : (
                    <LabelGroup aria-label={t('admin.roles.impliesOf', { name: role.name })} numLabels={5}>
                      {implied.map((r) => (
                        <Label key={r.id} isCompact>
                          <bdi>{r.name}</bdi>
                        </Label>
                      ))}
                    </LabelGroup>
                  )}
                </Td>
              ) : null}
              <Td isActionCell>
                <RowActions
                  label={t('admin.actionsFor', { name: role.name })}
                  actions={[
                    canChangeInferences && {
                      title: t('admin.roles.manageImplies'),
                      onClick: () => onDialog({ kind: 'implies', role }),
                      testId: 'implies',
                    },
                    canDelete && {
                      title: t('action.delete'),
                      onClick: () => onDialog({ kind: 'delete', role }),
                      isDanger: true,
                      testId: 'delete',
                    },
                  ]}
                />
              </Td>
            </Tr>
          );
        }}
      />
    </ListStates>
  );
}

function CreateRoleModal({ onClose, toasts }: { onClose(): void; toasts: ToastApi }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <FormModal
      title={t('admin.roles.createTitle')}
      submitLabel={t('action.create')}
      onClose={onClose}
      testId="role-form"
      onSubmit={async () => {
        const found: FieldErrors = { name: nameError(name, 255), description: optionalLengthError(description, 255) };
        setErrors(found);
        if (hasErrors(found)) return false;
        const role = await identity.roles.create({ name, ...(description ? { description } : {}) });
        await queryClient.invalidateQueries({ queryKey: ['roles'] });
        toasts.push(t('admin.roles.created', { name: role.name }));
        return true;
      }}
    >
      <TextField
        id="role-name"
        label={t('admin.field.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        isRequired
      />
      <TextAreaField
        id="role-description"
        label={t('admin.field.description')}
        value={description}
        onChange={setDescription}
        error={errors.description}
      />
    </FormModal>
  );
}

function DeleteRoleModal({ role, onClose, toasts }: { role: Role; onClose(): void; toasts: ToastApi }) {
  const queryClient = useQueryClient();
  return (
    <ConfirmModal
      title={t('admin.roles.deleteTitle', { name: role.name })}
      body={t('admin.roles.deleteBody')}
      confirmLabel={t('action.delete')}
      onClose={onClose}
      onConfirm={async () => {
        await identity.roles.delete(role.id);
        await queryClient.invalidateQueries({ queryKey: ['roles'] });
        await queryClient.invalidateQueries({ queryKey: INFERENCES_KEY });
        toasts.push(t('admin.roles.deleted', { name: role.name }));
      }}
    />
  );
}

/** The roles this role implies: add one (PUT /v3/roles/{prior}/implies/{implied}) or remove one. */
function ImpliedRolesModal({
  role,
  onClose,
  toasts,
  canAdd,
  canRemove,
}: {
  role: Role;
  onClose(): void;
  toasts: ToastApi;
  canAdd: boolean;
  canRemove: boolean;
}) {
  const queryClient = useQueryClient();
  const roles = useRoles();
  const inferences = useInferences(true);
  const implied = impliesOf(inferences.data, role.id);
  const candidates = (roles.data ?? []).filter((r) => r.id !== role.id && !implied.some((i) => i.id === r.id));
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [removeError, setRemoveError] = useState<string | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: INFERENCES_KEY });
  return (
    <FormModal
      title={t('admin.roles.impliesTitle', { name: role.name })}
      description={t('admin.roles.impliesHelp', { name: role.name })}
      submitLabel={t('admin.roles.addImplied')}
      onClose={onClose}
      cancelLabel={t('action.close')}
      testId="implies-form"
      onSubmit={async () => {
        if (!canAdd) return true;
        const implied = choice || candidates[0]?.id;
        if (!implied) {
          setError(t('field.required'));
          return false;
        }
        await impliedRoles.add(role.id, implied);
        await refresh();
        setChoice('');
        toasts.push(
          t('admin.roles.impliedAdded', {
            prior: role.name,
            implied: roles.data?.find((r) => r.id === implied)?.name ?? implied,
          }),
        );
        return false;
      }}
    >
      <div aria-live="polite">
        {implied.length === 0 ? (
          <p>{t('admin.roles.impliesNone', { name: role.name })}</p>
        ) : (
          <LabelGroup
            aria-label={t('admin.roles.impliesOf', { name: role.name })}
            numLabels={20}
            data-testid="implied-roles"
          >
            {implied.map((r) => (
              <Label
                key={r.id}
                onClose={
                  canRemove
                    ? () => {
                        setRemoveError(undefined);
                        impliedRoles
                          .remove(role.id, r.id)
                          .then(refresh)
                          .then(() =>
                            toasts.push(t('admin.roles.impliedRemoved', { prior: role.name, implied: r.name })),
                          )
                          .catch((e: unknown) => setRemoveError(errorMessage(e)));
                      }
                    : undefined
                }
                closeBtnAriaLabel={t('admin.roles.removeImplied', { name: r.name })}
              >
                <bdi>{r.name}</bdi>
              </Label>
            ))}
          </LabelGroup>
        )}
        {removeError ? <p className="xloud-adm-error-text">{removeError}</p> : null}
      </div>
      {canAdd && candidates.length > 0 ? (
        <SelectField
          id="implied-role"
          label={t('admin.roles.impliedRole')}
          value={choice || candidates[0]!.id}
          onChange={setChoice}
          choices={candidates.map((r) => ({ value: r.id, label: r.name }))}
          error={error}
        />
      ) : null}
    </FormModal>
  );
}
