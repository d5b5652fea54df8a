import { EmptyState, EmptyStateBody, EmptyStateFooter } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { identity } from '../api/identity.ts';
import { t } from '../i18n/t.ts';
import { scopeKey, scopeLabel } from '../session/scope.ts';
import { useCurrentSession } from '../session/SessionProvider.tsx';
import { LinkButton } from './LinkButton.tsx';

/**
 * The 403 page: which action was refused in which scope, and (from the server's policy-check extension, never
 * from rules copied into the browser) which role on which scope would allow it.
 */
export function ForbiddenNotice({ action, message }: { action?: string; message?: string }) {
  const session = useCurrentSession();
  const explanation = useQuery({
    queryKey: ['policy-explain', scopeKey(session.token), action],
    queryFn: async () => (action ? (await identity.xloud.policyCheck([action]))[action] : undefined),
    enabled: Boolean(action),
    staleTime: 60_000,
  });
  const requires = explanation.data?.requires ?? [];
  return (
    <EmptyState titleText={t('forbidden.title')} headingLevel="h1" status="warning" data-testid="forbidden-page">
      <EmptyStateBody>
        <p>{t('forbidden.body', { scope: scopeLabel(session.token), action: action ?? message ?? '' })}</p>
        {requires.length > 0 ? <p>{t('forbidden.requires', { requires: requires.join(', ') })}</p> : null}
        <p>{t('forbidden.switchHint')}</p>
      </EmptyStateBody>
      <EmptyStateFooter>
        <LinkButton to="/overview" variant="link">
          {t('state.goHome')}
        </LinkButton>
      </EmptyStateFooter>
    </EmptyState>
  );
}
