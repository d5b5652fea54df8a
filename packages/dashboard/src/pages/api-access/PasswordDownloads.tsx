import { Alert, Button, Content } from '@patternfly/react-core';
import { DownloadIcon } from '@patternfly/react-icons/dist/esm/icons/download-icon.js';
import type { TokenData } from '@xloud/sdk/browser';
import { t } from '../../i18n/t.ts';
import { cloudsYamlFile, openrcFile, passwordFileOptions, type IdentityEndpoint } from './credential-files.ts';
import { useDownload } from './useDownload.ts';

/** The password OpenRC (asks for the password when sourced) and clouds.yaml (password left to secure.yaml). */
export function PasswordDownloads({ token, endpoint }: { token: TokenData; endpoint: IdentityEndpoint }) {
  const download = useDownload();
  const options = passwordFileOptions(token, endpoint);
  const baseName = token.project?.name ?? token.domain?.name ?? token.user.name;
  return (
    <>
      <Content component="p">{t('apiAccess.filesPasswordHelp')}</Content>
      {download.error ? <Alert variant="danger" isInline title={download.error} /> : null}
      <div className="xloud-api-downloads">
        <Button
          variant="secondary"
          icon={<DownloadIcon />}
          onClick={() => download.save(() => openrcFile(options, baseName))}
          data-testid="download-openrc"
        >
          {t('apiAccess.downloadOpenrc')}
        </Button>
        <Button
          variant="secondary"
          icon={<DownloadIcon />}
          onClick={() => download.save(() => cloudsYamlFile(options, baseName))}
          data-testid="download-clouds"
        >
          {t('apiAccess.downloadClouds')}
        </Button>
      </div>
    </>
  );
}
