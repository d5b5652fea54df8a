import type { QueryKey } from '@tanstack/react-query';
import { fetchPage, nameFilter, type NamedCollection, type Query } from './api.ts';
import { usePagedList } from './paging.ts';

/**
 * One collection a page at a time (limit/marker), with the given filters and, when there is a search term, the
 * server's name search (part of a name, any case). A new term or filter
 * goes back to the first page.
 */
export function useEntityPages<T>(
  kind: NamedCollection,
  queryKey: QueryKey,
  { search = '', filters = {} }: { search?: string; filters?: Query } = {},
) {
  return usePagedList<T>({
    queryKey,
    resetKey: JSON.stringify([search, filters]),
    fetchPage: async (limit, marker) => fetchPage<T>(kind, { ...nameFilter(search), ...filters }, limit, marker),
  });
}
