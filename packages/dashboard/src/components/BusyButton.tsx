import { Button, type ButtonProps } from '@patternfly/react-core';

/**
 * A button whose action takes a moment (sign in, save, delete): a spinner and disabled while it runs, so it is never
 * sent twice, showing `busyLabel` ("Signing in…") meanwhile when given.
 */
export function BusyButton({
  busy,
  busyLabel,
  children,
  ...button
}: Omit<ButtonProps, 'isLoading' | 'isDisabled'> & { busy: boolean; busyLabel?: string }) {
  return (
    <Button {...button} isLoading={busy} isDisabled={busy}>
      {busy && busyLabel !== undefined ? busyLabel : children}
    </Button>
  );
}
