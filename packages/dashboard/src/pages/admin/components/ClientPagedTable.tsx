import type { ReactNode } from 'react';
import { DataTable, type DataTableProps } from '../../../components/DataTable.tsx';
import { t } from '../../../i18n/t.ts';
import { ClientPager } from './Pager.tsx';
import type { ClientPages } from './paging.ts';

/** A list the server returns whole (members, groups, roles): one page of it as a table, and the pager below. */
export function ClientPagedTable<T>({
  pages,
  pagerOf,
  row,
  ...table
}: DataTableProps & { pages: ClientPages<T>; pagerOf: string; row(item: T): ReactNode }) {
  return (
    <>
      <DataTable {...table}>{pages.rows.map((item) => row(item))}</DataTable>
      <ClientPager label={t('admin.pager.label', { what: pagerOf })} pages={pages} />
    </>
  );
}
