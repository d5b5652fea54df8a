import { Button, Label, LabelGroup } from '@patternfly/react-core';
import { Td, Tr } from '@patternfly/react-table';
import type { ApplicationCredential } from '@xloud/sdk/browser';
import { DataTable } from '../../components/DataTable.tsx';
import { DateTime, parseApiTime } from '../../components/DateTime.tsx';
import { t } from '../../i18n/t.ts';
import { ListPagination } from './ListPagination.tsx';
import { PER_PAGE_OPTIONS, useClientPaging } from './useClientPaging.ts';

function accessRulesText(credential: ApplicationCredential): string {
  const count = credential.access_rules?.length ?? 0;
  if (count === 0) return t('appCreds.accessRulesNone');
  return count === 1 ? t('appCreds.accessRulesOne') : t('appCreds.accessRulesCount', { count });
}

function isExpired(credential: ApplicationCredential, now: number): boolean {
  return Boolean(credential.expires_at) && parseApiTime(credential.expires_at!).getTime() <= now;
}

/**
 * The signed-in user's application credentials, paged in the browser (20/50/100). Every name is rendered as text,
 * whatever characters it contains.
 */
export function CredentialsTable(props: {
  credentials: readonly ApplicationCredential[];
  projectName: (projectId: string | null) => string;
  canDelete: boolean;
  onDelete: (credential: ApplicationCredential) => void;
}) {
  const paging = useClientPaging(props.credentials);
  const now = Date.now();
  return (
    <>
      <ListPagination paging={paging} widgetId="app-creds-pagination-top" variant="top" />
      <DataTable
        label={t('appCreds.tableLabel')}
        testId="app-creds-table"
        gridBreakPoint="grid-lg"
        isCompact={false}
        columns={[
          t('appCreds.col.name'),
          t('appCreds.col.project'),
          t('appCreds.col.roles'),
          t('appCreds.col.expires'),
          t('appCreds.col.unrestricted'),
          t('appCreds.col.accessRules'),
        ]}
      >
        {paging.rows.map((c) => (
          <Tr key={c.id} data-testid="app-cred-row">
            <Td dataLabel={t('appCreds.col.name')} className="xloud-break">
              <bdi className="xloud-ac-name">{c.name}</bdi>
              {c.description ? <div className="xloud-ac-secondary">{c.description}</div> : null}
            </Td>
            <Td dataLabel={t('appCreds.col.project')} className="xloud-break">
              {props.projectName(c.project_id)}
            </Td>
            <Td dataLabel={t('appCreds.col.roles')}>
              <LabelGroup numLabels={5}>
                {c.roles.map((r) => (
                  <Label key={r.id} isCompact>
                    {r.name}
                  </Label>
                ))}
              </LabelGroup>
            </Td>
            <Td dataLabel={t('appCreds.col.expires')}>
              <DateTime value={c.expires_at} />
              {isExpired(c, now) ? (
                <Label isCompact color="red" className="xloud-ac-inline-label">
                  {t('appCreds.expired')}
                </Label>
              ) : null}
            </Td>
            <Td dataLabel={t('appCreds.col.unrestricted')}>
              {c.unrestricted ? (
                <Label isCompact color="orange">
                  {t('value.yes')}
                </Label>
              ) : (
                t('value.no')
              )}
            </Td>
            <Td dataLabel={t('appCreds.col.accessRules')}>{accessRulesText(c)}</Td>
            <Td isActionCell>
              {props.canDelete ? (
                <Button
                  variant="link"
                  isDanger
                  onClick={() => props.onDelete(c)}
                  aria-label={t('appCreds.deleteLabel', { name: c.name })}
                >
                  {t('action.delete')}
                </Button>
              ) : null}
            </Td>
          </Tr>
        ))}
      </DataTable>
      {/* The bottom bar only when there is more than one screenful; the top one always shows the count. */}
      {paging.total > PER_PAGE_OPTIONS[0] ? (
        <ListPagination paging={paging} widgetId="app-creds-pagination-bottom" variant="bottom" />
      ) : null}
    </>
  );
}
