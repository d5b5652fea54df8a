import { useMemo, useState } from 'react';

export const PER_PAGE_OPTIONS = [20, 50, 100] as const;

export interface ClientPaging<T> {
  rows: T[];
  page: number;
  perPage: number;
  total: number;
  setPage(page: number): void;
  setPerPage(perPage: number): void;
}

/**
 * Pages a list that is already in memory, so a user with hundreds of credentials still gets a table that renders
 * quickly. The page is clamped when rows disappear (a delete on the last page never shows an empty page).
 */
export function useClientPaging<T>(all: readonly T[]): ClientPaging<T> {
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState<number>(PER_PAGE_OPTIONS[0]);
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const current = Math.min(page, lastPage);
  const rows = useMemo(() => all.slice((current - 1) * perPage, current * perPage), [all, current, perPage]);
  return {
    rows,
    page: current,
    perPage,
    total: all.length,
    setPage,
    setPerPage(next) {
      setPerPage(next);
      setPage(1);
    },
  };
}
