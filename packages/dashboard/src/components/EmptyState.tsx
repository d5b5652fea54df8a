import { EmptyState as PfEmptyState, EmptyStateBody, EmptyStateFooter } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { t } from '../i18n/t.ts';

export function EmptyState({ title, body, actions }: { title?: string; body?: ReactNode; actions?: ReactNode }) {
  return (
    <PfEmptyState titleText={title ?? t('state.emptyTitle')} headingLevel="h2" variant="sm">
      {body ? <EmptyStateBody>{body}</EmptyStateBody> : null}
      {actions ? <EmptyStateFooter>{actions}</EmptyStateFooter> : null}
    </PfEmptyState>
  );
}
