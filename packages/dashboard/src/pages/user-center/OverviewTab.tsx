import { Card, CardBody, DescriptionList, Label, LabelGroup, Skeleton, Title } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { CopyValue } from '../../components/CopyButton.tsx';
import { DateTime } from '../../components/DateTime.tsx';
import { DescriptionItem as Item } from '../../components/DescriptionItem.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { StateLabel } from '../../components/StateLabel.tsx';
import { t } from '../../i18n/t.ts';
import { scopeLabel } from '../../session/scope.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { displayName, initials, methodLabel, OptionalText, realName, UserText } from './parts.tsx';
import { userCenterPath } from './paths.ts';
import { useMe, useMyDomains, useMyProjects } from './queries.ts';
import { SectionCard } from './SectionCard.tsx';

function Stat({ label, help, value, testId }: { label: string; help?: string; value: ReactNode; testId: string }) {
  return (
    <div className="xloud-uc-stat">
      <dt className="xloud-uc-stat-label">
        {label}
        {help ? <span className="xloud-uc-muted xloud-uc-stat-help">{help}</span> : null}
      </dt>
      <dd className="xloud-uc-stat-value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** A count from a query: a placeholder while loading, a dash when it failed. */
function count(query: { data?: unknown[]; isError: boolean }): ReactNode {
  if (query.data) return query.data.length;
  if (query.isError) return <span className="xloud-uc-muted">{t('userCenter.overview.countFailed')}</span>;
  return <Skeleton screenreaderText={t('state.loading')} className="xloud-uc-skeleton" />;
}

/** The account at a glance: who I am, what I can reach, and how this session was opened. */
export function OverviewTab() {
  const session = useCurrentSession();
  const token = session.token;
  const me = useMe();
  const projects = useMyProjects();
  const domains = useMyDomains();

  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} retry={() => void me.refetch()} action="identity:get_user" />;

  const user = me.data;
  const name = displayName(user, token.user.name);
  const roles = token.roles ?? [];
  const passwordExpiresAt = user.password_expires_at ?? token.user.password_expires_at ?? null;

  return (
    <div className="xloud-uc-stack">
      <Card data-testid="user-center-overview-card" aria-label={t('userCenter.overview.cardLabel')} component="section">
        <CardBody>
          <div className="xloud-uc-identity">
            <div className="xloud-uc-avatar" aria-hidden="true" data-testid="user-center-avatar">
              {initials(name)}
            </div>
            <div className="xloud-uc-identity-text">
              <Title headingLevel="h2" size="xl" data-testid="user-center-display-name">
                <UserText>{name}</UserText>
              </Title>
              <div className="xloud-uc-muted" data-testid="user-center-email">
                {user.email ? <UserText>{user.email}</UserText> : t('userCenter.overview.noEmail')}
              </div>
              {roles.length > 0 ? (
                <LabelGroup
                  numLabels={6}
                  className="xloud-uc-roles"
                  aria-label={t('userCenter.overview.roleTags')}
                  collapsedText={t('userCenter.overview.moreRoles')}
                  expandedText={t('userCenter.overview.fewerRoles')}
                >
                  {roles.map((role) => (
                    <Label key={role.id} color="blue" isCompact>
                      <UserText>{role.name ?? role.id}</UserText>
                    </Label>
                  ))}
                </LabelGroup>
              ) : (
                <div className="xloud-uc-muted">{t('userCenter.overview.noRoles')}</div>
              )}
            </div>
          </div>
          <dl className="xloud-uc-stats" aria-label={t('userCenter.overview.stats')}>
            <Stat
              label={t('userCenter.overview.statRoles')}
              help={t('userCenter.overview.statRolesHelp')}
              value={roles.length}
              testId="user-center-count-roles"
            />
            <Stat
              label={t('userCenter.overview.statDomains')}
              value={count(domains)}
              testId="user-center-count-domains"
            />
            <Stat
              label={t('userCenter.overview.statProjects')}
              value={count(projects)}
              testId="user-center-count-projects"
            />
          </dl>
        </CardBody>
      </Card>

      <div className="xloud-uc-columns">
        <SectionCard
          titleId="uc-details-title"
          title={t('userCenter.overview.details')}
          footer={<LinkButton to={userCenterPath('profile')}>{t('userCenter.overview.editProfile')}</LinkButton>}
        >
          <DescriptionList isCompact>
            <Item term={t('userCenter.overview.userName')}>
              <UserText>{user.name}</UserText>
            </Item>
            <Item term={t('userCenter.overview.email')}>
              <OptionalText value={user.email} />
            </Item>
            <Item term={t('userCenter.overview.phone')} testId="user-center-phone">
              <OptionalText value={user.phone} />
            </Item>
            <Item term={t('userCenter.overview.realName')}>
              <OptionalText value={realName(user)} />
            </Item>
            <Item term={t('userCenter.overview.jobTitle')} testId="user-center-job-title">
              <OptionalText value={user.job_title} />
            </Item>
            <Item term={t('userCenter.overview.department')}>
              <OptionalText value={user.department} />
            </Item>
            <Item term={t('userCenter.overview.userId')}>
              <CopyValue value={user.id} label={t('userCenter.overview.copyUserId')} inline />
            </Item>
          </DescriptionList>
        </SectionCard>

        <SectionCard
          titleId="uc-access-title"
          title={t('userCenter.overview.access')}
          footer={<LinkButton to={userCenterPath('security')}>{t('userCenter.overview.security')}</LinkButton>}
        >
          <DescriptionList isCompact>
            <Item term={t('userCenter.overview.myRoles')}>
              {roles.length > 0 ? (
                <UserText>{roles.map((role) => role.name ?? role.id).join(', ')}</UserText>
              ) : (
                <OptionalText value="" fallback={t('value.none')} />
              )}
            </Item>
            <Item term={t('userCenter.overview.domain')}>
              <UserText>{token.user.domain.name ?? token.user.domain.id}</UserText>
            </Item>
            <Item term={t('userCenter.overview.currentScope')}>
              <UserText>{scopeLabel(token)}</UserText>
            </Item>
            <Item term={t('userCenter.overview.currentProject')} testId="user-center-current-project">
              {token.project ? (
                <UserText>{token.project.name}</UserText>
              ) : (
                <span className="xloud-uc-muted">{t('userCenter.overview.noProject')}</span>
              )}
            </Item>
            {token.project ? (
              <Item term={t('userCenter.overview.projectId')}>
                <CopyValue value={token.project.id} label={t('userCenter.overview.copyProjectId')} inline />
              </Item>
            ) : null}
            <Item term={t('userCenter.overview.status')} testId="user-center-status">
              <StateLabel on={Boolean(user.enabled)} onLabel={t('value.enabled')} offLabel={t('value.disabled')} />
            </Item>
            <Item term={t('userCenter.overview.passwordExpires')} testId="user-center-password-expires">
              <DateTime value={passwordExpiresAt} fallback={t('userCenter.overview.passwordNeverExpires')} />
            </Item>
            <Item term={t('userCenter.overview.signedInWith')}>{token.methods.map(methodLabel).join(', ')}</Item>
          </DescriptionList>
        </SectionCard>
      </div>
    </div>
  );
}
