import { Button, Hint, HintBody } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQueryClient } from '@tanstack/react-query';
import type { Domain } from '@xloud/sdk/browser';
import { useState } from 'react';
import { identity } from '../../api/identity.ts';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { fetchPage } from './components/api.ts';
import { EnabledLabel, ListStates, Value } from './components/bits.tsx';
import { ConfirmModal, FormModal } from './components/FormModal.tsx';
import { SwitchField, TextAreaField, TextField } from './components/fields.tsx';
import { MarkerPager } from './components/Pager.tsx';
import { usePagedList } from './components/paging.ts';
import { useAdminPermissions } from './components/permissions.ts';
import { RowActions } from './components/RowActions.tsx';
import { Toasts, useToasts, type ToastApi } from './components/Toasts.tsx';
import { hasErrors, nameError, optionalLengthError, type FieldErrors } from './components/validation.ts';

const DOMAINS_KEY = ['admin', 'domains'] as const;
const ACTIONS = ['identity:create_domain', 'identity:update_domain', 'identity:delete_domain'] as const;

type DomainDialog = { kind: 'create' } | { kind: 'edit'; domain: Domain } | { kind: 'toggle'; domain: Domain } | { kind: 'delete'; domain: Domain };

/** Domains (cloud admins): list, create, edit, enable/disable, delete (only once disabled, as Keystone requires). */
export default function DomainsPage() {
  const permissions = useAdminPermissions(ACTIONS);
  const [dialog, setDialog] = useState<DomainDialog | null>(null);
  const toasts = useToasts();
  const allowed = (a: (typeof ACTIONS)[number]) => permissions.allowed(a) === true;
  return (
    <AdminPage
      action="identity:list_domains"
      title={t('admin.domains.title')}
      description={t('admin.domains.description')}
      actions={
        allowed('identity:create_domain') ? (
          <Button onClick={() => setDialog({ kind: 'create' })} data-testid="create-domain">
            {t('admin.domains.create')}
          </Button>
        ) : null
      }
    >
      {allowed('identity:delete_domain') ? (
        <Hint className="xloud-adm-spaced">
          <HintBody>{t('admin.domains.deleteHint')}</HintBody>
        </Hint>
      ) : null}
      <DomainsList onDialog={setDialog} canUpdate={allowed('identity:update_domain')} canDelete={allowed('identity:delete_domain')} />
      <DomainDialogs dialog={dialog} onClose={() => setDialog(null)} toasts={toasts} onDialog={setDialog} />
      <Toasts api={toasts} />
    </AdminPage>
  );
}

function DomainsList({ onDialog, canUpdate, canDelete }: { onDialog(d: DomainDialog): void; canUpdate: boolean; canDelete: boolean }) {
  const { paging, query } = usePagedList<Domain>({
    queryKey: [...DOMAINS_KEY, 'page'],
    resetKey: '',
    fetchPage: (limit, marker) => fetchPage<Domain>('domains', {}, limit, marker),
  });
  const domains = query.data?.items ?? [];
  return (
    <>
      <ListStates
        isLoading={query.isLoading}
        error={query.error}
        retry={() => void query.refetch()}
        isEmpty={domains.length === 0}
        emptyTitle={t('admin.domains.empty')}
        action="identity:list_domains"
      >
        <Table aria-label={t('admin.domains.title')} variant="compact" data-testid="domains-table">
          <Thead>
            <Tr>
              <Th>{t('admin.field.name')}</Th>
              <Th>{t('admin.field.id')}</Th>
              <Th>{t('admin.field.description')}</Th>
              <Th>{t('admin.field.status')}</Th>
              <Th screenReaderText={t('action.actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {domains.map((domain) => (
              <Tr key={domain.id} data-testid="domain-row">
                <Td dataLabel={t('admin.field.name')}>
                  <bdi className="xloud-break">{domain.name}</bdi>
                </Td>
                <Td dataLabel={t('admin.field.id')}>
                  <span className="xloud-break xloud-adm-muted">{domain.id}</span>
                </Td>
                <Td dataLabel={t('admin.field.description')}>
                  <Value>{typeof domain.description === 'string' ? domain.description : undefined}</Value>
                </Td>
                <Td dataLabel={t('admin.field.status')}>
                  <EnabledLabel enabled={domain.enabled} />
                </Td>
                <Td isActionCell>
                  <RowActions
                    label={t('admin.actionsFor', { name: domain.name })}
                    actions={[
                      canUpdate && { title: t('action.edit'), onClick: () => onDialog({ kind: 'edit', domain }), testId: 'edit' },
                      canUpdate && {
                        title: domain.enabled === false ? t('admin.action.enable') : t('admin.action.disable'),
                        onClick: () => onDialog({ kind: 'toggle', domain }),
                        testId: 'toggle',
                      },
                      canDelete && { title: t('action.delete'), onClick: () => onDialog({ kind: 'delete', domain }), isDanger: true, testId: 'delete' },
                    ]}
                  />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </ListStates>
      <MarkerPager label={t('admin.pager.label', { what: t('admin.domains.title') })} paging={paging} nextMarker={query.data?.nextMarker} isBusy={query.isFetching} />
    </>
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
      <TextField id="domain-name" label={t('admin.field.name')} value={name} onChange={setName} error={errors.name} isRequired />
      <TextAreaField id="domain-description" label={t('admin.field.description')} value={description} onChange={setDescription} error={errors.description} />
      {domain ? null : <SwitchField id="domain-enabled" label={t('admin.field.enabled')} isChecked={enabled} onChange={setEnabled} />}
    </FormModal>
  );
}

function DomainDialogs({ dialog, onClose, toasts, onDialog }: { dialog: DomainDialog | null; onClose(): void; toasts: ToastApi; onDialog(d: DomainDialog): void }) {
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
        title={beforeDelete ? t('admin.domains.mustDisableTitle', { name: domain.name }) : disabling ? t('admin.domains.disableTitle', { name: domain.name }) : t('admin.domains.enableTitle', { name: domain.name })}
        body={beforeDelete ? t('admin.domains.mustDisableBody') : disabling ? t('admin.domains.disableBody') : t('admin.domains.enableBody')}
        confirmLabel={disabling ? t('admin.action.disable') : t('admin.action.enable')}
        onClose={onClose}
        onConfirm={async () => {
          const updated = await identity.domains.update(domain.id, { enabled: !disabling });
          await refresh();
          toasts.push(disabling ? t('admin.domains.disabled', { name: domain.name }) : t('admin.domains.enabled', { name: domain.name }));
          // Disabled on the way to deleting: go on to the delete question.
          if (beforeDelete) setTimeout(() => onDialog({ kind: 'delete', domain: { ...domain, ...updated, enabled: false } }), 0);
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
