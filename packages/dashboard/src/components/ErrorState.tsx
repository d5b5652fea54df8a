import { Alert, AlertActionLink, EmptyState, EmptyStateBody, EmptyStateFooter, Button } from '@patternfly/react-core';
import { errorKind, errorMessage, errorStatus } from '../api/errors.ts';
import { t } from '../i18n/t.ts';
import { ForbiddenNotice } from './ForbiddenNotice.tsx';

/**
 * A failed load: network errors and 5xx get a retry banner, 403 the policy explanation, the rest the server's own
 * message. 401 never reaches here: the session provider has already sent the user to sign-in.
 */
export function ErrorState({ error, retry, action }: { error: unknown; retry?: () => void; action?: string }) {
  const kind = errorKind(error);
  if (kind === 'forbidden') return <ForbiddenNotice action={action} message={errorMessage(error)} />;
  if (kind === 'network' || kind === 'server') {
    const title =
      kind === 'network' ? t('state.networkTitle') : t('state.serverTitle', { status: errorStatus(error) ?? '' });
    return (
      <Alert
        variant="danger"
        isInline
        title={title}
        actionLinks={retry ? <AlertActionLink onClick={retry}>{t('state.retry')}</AlertActionLink> : undefined}
      >
        {kind === 'network' ? t('state.networkBody') : errorMessage(error)}
      </Alert>
    );
  }
  return (
    <EmptyState titleText={t('state.errorTitle')} headingLevel="h2" status="danger" variant="sm">
      <EmptyStateBody>{errorMessage(error)}</EmptyStateBody>
      {retry ? (
        <EmptyStateFooter>
          <Button variant="secondary" onClick={retry}>
            {t('state.retry')}
          </Button>
        </EmptyStateFooter>
      ) : null}
    </EmptyState>
  );
}
