import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { t } from '../../../i18n/t.ts';
import { changeGrant } from './api.ts';
import { AssignmentsTable, targetText, type AssignmentRow } from './assignments.tsx';
import { ListStates } from './bits.tsx';
import { ConfirmModal } from './FormModal.tsx';
import type { ToastApi } from './Toasts.tsx';

/**
 * Asks before revoking a (direct) assignment, then revokes it with the SDK's grant API, refreshes every assignment
 * list and says so.
 */
export function RevokeAssignmentModal({
  row,
  onClose,
  toasts,
}: {
  row: AssignmentRow;
  onClose(): void;
  toasts: ToastApi;
}) {
  const queryClient = useQueryClient();
  return (
    <ConfirmModal
      title={t('admin.assignments.revokeTitle')}
      body={t(row.inherited ? 'admin.assignments.revokeInheritedBody' : 'admin.assignments.revokeBody', {
        role: row.role.name ?? row.role.id,
        actor: row.actor.name ?? row.actor.id,
        target: targetText(row),
      })}
      confirmLabel={t('admin.assignments.revoke')}
      onClose={onClose}
      onConfirm={async () => {
        await changeGrant('revoke', {
          roleId: row.role.id,
          actor: row.actor,
          target: row.target.kind === 'system' ? { kind: 'system' } : { kind: row.target.kind, id: row.target.id },
          inherited: row.inherited,
        });
        await queryClient.invalidateQueries({ queryKey: ['admin', 'assignments'] });
        toasts.push(t('admin.assignments.revoked'));
      }}
    />
  );
}

/**
 * Role assignments from a query: loading, failed, none, or the table (`children` above it), and revoking a row.
 */
export function AssignmentList({
  query,
  label,
  showActor,
  canRevoke,
  groupName,
  toasts,
  children,
}: {
  query: UseQueryResult<AssignmentRow[]>;
  label: string;
  showActor?: boolean;
  canRevoke: boolean;
  groupName?: (groupId: string) => string | undefined;
  toasts: ToastApi;
  children?: ReactNode;
}) {
  const [revoking, setRevoking] = useState<AssignmentRow | null>(null);
  const rows = query.data ?? [];
  return (
    <>
      <ListStates
        query={query}
        isEmpty={rows.length === 0}
        emptyTitle={t('admin.assignments.none')}
        action="identity:list_role_assignments"
      >
        {children}
        <AssignmentsTable
          rows={rows}
          label={label}
          showActor={showActor}
          canRevoke={canRevoke}
          onRevoke={setRevoking}
          groupName={groupName}
        />
      </ListStates>
      {revoking ? <RevokeAssignmentModal row={revoking} onClose={() => setRevoking(null)} toasts={toasts} /> : null}
    </>
  );
}
