import { Button, ModalFooter } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { t } from '../i18n/t.ts';

/** A dialog's footer: its action button (`children`), then Cancel. */
export function ModalActions({
  children,
  onCancel,
  cancelLabel,
  isCancelDisabled,
}: {
  children: ReactNode;
  onCancel(): void;
  cancelLabel?: string;
  isCancelDisabled?: boolean;
}) {
  return (
    <ModalFooter>
      {children}
      <Button variant="link" onClick={onCancel} isDisabled={isCancelDisabled}>
        {cancelLabel ?? t('action.cancel')}
      </Button>
    </ModalFooter>
  );
}
