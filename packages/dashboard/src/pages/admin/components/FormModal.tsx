import { Alert, Form, Modal, ModalBody, ModalHeader } from '@patternfly/react-core';
import { useId, useState, type ReactNode } from 'react';
import { errorMessage } from '../../../api/errors.ts';
import { BusyButton } from '../../../components/BusyButton.tsx';
import { ModalActions } from '../../../components/ModalActions.tsx';
import { t } from '../../../i18n/t.ts';

/**
 * A dialog holding one form. `onSubmit` returns false when the form's own checks fail (the fields then show why);
 * when the API refuses, its message is shown above the fields and the dialog stays open.
 */
export function FormModal({
  title,
  description,
  submitLabel,
  onSubmit,
  onClose,
  children,
  variant = 'medium',
  testId,
  isDanger,
  cancelLabel,
}: {
  title: string;
  description?: ReactNode;
  submitLabel: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: a submit handler may return nothing (close) or false (stay open)
  onSubmit(): Promise<boolean | void> | boolean | void;
  onClose(): void;
  children: ReactNode;
  variant?: 'small' | 'medium' | 'large';
  testId?: string;
  isDanger?: boolean;
  cancelLabel?: string;
}) {
  const titleId = useId();
  const formId = useId();
  const descriptionId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await onSubmit();
      if (result !== false) onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      isOpen
      variant={variant}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
    >
      <ModalHeader title={title} labelId={titleId} description={description} descriptorId={descriptionId} />
      <ModalBody>
        <Form
          id={formId}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {error ? (
            <Alert variant="danger" isInline title={t('admin.form.refused')} data-testid="form-error">
              <span className="xloud-break">{errorMessage(error)}</span>
            </Alert>
          ) : null}
          {children}
        </Form>
      </ModalBody>
      <ModalActions onCancel={onClose} cancelLabel={cancelLabel} isCancelDisabled={busy}>
        <BusyButton
          type="submit"
          form={formId}
          variant={isDanger ? 'danger' : 'primary'}
          busy={busy}
          data-testid="form-submit"
        >
          {submitLabel}
        </BusyButton>
      </ModalActions>
    </Modal>
  );
}

/** A question before something that cannot be undone (delete, revoke). */
export function ConfirmModal({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  return (
    <FormModal
      title={title}
      submitLabel={confirmLabel}
      onSubmit={onConfirm}
      onClose={onClose}
      variant="small"
      isDanger
      testId="confirm-dialog"
    >
      <div className="xloud-break">{body}</div>
    </FormModal>
  );
}
