import { ClipboardCopy } from '@patternfly/react-core';
import { t } from '../i18n/t.ts';

/** A read-only value with a copy button (the value is text, never markup). */
export function CopyValue({ value, label, inline }: { value: string; label: string; inline?: boolean }) {
  return (
    <ClipboardCopy
      isReadOnly
      hoverTip={t('action.copy')}
      clickTip={t('action.copied')}
      variant={inline ? 'inline-compact' : undefined}
      textAriaLabel={label}
      toggleAriaLabel={label}
    >
      {value}
    </ClipboardCopy>
  );
}
