import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Project } from '@xloud/sdk/browser';
import { useState } from 'react';
import { identity } from '../../api/identity.ts';
import { t } from '../../i18n/t.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { DomainField } from './components/DomainSelect.tsx';
import { EntityPicker, type PickedEntity } from './components/EntityPicker.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { SwitchField, TextAreaField, TextField } from './components/fields.tsx';
import { homeDomainId, type CrudRights } from './components/permissions.ts';
import { RowActions } from './components/RowActions.tsx';
import type { ToastApi } from './components/Toasts.tsx';
import { hasErrors, nameError, optionalLengthError, parseTags, type FieldErrors } from './components/validation.ts';

export const PROJECTS_KEY = ['admin', 'projects'] as const;

export type ProjectDialog =
  | { kind: 'create'; parent?: PickedEntity; domainId?: string }
  | { kind: 'edit'; project: Project }
  | { kind: 'toggle'; project: Project }
  | { kind: 'delete'; project: Project };

/** Create or edit a project: name, description, parent (create), domain (cloud admins, top-level), enabled, tags. */
function ProjectFormModal({
  project,
  parent: initialParent,
  initialDomainId,
  onClose,
  toasts,
}: {
  project?: Project;
  parent?: PickedEntity;
  initialDomainId?: string;
  onClose(): void;
  toasts: ToastApi;
}) {
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const [name, setName] = useState(project?.name ?? '');
  const [description, setDescription] = useState(typeof project?.description === 'string' ? project.description : '');
  const [domainId, setDomainId] = useState(
    project?.domain_id ?? initialParent?.domain_id ?? initialDomainId ?? homeDomainId(session.token),
  );
  const [parent, setParent] = useState<PickedEntity | null>(initialParent ?? null);
  const [enabled, setEnabled] = useState(project?.enabled ?? true);
  const [tagText, setTagText] = useState((project?.tags ?? []).join(', '));
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = async () => {
    const tags = parseTags(tagText);
    const found: FieldErrors = {
      name: nameError(name, 64),
      description: optionalLengthError(description, 10_000),
      tags: tags.error,
    };
    setErrors(found);
    if (hasErrors(found)) return false;
    if (project) {
      await identity.projects.update(project.id, { name, description, enabled, tags: tags.tags });
      toasts.push(t('admin.projects.updated', { name }));
    } else {
      const created = await identity.projects.create({
        name,
        description,
        enabled,
        tags: tags.tags,
        domain_id: parent?.domain_id ?? domainId,
        ...(parent ? { parent_id: parent.id } : {}),
      });
      toasts.push(t('admin.projects.created', { name: created.name }));
    }
    await queryClient.invalidateQueries({ queryKey: PROJECTS_KEY });
    if (project) await queryClient.invalidateQueries({ queryKey: ['admin', 'project', project.id] });
    return true;
  };

  return (
    <FormModal
      title={project ? t('admin.projects.editTitle', { name: project.name }) : t('admin.projects.createTitle')}
      submitLabel={project ? t('action.save') : t('action.create')}
      onSubmit={submit}
      onClose={onClose}
      testId="project-form"
    >
      <TextField
        id="project-name"
        label={t('admin.field.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        isRequired
      />
      <TextAreaField
        id="project-description"
        label={t('admin.field.description')}
        value={description}
        onChange={setDescription}
        error={errors.description}
      />
      {project ? null : (
        <>
          {parent ? null : <DomainField id="project-domain" value={domainId} onChange={setDomainId} />}
          <EntityPicker
            id="project-parent"
            kind="projects"
            label={t('admin.field.parent')}
            value={parent}
            onChange={setParent}
            domainId={parent ? undefined : domainId}
          />
        </>
      )}
      <TextAreaField
        id="project-tags"
        label={t('admin.field.tags')}
        value={tagText}
        onChange={setTagText}
        error={errors.tags}
        helper={t('admin.field.tagsHelp')}
      />
      <SwitchField id="project-enabled" label={t('admin.field.enabled')} isChecked={enabled} onChange={setEnabled} />
    </FormModal>
  );
}

export function ProjectDialogs({
  dialog,
  onClose,
  toasts,
  onDeleted,
}: {
  dialog: ProjectDialog | null;
  onClose(): void;
  toasts: ToastApi;
  onDeleted?(): void;
}) {
  const queryClient = useQueryClient();
  if (!dialog) return null;
  const refresh = async (id: string) => {
    await queryClient.invalidateQueries({ queryKey: PROJECTS_KEY });
    await queryClient.invalidateQueries({ queryKey: ['admin', 'project', id] });
  };
  switch (dialog.kind) {
    case 'create':
      return (
        <ProjectFormModal parent={dialog.parent} initialDomainId={dialog.domainId} onClose={onClose} toasts={toasts} />
      );
    case 'edit':
      return <ProjectFormModal project={dialog.project} onClose={onClose} toasts={toasts} />;
    case 'toggle': {
      const { project } = dialog;
      const disabling = project.enabled !== false;
      return (
        <ConfirmModal
          title={
            disabling
              ? t('admin.projects.disableTitle', { name: project.name })
              : t('admin.projects.enableTitle', { name: project.name })
          }
          body={disabling ? t('admin.projects.disableBody') : t('admin.projects.enableBody')}
          confirmLabel={disabling ? t('admin.action.disable') : t('admin.action.enable')}
          onClose={onClose}
          onConfirm={async () => {
            await identity.projects.update(project.id, { enabled: !disabling });
            await refresh(project.id);
            toasts.push(
              disabling
                ? t('admin.projects.disabled', { name: project.name })
                : t('admin.projects.enabled', { name: project.name }),
            );
          }}
        />
      );
    }
    case 'delete': {
      const { project } = dialog;
      return (
        <ConfirmModal
          title={t('admin.projects.deleteTitle', { name: project.name })}
          body={t('admin.projects.deleteBody')}
          confirmLabel={t('action.delete')}
          onClose={onClose}
          onConfirm={async () => {
            await identity.projects.delete(project.id);
            await queryClient.invalidateQueries({ queryKey: PROJECTS_KEY });
            toasts.push(t('admin.projects.deleted', { name: project.name }));
            onDeleted?.();
          }}
        />
      );
    }
  }
}

export function ProjectRowActions({
  project,
  onDialog,
  permissions,
}: {
  project: Project;
  onDialog(d: ProjectDialog): void;
  permissions: CrudRights;
}) {
  return (
    <RowActions
      label={t('admin.actionsFor', { name: project.name })}
      actions={[
        permissions.canUpdate && {
          title: t('action.edit'),
          onClick: () => onDialog({ kind: 'edit', project }),
          testId: 'edit',
        },
        permissions.canUpdate && {
          title: project.enabled === false ? t('admin.action.enable') : t('admin.action.disable'),
          onClick: () => onDialog({ kind: 'toggle', project }),
          testId: 'toggle',
        },
        permissions.canCreate && {
          title: t('admin.projects.createChild'),
          onClick: () =>
            onDialog({ kind: 'create', parent: { id: project.id, name: project.name, domain_id: project.domain_id } }),
          testId: 'create-child',
        },
        permissions.canDelete && {
          title: t('action.delete'),
          onClick: () => onDialog({ kind: 'delete', project }),
          isDanger: true,
          testId: 'delete',
        },
      ]}
    />
  );
}

/** A project's name by id (for the parent column and the detail page), fetched once and cached. */
export function useProjectName(projectId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['admin', 'project', projectId],
    queryFn: () => identity.projects.get(projectId!),
    enabled: Boolean(projectId) && enabled,
    retry: false,
    staleTime: 60_000,
  });
}
