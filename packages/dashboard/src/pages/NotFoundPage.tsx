import { Button, EmptyState, EmptyStateBody, EmptyStateFooter } from '@patternfly/react-core';
import { Link } from 'react-router';
import { t } from '../i18n/t.ts';

export default function NotFoundPage() {
  return (
    <EmptyState titleText={t('state.notFoundTitle')} headingLevel="h1">
      <EmptyStateBody>{t('state.notFoundBody')}</EmptyStateBody>
      <EmptyStateFooter>
        <Button variant="primary" component={(props: object) => <Link {...props} to="/overview" />}>
          {t('state.goHome')}
        </Button>
      </EmptyStateFooter>
    </EmptyState>
  );
}
