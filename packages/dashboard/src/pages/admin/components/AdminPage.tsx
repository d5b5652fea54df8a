import './admin.css';
import type { ReactNode } from 'react';
import { ConsolePage } from '../../../components/ConsolePage.tsx';
import { RequirePermission } from '../../../permissions/RequirePermission.tsx';
import { useCurrentSession } from '../../../session/SessionProvider.tsx';
import { adminTarget } from './permissions.ts';

/**
 * One administration page: shown only when the token passes the page's list action (a direct URL otherwise shows
 * the 403 page naming the action and the roles that allow it).
 */
export function AdminPage({
  action,
  title,
  description,
  actions,
  breadcrumb,
  target,
  children,
}: {
  action: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Shown above the title (detail pages: the way back to the list). */
  breadcrumb?: ReactNode;
  /** The policy target of the page's action (detail pages: the object shown), else the admin default. */
  target?: Record<string, unknown>;
  children: ReactNode;
}) {
  const session = useCurrentSession();
  return (
    <RequirePermission action={action} target={target ?? adminTarget(session.token)}>
      {breadcrumb}
      <ConsolePage title={title} description={description} actions={actions}>
        {children}
      </ConsolePage>
    </RequirePermission>
  );
}
