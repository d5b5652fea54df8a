import { Alert, Title } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import type { TokenData } from '@xloud/sdk/browser';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../api/errors.ts';
import { identity } from '../../api/identity.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { TitledCard } from '../../components/TitledCard.tsx';
import { t } from '../../i18n/t.ts';
import { useSession } from '../../session/SessionProvider.tsx';
import type { MyRole, ScopeKey } from './my-roles.ts';
import { plainRole } from './RoleLabels.tsx';
import { ScopeTargetsTable, type ScopeTarget } from './ScopeTargetsTable.tsx';

/**
 * My projects (/v3/auth/projects) and domains (/v3/auth/domains) with my roles on each, and "Switch to this
 * project", which re-scopes the console session (the same token-method rescope as the header's scope menu).
 */
export function MyScopesCard({ token, byScope }: { token: TokenData; byScope?: Map<ScopeKey, MyRole[]> }) {
  const { rescope } = useSession();
  const userId = token.user.id;
  // The same queries (and cache) as the header's scope menu.
  const projects = useQuery({
    queryKey: ['auth-projects', userId],
    queryFn: () => identity.auth.projects(),
    staleTime: 30_000,
  });
  const domains = useQuery({
    queryKey: ['auth-domains', userId],
    queryFn: () => identity.auth.domains(),
    staleTime: 30_000,
  });
  const [busyId, setBusyId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const tokenRoles = (token.roles ?? []).map(plainRole);
  const domainNames = new Map<string, string>([[token.user.domain.id, token.user.domain.name ?? token.user.domain.id]]);
  if (token.project) domainNames.set(token.project.domain.id, token.project.domain.name ?? token.project.domain.id);
  for (const d of domains.data ?? []) domainNames.set(d.id, d.name);

  const rolesOn = (key: ScopeKey, current: boolean) => byScope?.get(key) ?? (current ? tokenRoles : undefined);

  const projectTargets: ScopeTarget[] = (projects.data ?? [])
    .map((p) => {
      const current = token.project?.id === p.id;
      return {
        id: p.id,
        name: p.name,
        domain: p.domain_id ? (domainNames.get(p.domain_id) ?? p.domain_id) : '',
        enabled: p.enabled,
        current,
        roles: rolesOn(`project:${p.id}`, current),
      };
    })
    .sort((a, b) => Number(b.current) - Number(a.current) || a.name.localeCompare(b.name));
  const domainTargets: ScopeTarget[] = (domains.data ?? [])
    .map((d) => {
      const current = token.domain?.id === d.id;
      return { id: d.id, name: d.name, enabled: d.enabled, current, roles: rolesOn(`domain:${d.id}`, current) };
    })
    .sort((a, b) => Number(b.current) - Number(a.current) || a.name.localeCompare(b.name));

  const switchTo = async (kind: 'project' | 'domain', target: ScopeTarget) => {
    setBusyId(target.id);
    setFailure(null);
    try {
      await rescope({ [kind]: { id: target.id } });
    } catch (error) {
      setFailure(t('overview.switchFailed', { message: errorMessage(error) }));
    } finally {
      setBusyId(null);
    }
  };

  let projectsBody: ReactNode;
  if (projects.isPending) projectsBody = <LoadingState />;
  else if (projects.isError) projectsBody = <ErrorState error={projects.error} retry={() => void projects.refetch()} />;
  else if (projectTargets.length === 0)
    projectsBody = <EmptyState title={t('overview.projectsEmptyTitle')} body={t('overview.projectsEmpty')} />;
  else
    projectsBody = (
      <ScopeTargetsTable
        kind="project"
        label={t('overview.projectsLabel')}
        targets={projectTargets}
        busyId={busyId}
        onSwitch={(p) => void switchTo('project', p)}
      />
    );

  return (
    <TitledCard title={t('overview.projects')}>
      {failure ? <Alert variant="danger" isInline title={failure} className="xloud-ov-alert" /> : null}
      {projectsBody}
      {domainTargets.length > 0 ? (
        <>
          <Title headingLevel="h2" size="lg" className="xloud-ov-subheading">
            {t('overview.domains')}
          </Title>
          <ScopeTargetsTable
            kind="domain"
            label={t('overview.domainsLabel')}
            targets={domainTargets}
            busyId={busyId}
            onSwitch={(d) => void switchTo('domain', d)}
          />
        </>
      ) : null}
    </TitledCard>
  );
}
