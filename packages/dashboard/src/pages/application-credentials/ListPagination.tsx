import { Pagination, type PaginationVariant } from '@patternfly/react-core';
import { t } from '../../i18n/t.ts';
import { PER_PAGE_OPTIONS, type ClientPaging } from './useClientPaging.ts';

/** PatternFly's pagination for a client-side paged list, with every label from the message catalog. */
export function ListPagination<T>({
  paging,
  widgetId,
  variant,
}: {
  paging: ClientPaging<T>;
  widgetId: string;
  variant: 'top' | 'bottom' | PaginationVariant;
}) {
  return (
    <Pagination
      widgetId={widgetId}
      variant={variant}
      itemCount={paging.total}
      page={paging.page}
      perPage={paging.perPage}
      perPageOptions={PER_PAGE_OPTIONS.map((n) => ({ title: String(n), value: n }))}
      onSetPage={(_event, page) => paging.setPage(page)}
      onPerPageSelect={(_event, perPage) => paging.setPerPage(perPage)}
      isCompact={variant !== 'bottom'}
      titles={{
        paginationAriaLabel: t('appCreds.list.pagination', {
          where: variant === 'bottom' ? t('appCreds.list.bottom') : t('appCreds.list.top'),
        }),
        perPageSuffix: t('appCreds.list.perPageSuffix'),
        ofWord: t('appCreds.list.of'),
        items: t('appCreds.list.items'),
        page: t('appCreds.list.page'),
        pages: t('appCreds.list.pages'),
        itemsPerPage: t('appCreds.list.itemsPerPage'),
        currPageAriaLabel: t('appCreds.list.currentPage'),
        toFirstPageAriaLabel: t('appCreds.list.firstPage'),
        toLastPageAriaLabel: t('appCreds.list.lastPage'),
        toNextPageAriaLabel: t('appCreds.list.nextPage'),
        toPreviousPageAriaLabel: t('appCreds.list.previousPage'),
      }}
    />
  );
}
