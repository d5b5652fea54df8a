import { Card, CardBody, Content } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { t } from '../../i18n/t.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { OptionalText, UserText } from './parts.tsx';
import { useMyGroups } from './queries.ts';

/** My group memberships (GET /v3/users/{me}/groups). */
export function GroupsTab() {
  const groups = useMyGroups();
  // Groups usually live in my own domain, whose name the token carries; others show their id.
  const myDomain = useCurrentSession().token.user.domain;
  const domainName = (id: string) => (id === myDomain.id && myDomain.name ? myDomain.name : id);
  return (
    <Card>
      <CardBody>
        <Content component="p" className="xloud-uc-intro">
          {t('userCenter.groups.intro')}
        </Content>
        {groups.isPending ? (
          <LoadingState />
        ) : groups.isError ? (
          <ErrorState error={groups.error} retry={() => void groups.refetch()} action="identity:list_groups_for_user" />
        ) : groups.data.length === 0 ? (
          <EmptyState title={t('userCenter.groups.emptyTitle')} body={t('userCenter.groups.emptyBody')} />
        ) : (
          <Table aria-label={t('userCenter.groups.tableLabel')} variant="compact" data-testid="user-center-groups">
            <Thead>
              <Tr>
                <Th>{t('userCenter.groups.name')}</Th>
                <Th>{t('userCenter.groups.description')}</Th>
                <Th modifier="fitContent">{t('userCenter.groups.domain')}</Th>
                <Th>{t('userCenter.groups.id')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {[...groups.data]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((group) => (
                  <Tr key={group.id}>
                    <Td dataLabel={t('userCenter.groups.name')}>
                      <UserText>{group.name}</UserText>
                    </Td>
                    <Td dataLabel={t('userCenter.groups.description')}>
                      <OptionalText value={group.description} fallback="—" />
                    </Td>
                    <Td dataLabel={t('userCenter.groups.domain')}>
                      <UserText>{domainName(group.domain_id)}</UserText>
                    </Td>
                    <Td dataLabel={t('userCenter.groups.id')}>
                      <code className="xloud-break">{group.id}</code>
                    </Td>
                  </Tr>
                ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
}
