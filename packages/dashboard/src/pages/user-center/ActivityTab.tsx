import { Card, CardBody, Content } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link } from 'react-router';
import { BusyButton } from '../../components/BusyButton.tsx';
import { DateTime } from '../../components/DateTime.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { StateLabel } from '../../components/StateLabel.tsx';
import { t } from '../../i18n/t.ts';
import { methodLabel, UserText } from './parts.tsx';
import { userCenterPath } from './paths.ts';
import { SIGN_IN_LIMIT, useMySignIns } from './queries.ts';

/** My last sign-ins and failed attempts (GET /v3/OS-XLOUD/users/{me}/sign-ins?limit=20). */
export function ActivityTab() {
  const signIns = useMySignIns();
  return (
    <Card>
      <CardBody>
        <div className="xloud-uc-toolbar">
          <Content component="p" className="xloud-uc-intro">
            {t('userCenter.activity.intro', { count: SIGN_IN_LIMIT })}
          </Content>
          <BusyButton variant="secondary" onClick={() => void signIns.refetch()} busy={signIns.isFetching}>
            {t('userCenter.activity.refresh')}
          </BusyButton>
        </div>
        {signIns.isPending ? (
          <LoadingState />
        ) : signIns.isError ? (
          <ErrorState error={signIns.error} retry={() => void signIns.refetch()} action="identity:list_sign_ins" />
        ) : signIns.data.length === 0 ? (
          <EmptyState title={t('userCenter.activity.emptyTitle')} body={t('userCenter.activity.emptyBody')} />
        ) : (
          <>
            <Table
              aria-label={t('userCenter.activity.tableLabel')}
              variant="compact"
              data-testid="user-center-sign-ins"
            >
              <Thead>
                <Tr>
                  <Th modifier="fitContent">{t('userCenter.activity.time')}</Th>
                  <Th modifier="fitContent">{t('userCenter.activity.result')}</Th>
                  <Th modifier="fitContent">{t('userCenter.activity.method')}</Th>
                  <Th modifier="fitContent">{t('userCenter.activity.source')}</Th>
                  <Th modifier="wrap">{t('userCenter.activity.userAgent')}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {signIns.data.map((entry, index) => (
                  <Tr
                    // biome-ignore lint/suspicious/noArrayIndexKey: sign-in entries have no id and two can share a timestamp
                    key={`${entry.time}-${index}`}
                    data-testid="user-center-sign-in"
                    data-success={entry.success ? 'true' : 'false'}
                  >
                    <Td dataLabel={t('userCenter.activity.time')} modifier="nowrap">
                      <DateTime value={entry.time} />
                    </Td>
                    <Td dataLabel={t('userCenter.activity.result')}>
                      <StateLabel
                        on={entry.success}
                        onLabel={t('userCenter.activity.success')}
                        offLabel={t('userCenter.activity.failure')}
                      />
                    </Td>
                    <Td dataLabel={t('userCenter.activity.method')} data-testid="user-center-sign-in-method">
                      {methodLabel(entry.method)}
                    </Td>
                    <Td dataLabel={t('userCenter.activity.source')} modifier="nowrap">
                      {entry.source_address ? (
                        <code>{entry.source_address}</code>
                      ) : (
                        <span className="xloud-uc-muted">{t('userCenter.activity.unknown')}</span>
                      )}
                    </Td>
                    <Td dataLabel={t('userCenter.activity.userAgent')} className="xloud-uc-agent">
                      {entry.user_agent ? (
                        <UserText>{entry.user_agent}</UserText>
                      ) : (
                        <span className="xloud-uc-muted">{t('userCenter.activity.unknown')}</span>
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <p className="xloud-uc-muted xloud-uc-footnote">
              {t('userCenter.activity.notYou')}{' '}
              <Link to={userCenterPath('security')}>{t('userCenter.activity.toSecurity')}</Link>
            </p>
          </>
        )}
      </CardBody>
    </Card>
  );
}
