import { useQueryClient } from '@tanstack/react-query';
import type { Group } from '@xloud/sdk/browser';
import { useState } from 'react';
import { identity } from '../../api/identity.ts';
import { t } from '../../i18n/t.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { DomainField } from './components/DomainSelect.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { TextAreaField, TextField } from './components/fields.tsx';
import { homeDomainId } from './components/permissions.ts';
import { RowActions } from './components/RowActions.tsx';
import type { ToastApi } from './components/Toasts.tsx';
import { hasErrors, nameError, optionalLengthError, type FieldErrors } from './components/validation.ts';

export const GROUPS_KEY = ['admin', 'groups'] as const;

export type GroupDialog = { kind: 'create' } | { kind: 'edit'; group: Group } | { kind: 'delete'; group: Group };

function GroupFormModal({ group, onClose, toasts }: { group?: Group; onClose(): void; toasts: ToastApi }) {
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(typeof group?.description === 'string' ? group.description : '');
  const [domainId, setDomainId] = useState(group?.domain_id ?? homeDomainId(session.token));
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = async () => {
    const found: FieldErrors = { name: nameError(name, 255), description: optionalLengthError(description, 10_000) };
    setErrors(found);
    if (hasErrors(found)) return false;
    if (group) {
      await identity.groups.update(group.id, { name, description });
      toasts.push(t('admin.groups.updated', { name }));
    } else {
      const created = await identity.groups.create({ name, description, domain_id: domainId });
      toasts.push(t('admin.groups.created', { name: created.name }));
    }
    await queryClient.invalidateQueries({ queryKey: GROUPS_KEY });
    if (group) await queryClient.invalidateQueries({ queryKey: ['admin', 'group', group.id] });
    return true;
  };
  return (
    <FormModal
      title={group ? t('admin.groups.editTitle', { name: group.name }) : t('admin.groups.createTitle')}
      submitLabel={group ? t('action.save') : t('action.create')}
      onSubmit={submit}
      onClose={onClose}
      testId="group-form"
    >
      <TextField
        id="group-name"
        label={t('admin.field.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        isRequired
      />
      {group ? null : <DomainField id="group-domain" value={domainId} onChange={setDomainId} />}
      <TextAreaField
        id="group-description"
        label={t('admin.field.description')}
        value={description}
        onChange={setDescription}
        error={errors.description}
      />
    </FormModal>
  );
}

export function GroupDialogs({
  dialog,
  onClose,
  toasts,
  onDeleted,
}: {
  dialog: GroupDialog | null;
  onClose(): void;
  toasts: ToastApi;
  onDeleted?(): void;
}) {
  const queryClient = useQueryClient();
  if (!dialog) return null;
  if (dialog.kind === 'create') return <GroupFormModal onClose={onClose} toasts={toasts} />;
  if (dialog.kind === 'edit') return <GroupFormModal group={dialog.group} onClose={onClose} toasts={toasts} />;
  const { group } = dialog;
  return (
    <ConfirmModal
      title={t('admin.groups.deleteTitle', { name: group.name })}
      body={t('admin.groups.deleteBody')}
      confirmLabel={t('action.delete')}
      onClose={onClose}
      onConfirm={async () => {
        await identity.groups.delete(group.id);
        await queryClient.invalidateQueries({ queryKey: GROUPS_KEY });
        toasts.push(t('admin.groups.deleted', { name: group.name }));
        onDeleted?.();
      }}
    />
  );
}

export function GroupRowActions({
  group,
  onDialog,
  canUpdate,
  canDelete,
}: {
  group: Group;
  onDialog(d: GroupDialog): void;
  canUpdate: boolean;
  canDelete: boolean;
}) {
  return (
    <RowActions
      label={t('admin.actionsFor', { name: group.name })}
      actions={[
        canUpdate && { title: t('action.edit'), onClick: () => onDialog({ kind: 'edit', group }), testId: 'edit' },
        canDelete && {
          title: t('action.delete'),
          onClick: () => onDialog({ kind: 'delete', group }),
          isDanger: true,
          testId: 'delete',
        },
      ]}
    />
  );
}
