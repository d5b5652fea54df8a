import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '@xloud/sdk/browser';
import { useState } from 'react';
import { errorMessage } from '../../api/errors.ts';
import { identity } from '../../api/identity.ts';
import { t } from '../../i18n/t.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { changeGrant } from './components/api.ts';
import { DomainField } from './components/DomainSelect.tsx';
import { EntityPicker, type PickedEntity } from './components/EntityPicker.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { SwitchField, TextAreaField, TextField } from './components/fields.tsx';
import { homeDomainId } from './components/permissions.ts';
import { RoleSelect } from './components/RoleSelect.tsx';
import { RowActions } from './components/RowActions.tsx';
import type { ToastApi } from './components/Toasts.tsx';
import {
  emailError,
  hasErrors,
  nameError,
  optionalLengthError,
  passwordErrors,
  type FieldErrors,
} from './components/validation.ts';

export const USERS_KEY = ['admin', 'users'] as const;

export type UserDialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'password'; user: User }
  | { kind: 'toggle'; user: User }
  | { kind: 'delete'; user: User };

/** A new password and its confirmation (`<id>-confirm`), their errors from passwordErrors. */
function NewPasswordFields({
  id,
  label,
  password,
  onPassword,
  confirm,
  onConfirm,
  errors,
}: {
  id: string;
  label: string;
  password: string;
  onPassword(value: string): void;
  confirm: string;
  onConfirm(value: string): void;
  errors: FieldErrors;
}) {
  return (
    <>
      <TextField
        id={id}
        label={label}
        type="password"
        value={password}
        onChange={onPassword}
        error={errors.password}
        isRequired
        autoComplete="new-password"
      />
      <TextField
        id={`${id}-confirm`}
        label={t('admin.field.passwordConfirm')}
        type="password"
        value={confirm}
        onChange={onConfirm}
        error={errors.confirm}
        isRequired
        autoComplete="new-password"
      />
    </>
  );
}

/** Creates a user, with a primary project (default_project_id) and a role on it (member by default). */
function CreateUserModal({
  onClose,
  toasts,
  onCreated,
}: {
  onClose(): void;
  toasts: ToastApi;
  onCreated?(user: User): void;
}) {
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [domainId, setDomainId] = useState(homeDomainId(session.token));
  const [email, setEmail] = useState('');
  const [description, setDescription] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [project, setProject] = useState<PickedEntity | null>(null);
  const [roleId, setRoleId] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = async () => {
    const found: FieldErrors = {
      name: nameError(name, 255),
      email: emailError(email),
      description: optionalLengthError(description, 10_000),
      ...passwordErrors(password, confirm, true),
      role: project && !roleId ? t('field.required') : undefined,
    };
    setErrors(found);
    if (hasErrors(found)) return false;
    const user = await identity.users.create({
      name,
      domain_id: domainId,
      enabled,
      password,
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(description ? { description } : {}),
      ...(project ? { default_project_id: project.id } : {}),
    });
    await queryClient.invalidateQueries({ queryKey: USERS_KEY });
    if (project) {
      try {
        await changeGrant('grant', {
          roleId,
          actor: { kind: 'user', id: user.id },
          target: { kind: 'project', id: project.id },
        });
      } catch (error) {
        toasts.push(t('admin.users.createdNoRole', { name: user.name, message: errorMessage(error) }), 'danger');
        onCreated?.(user);
        return true;
      }
    }
    toasts.push(t('admin.users.created', { name: user.name }));
    onCreated?.(user);
    return true;
  };

  return (
    <FormModal
      title={t('admin.users.createTitle')}
      submitLabel={t('action.create')}
      onSubmit={submit}
      onClose={onClose}
      testId="user-form"
    >
      <TextField
        id="user-name"
        label={t('admin.field.userName')}
        value={name}
        onChange={setName}
        error={errors.name}
        isRequired
        autoComplete="off"
      />
      <DomainField id="user-domain" value={domainId} onChange={setDomainId} />
      <TextField
        id="user-email"
        label={t('admin.field.email')}
        type="email"
        value={email}
        onChange={setEmail}
        error={errors.email}
        autoComplete="off"
      />
      <TextAreaField
        id="user-description"
        label={t('admin.field.description')}
        value={description}
        onChange={setDescription}
        error={errors.description}
      />
      <NewPasswordFields
        id="user-password"
        label={t('admin.field.password')}
        password={password}
        onPassword={setPassword}
        confirm={confirm}
        onConfirm={setConfirm}
        errors={errors}
      />
      <EntityPicker
        id="user-project"
        kind="projects"
        label={t('admin.field.primaryProject')}
        value={project}
        onChange={setProject}
        domainId={domainId}
      />
      {project ? (
        <RoleSelect
          id="user-role"
          label={t('admin.field.roleOnProject')}
          value={roleId}
          onChange={setRoleId}
          error={errors.role}
        />
      ) : null}
      <SwitchField id="user-enabled" label={t('admin.field.enabled')} isChecked={enabled} onChange={setEnabled} />
    </FormModal>
  );
}

