import { Button, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { AngleLeftIcon } from '@patternfly/react-icons/dist/esm/icons/angle-left-icon.js';
import { AngleRightIcon } from '@patternfly/react-icons/dist/esm/icons/angle-right-icon.js';
import { useId } from 'react';
import { t } from '../../../i18n/t.ts';
import { PAGE_SIZES, type ClientPages, type MarkerPaging } from './paging.ts';

interface PagerProps {
  /** What is paged, for screen readers ("Users pages"). */
  label: string;
  pageNumber: number;
  /** Known for lists paged in the browser; unknown for the server's limit/marker paging. */
  pageCount?: number;
  size: number;
  hasPrevious: boolean;
  hasNext: boolean;
  isBusy?: boolean;
  onPrevious(): void;
  onNext(): void;
  onSize(size: number): void;
  testId?: string;
}

/** Previous / Next paging with the page size: keyboard-reachable buttons, the current page announced. */
function Pager({
  label,
  pageNumber,
  pageCount,
  size,
  hasPrevious,
  hasNext,
  isBusy,
  onPrevious,
  onNext,
  onSize,
  testId,
}: PagerProps) {
  const sizeId = useId();
  return (
    <nav className="xloud-adm-pager" aria-label={label} data-testid={testId ?? 'pager'}>
      <div className="xloud-adm-pager-size">
        <label htmlFor={sizeId}>{t('admin.pager.perPage')}</label>
        <FormSelect id={sizeId} value={String(size)} onChange={(_e, value) => onSize(Number(value))}>
          {PAGE_SIZES.map((n) => (
            <FormSelectOption key={n} value={String(n)} label={String(n)} />
          ))}
        </FormSelect>
      </div>
      <span className="xloud-adm-pager-page" aria-live="polite" data-testid="pager-page">
        {pageCount
          ? t('admin.pager.pageOf', { page: pageNumber, pages: pageCount })
          : t('pagination.page', { page: pageNumber })}
      </span>
      <div className="xloud-adm-pager-buttons">
        <Button
          variant="secondary"
          icon={<AngleLeftIcon />}
          isDisabled={!hasPrevious || isBusy}
          onClick={onPrevious}
          data-testid="pager-previous"
        >
          {t('action.previous')}
        </Button>
        <Button
          variant="secondary"
          icon={<AngleRightIcon />}
          iconPosition="end"
          isDisabled={!hasNext || isBusy}
          onClick={onNext}
          data-testid="pager-next"
        >
          {t('action.next')}
        </Button>
      </div>
    </nav>
  );
}

/** Pager for the server's limit/marker paging. */
export function MarkerPager({
  label,
  paging,
  nextMarker,
  isBusy,
}: {
  label: string;
  paging: MarkerPaging;
  nextMarker: string | undefined;
  isBusy?: boolean;
}) {
  return (
    <Pager
      label={label}
      pageNumber={paging.pageNumber}
      size={paging.size}
      hasPrevious={paging.pageNumber > 1}
      hasNext={Boolean(nextMarker)}
      isBusy={isBusy}
      onPrevious={paging.previous}
      onNext={() => nextMarker && paging.next(nextMarker)}
      onSize={paging.setSize}
    />
  );
}

/** Pager for lists the server returns whole (roles, assignments, members), paged in the browser. */
export function ClientPager<T>({ label, pages }: { label: string; pages: ClientPages<T> }) {
  if (pages.total <= PAGE_SIZES[0]) return null;
  return (
    <Pager
      label={label}
      pageNumber={pages.page}
      pageCount={pages.pages}
      size={pages.size}
      hasPrevious={pages.page > 1}
      hasNext={pages.page < pages.pages}
      onPrevious={() => pages.setPage(pages.page - 1)}
      onNext={() => pages.setPage(pages.page + 1)}
      onSize={pages.setSize}
    />
  );
}
