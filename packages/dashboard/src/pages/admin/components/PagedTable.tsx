import type { ReactNode } from 'react';
import { DataTable, type DataTableProps } from '../../../components/DataTable.tsx';
import { t } from '../../../i18n/t.ts';
import { ListStates } from './bits.tsx';
import { MarkerPager } from './Pager.tsx';
import type { PagedList } from './paging.ts';

/**
 * A list the server pages (limit/marker): loading, failed, empty, or the table of the current page; then the
 * Previous/Next pager, kept whatever the page shows so the way back is always there.
 */
export function PagedTable<T>({
  list: { paging, query },
  emptyTitle,
  action,
  pagerOf,
  row,
  ...table
}: DataTableProps & {
  list: PagedList<T>;
  emptyTitle: string;
  /** The list action, for the policy explanation when listing is refused. */
  action: string;
  /** What the pager pages, for screen readers ("Users pages"). */
  pagerOf: string;
  row(item: T, index: number): ReactNode;
}) {
  const items = query.data?.items ?? [];
  return (
    <>
      <ListStates query={query} isEmpty={items.length === 0} emptyTitle={emptyTitle} action={action}>
        <DataTable {...table}>{items.map((item, index) => row(item, index))}</DataTable>
      </ListStates>
      <MarkerPager
        label={t('admin.pager.label', { what: pagerOf })}
        paging={paging}
        nextMarker={query.data?.nextMarker}
        isBusy={query.isFetching}
      />
    </>
  );
}
