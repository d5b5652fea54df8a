import type { ReactNode } from 'react';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { StateLabel } from '../../../components/StateLabel.tsx';
import { t } from '../../../i18n/t.ts';

/** An object's `enabled` flag (absent means enabled, as in Keystone). */
export function EnabledLabel({ enabled }: { enabled: boolean | undefined }) {
  return (
    <StateLabel on={enabled !== false} onLabel={t('value.enabled')} offLabel={t('value.disabled')} offColor="orange" />
  );
}

/** What ListStates needs of a list's query (TanStack Query's result). */
export interface ListQuery {
  isLoading: boolean;
  error: unknown;
  refetch(): unknown;
}

/**
 * The states every list has: loading (first load only; later pages keep the old rows until the new ones come),
 * failed (with retry, and the policy explanation on 403), empty, or the rows.
 */
export function ListStates({
  query,
  isEmpty,
  emptyTitle,
  emptyBody,
  action,
  children,
}: {
  query: ListQuery;
  isEmpty: boolean;
  emptyTitle: string;
  emptyBody?: ReactNode;
  action?: string;
  children: ReactNode;
}) {
  if (query.isLoading) return <LoadingState />;
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} action={action} />;
  if (isEmpty) return <EmptyState title={emptyTitle} body={emptyBody} />;
  return <>{children}</>;
}

/**
 * Text from the server (names, descriptions): always text, wrapped anywhere so long values never overflow. An
 * attribute that is missing, empty or not text at all (extra attributes can hold anything) shows as none.
 */
export function Value({ children }: { children: unknown }) {
  if (typeof children !== 'string' || children === '')
    return <span className="xloud-adm-muted">{t('value.none')}</span>;
  return <span className="xloud-break xloud-adm-pre-line">{children}</span>;
}
