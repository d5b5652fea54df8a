import { Button } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A link inside the console that looks like a button ("Edit profile", "Go to the overview"). */
export function LinkButton({
  to,
  variant = 'secondary',
  children,
}: {
  to: string;
  variant?: 'secondary' | 'link';
  children: ReactNode;
}) {
  return (
    <Button variant={variant} component={(props: object) => <Link {...props} to={to} />}>
      {children}
    </Button>
  );
}
