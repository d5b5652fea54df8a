import { Button, Label } from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import { DataTable } from '../../components/DataTable.tsx';
import { t } from '../../i18n/t.ts';
import type { MyRole } from './my-roles.ts';
import { RoleLabels } from './RoleLabels.tsx';

export interface ScopeTarget {
  id: string;
  name: string;
  /** The project's domain; absent for domains. */
  domain?: string;
  enabled: boolean;
  current: boolean;
  /** undefined when my roles there cannot be read (see useMyRoles). */
  roles?: MyRole[];
}

/** Projects or domains I can scope to, my roles on each, and a button to switch the session there. */
export function ScopeTargetsTable(props: {
  kind: 'project' | 'domain';
  label: string;
  targets: readonly ScopeTarget[];
  busyId: string | null;
  onSwitch: (target: ScopeTarget) => void;
}) {
  const showDomain = props.kind === 'project';
  return (
    <DataTable
      label={props.label}
      testId={`overview-${props.kind}s`}
      gridBreakPoint="grid-md"
      columns={[t('overview.col.name'), ...(showDomain ? [t('overview.col.domain')] : []), t('overview.col.roles')]}
    >
      {props.targets.map((target) => (
        <Tr key={target.id} data-testid={`overview-${props.kind}-row`}>
          <Td dataLabel={t('overview.col.name')} className="xloud-break">
            {/* bdi: a right-to-left name does not reorder the labels beside it. */}
            <bdi>{target.name}</bdi>
            {target.current ? (
              <Label isCompact color="green" className="xloud-ov-tag">
                {t('overview.current')}
              </Label>
            ) : null}
            {!target.enabled ? (
              <Label isCompact color="orange" className="xloud-ov-tag">
                {t('overview.disabled')}
              </Label>
            ) : null}
          </Td>
          {showDomain ? (
            <Td dataLabel={t('overview.col.domain')} className="xloud-break">
              {target.domain}
            </Td>
          ) : null}
          <Td dataLabel={t('overview.col.roles')}>
            {target.roles && target.roles.length > 0 ? (
              <RoleLabels roles={target.roles} label={t('overview.col.roles')} />
            ) : (
              <span className="xloud-ov-muted">{target.current ? '' : t('overview.rolesUnknown')}</span>
            )}
          </Td>
          <Td isActionCell>
            {!target.current && target.enabled ? (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => props.onSwitch(target)}
                isLoading={props.busyId === target.id}
                isDisabled={props.busyId !== null}
                aria-label={t(props.kind === 'project' ? 'overview.switchProjectLabel' : 'overview.switchDomainLabel', {
                  name: target.name,
                })}
              >
                {t(props.kind === 'project' ? 'overview.switchProject' : 'overview.switchDomain')}
              </Button>
            ) : null}
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}
