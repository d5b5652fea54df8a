import { Button, Form, Label } from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import type { AuditEvent, AuditEventFilters } from '@xloud/sdk/browser';
import { useState } from 'react';
import { identity } from '../../api/identity.ts';
import { t } from '../../i18n/t.ts';
import { AdminPage } from './components/AdminPage.tsx';
import { TextCell } from './components/cells.tsx';
import { SelectField, TextField } from './components/fields.tsx';
import { PagedTable } from './components/PagedTable.tsx';
import { usePagedList, type ListPage } from './components/paging.ts';

const ACTION = 'identity:list_audit_events';

type Filters = Pick<AuditEventFilters, 'userId' | 'action' | 'outcome' | 'since'>;

async function fetchPage(filters: Filters, limit: number, marker: string | undefined): Promise<ListPage<AuditEvent>> {
  const items = await identity.xloud.listAuditEvents({ ...filters, limit, marker });
  // A full page may have more behind it: the next one starts after its last event.
  return { items, nextMarker: items.length === limit ? items.at(-1)?.id : undefined };
}

/** The audit trail (GET /v3/OS-XLOUD/audit-events): sign-ins and changes to identity resources, newest first. */
export default function ActivityLogPage() {
  const [filters, setFilters] = useState<Filters>({});
  return (
    <AdminPage action={ACTION} title={t('admin.activity.title')} description={t('admin.activity.description')}>
      <ActivityFilters onApply={setFilters} />
      <ActivityList filters={filters} />
    </AdminPage>
  );
}

/** The filters apply together, on Search: typing a user ID does not query the server at every key. */
function ActivityFilters({ onApply }: { onApply(filters: Filters): void }) {
  const [userId, setUserId] = useState('');
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('');
  const [since, setSince] = useState('');
  const apply = () =>
    onApply({
      userId: userId.trim() || undefined,
      action: action.trim() || undefined,
      outcome: (outcome || undefined) as Filters['outcome'],
      since: since.trim() || undefined,
    });
  return (
    <Form
      className="xloud-adm-filters xloud-adm-activity-filters"
      aria-label={t('admin.activity.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      data-testid="activity-filters"
    >
      <TextField id="activity-user" label={t('admin.activity.userId')} value={userId} onChange={setUserId} />
      <TextField
        id="activity-action"
        label={t('admin.activity.action')}
        value={action}
        onChange={setAction}
        helper={t('admin.activity.actionHelp')}
      />
      <SelectField
        id="activity-outcome"
        label={t('admin.activity.outcome')}
        value={outcome}
        onChange={setOutcome}
        choices={[
          { value: '', label: t('admin.activity.anyOutcome') },
          { value: 'success', label: t('admin.activity.success') },
          { value: 'failure', label: t('admin.activity.failure') },
          { value: 'pending', label: t('admin.activity.pending') },
        ]}
      />
      <TextField
        id="activity-since"
        label={t('admin.activity.since')}
        value={since}
        onChange={setSince}
        helper={t('admin.activity.sinceHelp')}
      />
      <div>
        <Button type="submit" data-testid="activity-apply">
          {t('action.search')}
        </Button>
      </div>
    </Form>
  );
}

function OutcomeLabel({ outcome }: { outcome: AuditEvent['outcome'] }) {
  const color = outcome === 'success' ? 'green' : outcome === 'failure' ? 'red' : 'orange';
  return (
    <Label color={color} isCompact>
      {t(`admin.activity.${outcome}`)}
    </Label>
  );
}

function ActivityList({ filters }: { filters: Filters }) {
  const list = usePagedList<AuditEvent>({
    queryKey: ['admin', 'audit-events'],
    resetKey: JSON.stringify(filters),
    fetchPage: (limit, marker) => fetchPage(filters, limit, marker),
  });
  return (
    <PagedTable
      list={list}
      emptyTitle={t('admin.activity.empty')}
      action={ACTION}
      label={t('admin.activity.title')}
      pagerOf={t('admin.activity.title')}
      testId="activity-table"
      busy={list.query.isFetching}
      hasActions={false}
      columns={[
        t('admin.activity.time'),
        t('admin.activity.action'),
        t('admin.activity.outcome'),
        t('admin.activity.userId'),
        t('admin.activity.target'),
      ]}
      row={(event) => (
        <Tr key={event.id} data-testid="activity-row">
          <TextCell label={t('admin.activity.time')} value={new Date(event.time).toLocaleString()} />
          <TextCell label={t('admin.activity.action')} value={event.action} />
          <Td dataLabel={t('admin.activity.outcome')}>
            <OutcomeLabel outcome={event.outcome} />
          </Td>
          <TextCell label={t('admin.activity.userId')} value={event.user_id} />
          <TextCell
            label={t('admin.activity.target')}
            value={event.target_id ? `${event.target_type} ${event.target_id}` : event.target_type}
          />
        </Tr>
      )}
    />
  );
}
