import type { ReactNode } from 'react';
import { LoadingState } from '../components/LoadingState.tsx';
import { ForbiddenNotice } from '../components/ForbiddenNotice.tsx';
import { usePermissions } from './usePermissions.ts';

/** A page only some roles may use: a direct URL to it shows the 403 explanation instead of a broken page. */
export function RequirePermission({
  action,
  target,
  children,
}: {
  action: string;
  target?: Record<string, unknown>;
  children: ReactNode;
}) {
  const permissions = usePermissions([action], target);
  const allowed = permissions.allowed(action);
  if (allowed === undefined) return <LoadingState />;
  if (!allowed) return <ForbiddenNotice action={action} />;
  return <>{children}</>;
}
