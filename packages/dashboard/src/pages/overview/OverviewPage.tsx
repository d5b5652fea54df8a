import { Alert, Grid, GridItem } from '@patternfly/react-core';
import { ConsolePage } from '../../components/ConsolePage.tsx';
import { t } from '../../i18n/t.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import { MeCard } from './MeCard.tsx';
import { MyScopesCard } from './MyScopesCard.tsx';
import './overview.css';
import { ScopeCard } from './ScopeCard.tsx';
import { useMyRoles } from './useMyRoles.ts';

/** The landing page: who I am, where I am working and with which roles, and where else I can work. */
export default function OverviewPage() {
  const { token } = useCurrentSession();
  const myRoles = useMyRoles();
  const unscoped = !token.project && !token.domain && !token.system;
  return (
    <ConsolePage title={t('overview.title')} description={t('overview.description')}>
      {unscoped ? (
        <Alert
          variant="info"
          isInline
          title={t('overview.unscopedTitle')}
          className="xloud-ov-alert"
          data-testid="overview-unscoped"
        >
          {t('overview.unscoped')}
        </Alert>
      ) : null}
      <Grid hasGutter>
        <GridItem span={12} lg={6}>
          <MeCard token={token} />
        </GridItem>
        <GridItem span={12} lg={6}>
          <ScopeCard token={token} byScope={myRoles.byScope} />
        </GridItem>
        <GridItem span={12}>
          <MyScopesCard token={token} byScope={myRoles.byScope} />
        </GridItem>
      </Grid>
    </ConsolePage>
  );
}
