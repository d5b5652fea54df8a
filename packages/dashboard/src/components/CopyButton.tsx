import { ClipboardCopy } from '@patternfly/react-core';

/** A read-only value with a copy button (the value is text, never markup). */
export function CopyValue({ value, label, inline }: { value: string; label: string; inline?: boolean }) {
  return (
    <ClipboardCopy
      isReadOnly
      hoverTip="Copy"
      clickTip="Copied"
      variant={inline ? 'inline-compact' : undefined}
      textAriaLabel={label}
      toggleAriaLabel={label}
    >
      {value}
    </ClipboardCopy>
  );
}