/** The user's default project as a picker value (the project fetched once; shared cache with the other pages). */
function useProjectRef(projectId: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'project', projectId],
    queryFn: () => identity.projects.get(projectId!),
    enabled: Boolean(projectId),
    retry: false,
    staleTime: 60_000,
  });
}

function EditUserModal({ user, onClose, toasts }: { user: User; onClose(): void; toasts: ToastApi }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(typeof user.email === 'string' ? user.email : '');
  const [description, setDescription] = useState(typeof user.description === 'string' ? user.description : '');
  const current = useProjectRef(user.default_project_id);
  const [project, setProject] = useState<PickedEntity | null | undefined>(undefined);
  const [errors, setErrors] = useState<FieldErrors>({});
  const fallback = user.default_project_id
    ? { id: user.default_project_id, name: current.data?.name ?? user.default_project_id }
    : null;
  const shownProject = project === undefined ? fallback : project;

  const submit = async () => {
    const found: FieldErrors = { email: emailError(email), description: optionalLengthError(description, 10_000) };
    setErrors(found);
    if (hasErrors(found)) return false;
    const changes: Record<string, unknown> = { email: email.trim() || null, description };
    if (project !== undefined) changes.default_project_id = project ? project.id : null;
    await identity.users.update(user.id, changes as Partial<User>);
    await queryClient.invalidateQueries({ queryKey: USERS_KEY });
    await queryClient.invalidateQueries({ queryKey: ['admin', 'user', user.id] });
    toasts.push(t('admin.users.updated', { name: user.name }));
    return true;
  };
  return (
    <FormModal
      title={t('admin.users.editTitle', { name: user.name })}
      submitLabel={t('action.save')}
      onSubmit={submit}
      onClose={onClose}
      testId="user-form"
    >
      <TextField
        id="user-email"
        label={t('admin.field.email')}
        type="email"
        value={email}
        onChange={setEmail}
        error={errors.email}
      />
      <TextAreaField
        id="user-description"
        label={t('admin.field.description')}
        value={description}
        onChange={setDescription}
        error={errors.description}
      />
      <EntityPicker
        id="user-project"
        kind="projects"
        label={t('admin.field.primaryProject')}
        value={shownProject}
        onChange={(p) => setProject(p)}
        domainId={user.domain_id}
      />
    </FormModal>
  );
}

