import { Button, TextInput } from '@patternfly/react-core';
import { SearchIcon } from '@patternfly/react-icons/dist/esm/icons/search-icon.js';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { t } from '../../../i18n/t.ts';
import { nameMatch, type NamedCollection } from './api.ts';

/**
 * Server-side name search: the term goes to the API (`name__icontains`, or the exact `name` on servers without
 * it) when the user submits; nothing is filtered in the browser.
 */
export function SearchBox({ kind, label, value, onSearch }: { kind: NamedCollection; label: string; value: string; onSearch(term: string): void }) {
  const [text, setText] = useState(value);
  const hintId = useId();
  useEffect(() => setText(value), [value]);
  const match = useQuery({ queryKey: ['name-match', kind], queryFn: () => nameMatch(kind), staleTime: Infinity });
  return (
    <form
      role="search"
      className="xloud-adm-search"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <div className="xloud-adm-search-row">
        <TextInput
          type="search"
          value={text}
          onChange={(_event, v) => setText(v)}
          aria-label={label}
          aria-describedby={hintId}
          placeholder={t('admin.search.placeholder')}
          data-testid="search-input"
        />
        <Button type="submit" variant="control" icon={<SearchIcon />} data-testid="search-submit">
          {t('action.search')}
        </Button>
        {value ? (
          <Button
            variant="link"
            onClick={() => {
              setText('');
              onSearch('');
            }}
          >
            {t('action.clear')}
          </Button>
        ) : null}
      </div>
      <span id={hintId} className="xloud-adm-muted xloud-adm-search-hint">
        {match.data === 'exact' ? t('admin.search.exactHint') : t('admin.search.containsHint')}
      </span>
    </form>
  );
}
