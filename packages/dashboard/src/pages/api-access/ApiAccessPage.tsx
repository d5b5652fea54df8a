import { Grid, GridItem, Title } from '@patternfly/react-core';
import { ConsolePage } from '../../components/ConsolePage.tsx';
import { TitledCard } from '../../components/TitledCard.tsx';
import { t } from '../../i18n/t.ts';
import { useCurrentSession } from '../../session/SessionProvider.tsx';
import './api-access.css';
import { AppCredDownloads } from './AppCredDownloads.tsx';
import { CatalogTable } from './CatalogTable.tsx';
import { identityEndpoint } from './credential-files.ts';
import { CredentialsSummary } from './CredentialsSummary.tsx';
import { PasswordDownloads } from './PasswordDownloads.tsx';

/**
 * Project → API Access: the current scope's endpoints, the values a CLI user needs, and OpenRC / clouds.yaml files
 * for a password or an application credential (made by the SDK's generators, never containing a password).
 */
export default function ApiAccessPage() {
  const { token } = useCurrentSession();
  const endpoint = identityEndpoint(token);
  return (
    <ConsolePage title={t('apiAccess.title')} description={t('apiAccess.description')}>
      <Grid hasGutter>
        <GridItem span={12}>
          <TitledCard title={t('apiAccess.endpoints')}>
            <CatalogTable catalog={token.catalog ?? []} />
          </TitledCard>
        </GridItem>
        <GridItem span={12} xl={6}>
          <TitledCard title={t('apiAccess.credentials')} isFullHeight>
            <CredentialsSummary token={token} endpoint={endpoint} />
          </TitledCard>
        </GridItem>
        <GridItem span={12} xl={6}>
          <TitledCard title={t('apiAccess.files')} isFullHeight>
            <Title headingLevel="h3" size="md">
              {t('apiAccess.filesPassword')}
            </Title>
            <PasswordDownloads token={token} endpoint={endpoint} />
            <Title headingLevel="h3" size="md" className="xloud-api-subheading">
              {t('apiAccess.filesAppCred')}
            </Title>
            <AppCredDownloads userId={token.user.id} endpoint={endpoint} />
          </TitledCard>
        </GridItem>
      </Grid>
    </ConsolePage>
  );
}
