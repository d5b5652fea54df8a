import {
  Button,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  Spinner,
  TextInput,
} from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../api/errors.ts';
import { identity } from '../../../api/identity.ts';
import { t } from '../../../i18n/t.ts';
import { fetchPage, looksLikeId, nameFilter, type NamedCollection } from './api.ts';

export interface PickedEntity {
  id: string;
  name: string;
  domain_id?: string | null;
}

const RESULTS = 8;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const HELP = {
  users: 'admin.picker.helpUsers',
  groups: 'admin.picker.helpGroups',
  projects: 'admin.picker.helpProjects',
  domains: 'admin.picker.helpDomains',
} as const;

/**
 * Picks a user, group, project or domain by searching the server by name (part of the name when the server
 * supports `name__icontains`, else the whole name; an id works too). Never lists the whole collection.
 */
export function EntityPicker({
  id,
  kind,
  label,
  value,
  onChange,
  domainId,
  error,
  isRequired,
}: {
  id: string;
  kind: NamedCollection;
  label: string;
  value: PickedEntity | null;
  onChange(value: PickedEntity | null): void;
  domainId?: string;
  error?: string;
  isRequired?: boolean;
}) {
  const [term, setTerm] = useState('');
  const search = useDebounced(term.trim(), 300);
  const changeRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [justPicked, setJustPicked] = useState(false);
  const results = useQuery({
    queryKey: ['picker', kind, domainId ?? null, search],
    enabled: Boolean(search) && !value,
    queryFn: async () => {
      const page = await fetchPage<PickedEntity>(kind, { ...nameFilter(search), domain_id: domainId }, RESULTS);
      let items = page.items;
      if (looksLikeId(search) && !items.some((item) => item.id === search)) {
        try {
          const byId = (await (identity[kind] as unknown as { get(id: string): Promise<PickedEntity> }).get(
            search,
          )) as PickedEntity;
          items = [byId, ...items];
        } catch {
          // not an id after all
        }
      }
      return { items, more: Boolean(page.nextMarker) };
    },
    staleTime: 5_000,
  });

  useEffect(() => {
    if (!justPicked) return;
    if (value) changeRef.current?.focus();
    else inputRef.current?.focus();
    setJustPicked(false);
  }, [justPicked, value]);

  const pick = (entity: PickedEntity | null) => {
    onChange(entity);
    setJustPicked(true);
    if (entity) setTerm('');
  };

  const helpId = `${id}-helper`;
  if (value) {
    return (
      <FormGroup label={label} isRequired={isRequired} fieldId={`${id}-group`} role="group">
        <div className="xloud-adm-picked">
          <Label color="blue" data-testid={`${id}-picked`}>
            <span className="xloud-break">{value.name}</span>
          </Label>
          <span className="xloud-adm-muted xloud-break">{value.id}</span>
          <Button
            id={`${id}-change`}
            ref={changeRef}
            variant="link"
            isInline
            onClick={() => pick(null)}
            aria-label={t('admin.picker.changeLabel', { label })}
          >
            {t('admin.picker.change')}
          </Button>
        </div>
      </FormGroup>
    );
  }
  const items = results.data?.items ?? [];
  return (
    <FormGroup label={label} isRequired={isRequired} fieldId={id}>
      <TextInput
        id={id}
        ref={inputRef}
        type="search"
        value={term}
        onChange={(_event, v) => setTerm(v)}
        onKeyDown={(event) => {
          // Enter picks the only match instead of submitting the dialog's form.
          if (event.key === 'Enter') {
            event.preventDefault();
            if (items.length === 1) pick(items[0]!);
          }
        }}
        autoComplete="off"
        validated={error ? 'error' : 'default'}
        aria-invalid={error ? true : undefined}
        aria-describedby={helpId}
        data-testid={`${id}-search`}
      />
      <FormHelperText>
        <HelperText id={helpId}>
          <HelperTextItem variant={error ? 'error' : 'default'}>{error ?? t(HELP[kind])}</HelperTextItem>
        </HelperText>
      </FormHelperText>
      <div className="xloud-adm-picker-results" aria-live="polite">
        {results.isFetching ? <Spinner size="md" aria-label={t('state.loading')} /> : null}
        {results.isError ? <span className="xloud-adm-error-text">{errorMessage(results.error)}</span> : null}
        {search && results.isSuccess && items.length === 0 ? (
          <span>{t('admin.picker.noMatch', { term: search })}</span>
        ) : null}
        {items.length > 0 ? (
          <ul className="xloud-adm-picker-list" aria-label={t('admin.picker.results', { label })}>
            {items.map((item) => (
              <li key={item.id}>
                <Button variant="secondary" isBlock onClick={() => pick(item)} data-testid="picker-option">
                  <span className="xloud-break">{item.name}</span>
                  <span className="xloud-adm-muted xloud-break"> {item.id}</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        {results.data?.more ? <span className="xloud-adm-muted">{t('admin.picker.more')}</span> : null}
      </div>
    </FormGroup>
  );
}
