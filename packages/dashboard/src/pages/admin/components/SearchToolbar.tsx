import { Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import type { QueryKey } from '@tanstack/react-query';
import { DomainFilter } from './DomainSelect.tsx';
import { SearchBox } from './SearchBox.tsx';
import { useEntityPages } from './useEntityPages.ts';
import { useUrlParam } from './useUrlParam.ts';

/**
 * A list searched by name and filtered by domain, both kept in the address (?q=…&domain=…), a page at a time
 * from the server.
 */
export function useSearchableList<T>(kind: 'users' | 'groups', queryKey: QueryKey) {
  const [search, setSearch] = useUrlParam('q');
  const [domain, setDomain] = useUrlParam('domain');
  const list = useEntityPages<T>(kind, queryKey, { search, filters: { domain_id: domain || undefined } });
  return { ...list, kind, search, setSearch, domain, setDomain };
}

export type SearchableList<T> = ReturnType<typeof useSearchableList<T>>;

/** The toolbar of such a list: the name search, and the domain filter for whoever may choose a domain. */
export function SearchToolbar<T>({ list, label }: { list: SearchableList<T>; label: string }) {
  return (
    <Toolbar>
      <ToolbarContent>
        <ToolbarItem>
          <SearchBox label={label} value={list.search} onSearch={list.setSearch} />
        </ToolbarItem>
        <ToolbarItem>
          <DomainFilter id={`${list.kind}-domain`} value={list.domain} onChange={list.setDomain} />
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}
