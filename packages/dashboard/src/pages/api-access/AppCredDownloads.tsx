import { Alert, Button, Content, FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { DownloadIcon } from '@patternfly/react-icons/dist/esm/icons/download-icon.js';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { identity } from '../../api/identity.ts';
import { parseApiTime } from '../../components/DateTime.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { t } from '../../i18n/t.ts';
import { appCredFileOptions, cloudsYamlFile, openrcFile, type IdentityEndpoint } from './credential-files.ts';
import { useDownload } from './useDownload.ts';

/**
 * Files for one of the user's application credentials, by id only: its secret was shown once at creation, so the
 * OpenRC asks for it and clouds.yaml leaves it to secure.yaml.
 */
export function AppCredDownloads({ userId, endpoint }: { userId: string; endpoint: IdentityEndpoint }) {
  // The same query (and cache) as the Application Credentials page.
  const list = useQuery({
    queryKey: ['application-credentials', userId],
    queryFn: () => identity.applicationCredentials.list({}, { user_id: userId }),
  });
  const [selected, setSelected] = useState('');
  const download = useDownload();

  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} retry={() => void list.refetch()} />;
  if (list.data.length === 0) {
    return (
      <Content component="p">
        {t('apiAccess.appCredNone')}{' '}
        <Link to="/project/identity/application-credentials">{t('apiAccess.appCredCreateLink')}</Link>
      </Content>
    );
  }
  const credential = list.data.find((c) => c.id === selected);
  const now = Date.now();
  const options = credential ? appCredFileOptions({ id: credential.id, name: credential.name }, endpoint) : undefined;
  return (
    <>
      <Content component="p">{t('apiAccess.filesAppCredHelp')}</Content>
      {download.error ? <Alert variant="danger" isInline title={download.error} /> : null}
      <FormGroup label={t('apiAccess.appCredSelect')} fieldId="api-access-app-cred">
        <FormSelect
          id="api-access-app-cred"
          value={selected}
          onChange={(_event, value) => setSelected(value)}
          data-testid="app-cred-select"
        >
          <FormSelectOption value="" label={t('apiAccess.appCredChoose')} isPlaceholder />
          {list.data.map((c) => (
            <FormSelectOption
              key={c.id}
              value={c.id}
              label={
                c.expires_at && parseApiTime(c.expires_at).getTime() <= now
                  ? t('apiAccess.appCredExpired', { name: c.name })
                  : c.name
              }
            />
          ))}
        </FormSelect>
      </FormGroup>
      <div className="xloud-api-downloads">
        <Button
          variant="secondary"
          icon={<DownloadIcon />}
          isDisabled={!options}
          onClick={() => options && credential && download.save(() => openrcFile(options, credential.name))}
          data-testid="download-app-cred-openrc"
        >
          {t('apiAccess.downloadAppCredOpenrc')}
        </Button>
        <Button
          variant="secondary"
          icon={<DownloadIcon />}
          isDisabled={!options}
          onClick={() => options && credential && download.save(() => cloudsYamlFile(options, credential.name))}
          data-testid="download-app-cred-clouds"
        >
          {t('apiAccess.downloadAppCredClouds')}
        </Button>
      </div>
    </>
  );
}
