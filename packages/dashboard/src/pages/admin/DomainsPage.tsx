import { Button, Hint, HintBody } from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import { useQueryClient } from '@tanstack/react-query';
import type { Domain } from '@xloud/sdk/browser';
import { useState } from 'react';
import { identity } from '../../api/identity.ts';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { StatusCell, TextCell } from './components/cells.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { SwitchField, TextAreaField, TextField } from './components/fields.tsx';
import { PagedTable } from './components/PagedTable.tsx';
import { useCrudRights, type CrudRights } from './components/permissions.ts';
import { RowActions } from './components/RowActions.tsx';
import { Toasts, useToasts, type ToastApi } from './components/Toasts.tsx';
import { useEntityPages } from './components/useEntityPages.ts';
import { hasErrors, nameError, optionalLengthError, type FieldErrors } from './components/validation.ts';

const DOMAINS_KEY = ['admin', 'domains'] as const;

type DomainDialog =
  | { kind: 'create' }
  | { kind: 'edit'; domain: Domain }
  | { kind: 'toggle'; domain: Domain }
  | { kind: 'delete'; domain: Domain };

/** Domains (cloud admins): list, create, edit, enable/disable, delete (only once disabled, as Keystone requires). */
export default function DomainsPage() {
  const rights = useCrudRights('domain');
  const [dialog, setDialog] = useState<DomainDialog | null>(null);
  const toasts = useToasts();
  return (
    <AdminPage
      action="identity:list_domains"
      title={t('admin.domains.title')}
      description={t('admin.domains.description')}
      actions={
        rights.canCreate ? (
          <Button onClick={() => setDialog({ kind: 'create' })} data-testid="create-domain">
            {t('admin.domains.create')}
          </Button>
        ) : null
      }
    >
      {rights.canDelete ? (
        <Hint className="xloud-adm-spaced">
          <HintBody>{t('admin.domains.deleteHint')}</HintBody>
        </Hint>
      ) : null}
      <DomainsList onDialog={setDialog} rights={rights} />
      <DomainDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} onDialog={setDialog} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function DomainsList({ onDialog, rights }: { onDialog(d: DomainDialog): void; rights: CrudRights }) {
  const list = useEntityPages<Domain>('domains', [...DOMAINS_KEY, 'page']);
  return (
    <PagedTable
      list={list}
      emptyTitle={t('admin.domains.empty')}
      action="identity:list_domains"
      label={t('admin.domains.title')}
      pagerOf={t('admin.domains.title')}
      testId="domains-table"
      columns={[t('admin.field.name'), t('admin.field.id'), t('admin.field.description'), t('admin.field.status')]}
      row={(domain) => (
        <Tr key={domain.id} data-testid="domain-row">
          <Td dataLabel={t('admin.field.name')}>
            <bdi className="xloud-break">{domain.name}</bdi>
          </Td>
          <Td dataLabel={t('admin.field.id')}>
            <span className="xloud-break xloud-adm-muted">{domain.id}</span>
          </Td>
          <TextCell label={t('admin.field.description')} value={domain.description} />
          <StatusCell enabled={domain.enabled} />
          <Td isActionCell>
            <RowActions
              label={t('admin.actionsFor', { name: domain.name })}
              actions={[
                rights.canUpdate && {
                  title: t('action.edit'),
                  onClick: () => onDialog({ kind: 'edit', domain }),
                  testId: 'edit',
                },
                rights.canUpdate && {
                  title: domain.enabled === false ? t('admin.action.enable') : t('admin.action.disable'),
                  onClick: () => onDialog({ kind: 'toggle', domain }),
                  testId: 'toggle',
                },
                rights.canDelete && {
                  title: t('action.delete'),
                  onClick: () => onDialog({ kind: 'delete', domain }),
                  isDanger: true,
                  testId: 'delete',
                },
              ]}
            />
          </Td>
        </Tr>
      )}
    />
  );
}

function DomainFormModal({ domain, onClose, toasts }: { domain?: Domain; onClose(): void; toasts: ToastApi }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(domain?.name ?? '');
  const [description, setDescription] = useState(typeof domain?.description === 'string' ? domain.description : '');
  const [enabled, setEnabled] = useState(domain?.enabled ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <FormModal
      title={domain ? t('admin.domains.editTitle', { name: domain.name }) : t('admin.domains.createTitle')}
      submitLabel={domain ? t('action.save') : t('action.create')}
      onClose={onClose}
      testId="domain-form"
      onSubmit={async () => {
        const found: FieldErrors = { name: nameError(name, 64), description: optionalLengthError(description, 10_000) };
        setErrors(found);
        if (hasErrors(found)) return false;
        if (domain) {
          await identity.domains.update(domain.id, { name, description });
          toasts.push(t('admin.domains.updated', { name }));
        } else {
          const created = await identity.domains.create({ name, description, enabled });
          toasts.push(t('admin.domains.created', { name: created.name }));
        }
        await queryClient.invalidateQueries({ queryKey: DOMAINS_KEY });
        await queryClient.invalidateQueries({ queryKey: ['domains'] });
        return true;
      }}
    >
      <TextField
        id="domain-name"
        label={t('admin.field.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        isRequired
      />
      <TextAreaField
        id="domain-description"
        label={t('admin.field.description')}
        value={description}
        onChange={setDescription}
        error={errors.description}
      />
      {domain ? null : (
        <SwitchField id="domain-enabled" label={t('admin.field.enabled')} isChecked={enabled} onChange={setEnabled} />
      )}
    </FormModal>
  );
}

function DomainDialogs({
  dialog,
  onClose,
  toasts,
  onDialog,
}: {
  dialog: DomainDialog | null;
  onClose(): void;
  toasts: ToastApi;
  onDialog(d: DomainDialog): void;
}) {
  const queryClient = useQueryClient();
  if (!dialog) return null;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: DOMAINS_KEY });
    await queryClient.invalidateQueries({ queryKey: ['domains'] });
  };
  if (dialog.kind === 'create') return <DomainFormModal onClose={onClose} toasts={toasts} />;
  if (dialog.kind === 'edit') return <DomainFormModal domain={dialog.domain} onClose={onClose} toasts={toasts} />;
  const { domain } = dialog;
  if (dialog.kind === 'toggle' || (dialog.kind === 'delete' && domain.enabled !== false)) {
    const disabling = domain.enabled !== false;
    const beforeDelete = dialog.kind === 'delete';
    return (
      <ConfirmModal
        title={
          beforeDelete
            ? t('admin.domains.mustDisableTitle', { name: domain.name })
            : disabling
              ? t('admin.domains.disableTitle', { name: domain.name })
              : t('admin.domains.enableTitle', { name: domain.name })
        }
        body={
          beforeDelete
            ? t('admin.domains.mustDisableBody')
            : disabling
              ? t('admin.domains.disableBody')
              : t('admin.domains.enableBody')
        }
        confirmLabel={disabling ? t('admin.action.disable') : t('admin.action.enable')}
        onClose={onClose}
        onConfirm={async () => {
          const updated = await identity.domains.update(domain.id, { enabled: !disabling });
          await refresh();
          toasts.push(
            disabling
              ? t('admin.domains.disabled', { name: domain.name })
              : t('admin.domains.enabled', { name: domain.name }),
          );
          // Disabled on the way to deleting: go on to the delete question.
          if (beforeDelete)
            setTimeout(() => onDialog({ kind: 'delete', domain: { ...domain, ...updated, enabled: false } }), 0);
        }}
      />
    );
  }
  return (
    <ConfirmModal
      title={t('admin.domains.deleteTitle', { name: domain.name })}
      body={t('admin.domains.deleteBody')}
      confirmLabel={t('action.delete')}
      onClose={onClose}
      onConfirm={async () => {
        await identity.domains.delete(domain.id);
        await refresh();
        toasts.push(t('admin.domains.deleted', { name: domain.name }));
      }}
    />
  );
}