function ResetPasswordModal({ user, onClose, toasts }: { user: User; onClose(): void; toasts: ToastApi }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = async () => {
    const found = passwordErrors(password, confirm, true);
    setErrors(found);
    if (hasErrors(found)) return false;
    await identity.users.update(user.id, { password } as Partial<User>);
    toasts.push(t('admin.users.passwordReset', { name: user.name }));
    return true;
  };
  return (
    <FormModal
      title={t('admin.users.passwordTitle', { name: user.name })}
      description={t('admin.users.passwordBody')}
      submitLabel={t('admin.users.passwordSubmit')}
      onSubmit={submit}
      onClose={onClose}
      testId="password-form"
    >
      <NewPasswordFields
        id="reset-password"
        label={t('admin.field.newPassword')}
        password={password}
        onPassword={setPassword}
        confirm={confirm}
        onConfirm={setConfirm}
        errors={errors}
      />
    </FormModal>
  );
}

/** Every dialog of the users pages, for the list and the detail page alike. */
export function UserDialogs({
  dialog,
  onClose,
  toasts,
  onDeleted,
  onCreated,
}: {
  dialog: UserDialog | null;
  onClose(): void;
  toasts: ToastApi;
  onDeleted?(): void;
  onCreated?(user: User): void;
}) {
  const queryClient = useQueryClient();
  if (!dialog) return null;
  const refresh = async (id: string) => {
    await queryClient.invalidateQueries({ queryKey: USERS_KEY });
    await queryClient.invalidateQueries({ queryKey: ['admin', 'user', id] });
  };
  switch (dialog.kind) {
    case 'create':
      return <CreateUserModal onClose={onClose} toasts={toasts} onCreated={onCreated} />;
    case 'edit':
      return <EditUserModal user={dialog.user} onClose={onClose} toasts={toasts} />;
    case 'password':
      return <ResetPasswordModal user={dialog.user} onClose={onClose} toasts={toasts} />;
    case 'toggle': {
      const { user } = dialog;
      const disabling = user.enabled !== false;
      return (
        <ConfirmModal
          title={
            disabling
              ? t('admin.users.disableTitle', { name: user.name })
              : t('admin.users.enableTitle', { name: user.name })
          }
          body={disabling ? t('admin.users.disableBody') : t('admin.users.enableBody')}
          confirmLabel={disabling ? t('admin.action.disable') : t('admin.action.enable')}
          onClose={onClose}
          onConfirm={async () => {
            await identity.users.update(user.id, { enabled: !disabling });
            await refresh(user.id);
            toasts.push(
              disabling
                ? t('admin.users.disabled', { name: user.name })
                : t('admin.users.enabled', { name: user.name }),
            );
          }}
        />
      );
    }
    case 'delete': {
      const { user } = dialog;
      return (
        <ConfirmModal
          title={t('admin.users.deleteTitle', { name: user.name })}
          body={t('admin.users.deleteBody')}
          confirmLabel={t('action.delete')}
          onClose={onClose}
          onConfirm={async () => {
            await identity.users.delete(user.id);
            await queryClient.invalidateQueries({ queryKey: USERS_KEY });
            toasts.push(t('admin.users.deleted', { name: user.name }));
            onDeleted?.();
          }}
        />
      );
    }
  }
}

/** The actions of one user (edit, enable/disable, reset password, delete), as far as policy allows. */
export function UserRowActions({
  user,
  onDialog,
  canUpdate,
  canDelete,
}: {
  user: User;
  onDialog(dialog: UserDialog): void;
  canUpdate: boolean;
  canDelete: boolean;
}) {
  return (
    <RowActions
      label={t('admin.actionsFor', { name: user.name })}
      actions={[
        canUpdate && { title: t('action.edit'), onClick: () => onDialog({ kind: 'edit', user }), testId: 'edit' },
        canUpdate && {
          title: user.enabled === false ? t('admin.action.enable') : t('admin.action.disable'),
          onClick: () => onDialog({ kind: 'toggle', user }),
          testId: 'toggle',
        },
        canUpdate && {
          title: t('admin.users.resetPassword'),
          onClick: () => onDialog({ kind: 'password', user }),
          testId: 'reset-password',
        },
        canDelete && {
          title: t('action.delete'),
          onClick: () => onDialog({ kind: 'delete', user }),
          isDanger: true,
          testId: 'delete',
        },
      ]}
    />
  );
}
