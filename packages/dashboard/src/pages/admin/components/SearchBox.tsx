import { Button, TextInput } from '@patternfly/react-core';
import { SearchIcon } from '@patternfly/react-icons/dist/esm/icons/search-icon.js';
import { useEffect, useId, useState } from 'react';
import { t } from '../../../i18n/t.ts';

/**
 * Server-side name search: the term goes to the API (`name__icontains`) when the user submits; nothing is filtered
 * in the browser.
 */
export function SearchBox({ label, value, onSearch }: { label: string; value: string; onSearch(term: string): void }) {
  const [text, setText] = useState(value);
  const hintId = useId();
  useEffect(() => setText(value), [value]);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <form role="search"> is the landmark ARIA documents; <search> would only wrap it
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
        {t('admin.search.containsHint')}
      </span>
    </form>
  );
}
