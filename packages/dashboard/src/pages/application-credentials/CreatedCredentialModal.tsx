import {
  Alert,
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { DownloadIcon } from '@patternfly/react-icons/dist/esm/icons/download-icon.js';
import type { ApplicationCredential } from '@xloud/sdk/browser';
import { CopyValue } from '../../components/CopyButton.tsx';
import { t } from '../../i18n/t.ts';
import {
  appCredFileOptions,
  cloudsYamlFile,
  openrcFile,
  type IdentityEndpoint,
} from '../api-access/credential-files.ts';
import { useDownload } from '../api-access/useDownload.ts';

/**
 * The one time the secret exists in the console: shown with copy buttons and offered inside ready-to-use files.
 * The secret lives only in this component's props; closing the panel drops it (it is never cached or re-fetched).
 */
export function CreatedCredentialModal({
  credential,
  endpoint,
  onClose,
}: {
  credential: ApplicationCredential & { secret: string };
  endpoint: IdentityEndpoint;
  onClose: () => void;
}) {
  const options = appCredFileOptions(credential, endpoint);
  const download = useDownload();
  return (
    <Modal
      isOpen
      onClose={onClose}
      variant="medium"
      aria-labelledby="created-app-cred-title"
      aria-describedby="created-app-cred-warning"
      data-testid="created-app-cred"
    >
      <ModalHeader
        title={t('appCreds.created.title', { name: credential.name })}
        labelId="created-app-cred-title"
        titleIconVariant="success"
      />
      <ModalBody>
        <Alert id="created-app-cred-warning" variant="warning" isInline title={t('appCreds.created.warningTitle')}>
          {t('appCreds.created.warning')}
        </Alert>
        <DescriptionList className="xloud-ac-created-values" orientation={{ sm: 'horizontal' }} isFluid>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('appCreds.created.id')}</DescriptionListTerm>
            <DescriptionListDescription data-testid="created-app-cred-id">
              <CopyValue value={credential.id} label={t('appCreds.created.copyId')} />
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('appCreds.created.secret')}</DescriptionListTerm>
            <DescriptionListDescription data-testid="created-app-cred-secret">
              <CopyValue value={credential.secret} label={t('appCreds.created.copySecret')} />
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
        <Content component="p">{t('appCreds.created.downloadsHelp')}</Content>
        {download.error ? <Alert variant="danger" isInline title={download.error} /> : null}
        <div className="xloud-ac-downloads">
          <Button
            variant="secondary"
            icon={<DownloadIcon />}
            onClick={() => download.save(() => cloudsYamlFile(options, credential.name))}
            data-testid="download-app-cred-clouds"
          >
            {t('appCreds.created.downloadClouds')}
          </Button>
          <Button
            variant="secondary"
            icon={<DownloadIcon />}
            onClick={() => download.save(() => openrcFile(options, credential.name))}
            data-testid="download-app-cred-openrc"
          >
            {t('appCreds.created.downloadOpenrc')}
          </Button>
        </div>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose} data-testid="created-app-cred-close">
          {t('appCreds.created.done')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
