import { Alert, Content, Modal, ModalBody, ModalHeader } from '@patternfly/react-core';
import { useMutation } from '@tanstack/react-query';
import type { ApplicationCredential } from '@xloud/sdk/browser';
import { errorMessage } from '../../api/errors.ts';
import { identity } from '../../api/identity.ts';
import { BusyButton } from '../../components/BusyButton.tsx';
import { ModalActions } from '../../components/ModalActions.tsx';
import { t } from '../../i18n/t.ts';

/** Confirms a delete: the credential stops working at once for every script that uses it. */
export function DeleteCredentialModal(props: {
  userId: string;
  credential: ApplicationCredential;
  onClose: () => void;
  onDeleted: (credential: ApplicationCredential) => void;
}) {
  const remove = useMutation({
    mutationFn: () => identity.applicationCredentials.delete(props.credential.id, { user_id: props.userId }),
    onSuccess: () => props.onDeleted(props.credential),
  });
  return (
    <Modal
      isOpen
      onClose={props.onClose}
      variant="small"
      aria-labelledby="delete-app-cred-title"
      aria-describedby="delete-app-cred-body"
      data-testid="delete-app-cred"
    >
      <ModalHeader title={t('appCreds.delete.title')} labelId="delete-app-cred-title" titleIconVariant="warning" />
      <ModalBody>
        {remove.isError ? (
          <Alert
            variant="danger"
            isInline
            title={t('appCreds.delete.failed', { message: errorMessage(remove.error) })}
          />
        ) : null}
        <Content component="p" id="delete-app-cred-body" className="xloud-break">
          {t('appCreds.delete.body', { name: props.credential.name })}
        </Content>
      </ModalBody>
      <ModalActions onCancel={props.onClose}>
        <BusyButton
          variant="danger"
          onClick={() => remove.mutate()}
          busy={remove.isPending}
          data-testid="delete-app-cred-confirm"
        >
          {t('appCreds.delete.confirm')}
        </BusyButton>
      </ModalActions>
    </Modal>
  );
}
