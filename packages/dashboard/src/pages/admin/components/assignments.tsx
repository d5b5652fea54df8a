import { Label, LabelGroup } from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import type { RoleAssignment } from '@xloud/sdk/browser';
import { t } from '../../../i18n/t.ts';
import { EntityLink } from './cells.tsx';
import { ClientPagedTable } from './ClientPagedTable.tsx';
import { RowActions } from './RowActions.tsx';
import { useClientPages } from './paging.ts';

type ActorKind = 'user' | 'group';
type TargetKind = 'project' | 'domain' | 'system';

/** One row of GET /v3/role_assignments, read for display and for revoking. */
export interface AssignmentRow {
  key: string;
  actor: { kind: ActorKind; id: string; name?: string; domainName?: string };
  role: { id: string; name?: string };
  target: { kind: TargetKind; id: string; name?: string; domainName?: string };
  /** OS-INHERIT: the grant applies to the projects below the target. */
  inherited: boolean;
  /** The user has it through membership of this group (effective listing). */
  viaGroupId?: string;
  /** It is implied by another role (effective listing). */
  viaPriorRole?: string;
  /** Present when the row is the stored grant itself (it can be revoked as shown). */
  direct: boolean;
}

function lastSegment(url: string | undefined, after: string): string | undefined {
  if (!url) return undefined;
  const parts = url.split('/');
  const i = parts.lastIndexOf(after);
  return i >= 0 ? parts[i + 1] : undefined;
}

/** Reads a role assignment: who, what, where, and whether it is the stored grant or derived from one. */
export function readAssignment(a: RoleAssignment, index: number): AssignmentRow {
  const actor = a.user
    ? { kind: 'user' as const, id: a.user.id, name: a.user.name, domainName: a.user.domain?.name }
    : { kind: 'group' as const, id: a.group?.id ?? '', name: a.group?.name, domainName: a.group?.domain?.name };
  const scope = a.scope ?? {};
  const target = scope.project
    ? {
        kind: 'project' as const,
        id: scope.project.id,
        name: scope.project.name,
        domainName: scope.project.domain?.name,
      }
    : scope.domain
      ? { kind: 'domain' as const, id: scope.domain.id, name: scope.domain.name }
      : { kind: 'system' as const, id: 'all', name: undefined };
  const links = (a.links ?? {}) as { assignment?: string; membership?: string; prior_role?: string };
  const inheritedScope = scope['OS-INHERIT:inherited_to'] === 'projects';
  const fromInheritance = !inheritedScope && Boolean(links.assignment?.includes('/OS-INHERIT/'));
  const viaGroupId = links.membership ? lastSegment(links.membership, 'groups') : undefined;
  const viaPriorRole = links.prior_role ? lastSegment(links.prior_role, 'roles') : undefined;
  return {
    key: `${index}:${actor.kind}:${actor.id}:${a.role.id}:${target.kind}:${target.id}:${inheritedScope}:${links.assignment ?? ''}:${links.membership ?? ''}`,
    actor,
    role: { id: a.role.id, name: a.role.name },
    target,
    inherited: inheritedScope || fromInheritance,
    viaGroupId,
    viaPriorRole,
    direct: !viaGroupId && !viaPriorRole && !fromInheritance,
  };
}

export function actorLink(row: AssignmentRow) {
  return (
    <EntityLink
      kind={row.actor.kind === 'user' ? 'users' : 'groups'}
      id={row.actor.id}
      name={row.actor.name ?? row.actor.id}
    />
  );
}

export function targetText(row: AssignmentRow): string {
  if (row.target.kind === 'system') return t('admin.assignments.system');
  const name = row.target.name ?? row.target.id;
  return row.target.kind === 'project'
    ? t('admin.assignments.onProject', { name })
    : t('admin.assignments.onDomain', { name });
}

function AssignmentKindLabels({ row }: { row: AssignmentRow }) {
  return (
    <LabelGroup numLabels={4} aria-label={t('admin.assignments.kind')}>
      {row.direct && !row.inherited ? (
        <Label isCompact color="blue">
          {t('admin.assignments.direct')}
        </Label>
      ) : null}
      {row.inherited ? (
        <Label isCompact color="purple" data-testid="label-inherited">
          {t('admin.assignments.inherited')}
        </Label>
      ) : null}
      {row.viaGroupId ? (
        <Label isCompact color="teal" data-testid="label-from-group">
          {t('admin.assignments.fromGroup')}
        </Label>
      ) : null}
      {row.viaPriorRole ? (
        <Label isCompact color="grey">
          {t('admin.assignments.implied')}
        </Label>
      ) : null}
    </LabelGroup>
  );
}

/**
 * Role assignments as a table (paged in the browser: the server returns assignments whole). Derived rows (from a
 * group, an inherited grant or an implied role) are labelled and cannot be revoked here: their grant can.
 */
export function AssignmentsTable({
  rows,
  label,
  showActor = true,
  showTarget = true,
  canRevoke,
  onRevoke,
  groupName,
}: {
  rows: AssignmentRow[];
  label: string;
  showActor?: boolean;
  showTarget?: boolean;
  canRevoke: boolean;
  onRevoke(row: AssignmentRow): void;
  groupName?: (groupId: string) => string | undefined;
}) {
  const pages = useClientPages(rows, String(rows.length));
  return (
    <ClientPagedTable
      pages={pages}
      label={label}
      pagerOf={label}
      testId="assignments-table"
      columns={[
        ...(showActor ? [t('admin.assignments.actor')] : []),
        t('admin.assignments.role'),
        ...(showTarget ? [t('admin.assignments.target')] : []),
        t('admin.assignments.kind'),
      ]}
      row={(row) => (
        <Tr key={row.key} data-testid="assignment-row">
          {showActor ? (
            <Td dataLabel={t('admin.assignments.actor')}>
              {actorLink(row)}{' '}
              <span className="xloud-adm-muted">
                {row.actor.kind === 'user' ? t('admin.assignments.user') : t('admin.assignments.group')}
              </span>
            </Td>
          ) : null}
          <Td dataLabel={t('admin.assignments.role')}>
            <bdi className="xloud-break">{row.role.name ?? row.role.id}</bdi>
          </Td>
          {showTarget ? (
            <Td dataLabel={t('admin.assignments.target')}>
              <bdi className="xloud-break">{targetText(row)}</bdi>
            </Td>
          ) : null}
          <Td dataLabel={t('admin.assignments.kind')}>
            <AssignmentKindLabels row={row} />
            {row.viaGroupId ? (
              <span className="xloud-adm-muted xloud-break">
                {' '}
                {t('admin.assignments.viaGroup', { group: groupName?.(row.viaGroupId) ?? row.viaGroupId })}
              </span>
            ) : null}
          </Td>
          <Td isActionCell>
            <RowActions
              label={t('admin.assignments.actionsFor', {
                role: row.role.name ?? row.role.id,
                actor: row.actor.name ?? row.actor.id,
              })}
              actions={[
                canRevoke &&
                  row.direct && {
                    title: t('admin.assignments.revoke'),
                    onClick: () => onRevoke(row),
                    isDanger: true,
                    testId: 'revoke',
                  },
              ]}
            />
          </Td>
        </Tr>
      )}
    />
  );
}
