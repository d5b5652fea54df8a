import { Divider, MenuToggle, Select, SelectGroup, SelectList, SelectOption } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { identity } from '../api/identity.ts';
import { errorMessage } from '../api/errors.ts';
import { t } from '../i18n/t.ts';
import { scopeKey, scopeLabel } from '../session/scope.ts';
import { useCurrentSession, useSession } from '../session/SessionProvider.tsx';

type ScopeChoice = { key: string; label: string; scope: unknown };

/**
 * The header's scope menu: projects from /v3/auth/projects, domains from /v3/auth/domains, system scope when
 * /v3/auth/system offers it. Choosing one re-scopes the session's token (token method) and keeps the page.
 */
export function ScopeSwitcher({ onError }: { onError: (message: string) => void }) {
  const session = useCurrentSession();
  const { rescope } = useSession();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const userId = session.token.user.id;
  const projects = useQuery({
    queryKey: ['auth-projects', userId],
    queryFn: () => identity.auth.projects(),
    enabled: open,
    staleTime: 30_000,
  });
  const domains = useQuery({
    queryKey: ['auth-domains', userId],
    queryFn: () => identity.auth.domains(),
    enabled: open,
    staleTime: 30_000,
  });
  const system = useQuery({
    queryKey: ['auth-system', userId],
    queryFn: () => identity.auth.system(),
    enabled: open,
    staleTime: 30_000,
  });

  const choices: Record<string, ScopeChoice> = {};
  for (const p of projects.data ?? [])
    choices[`project:${p.id}`] = { key: `project:${p.id}`, label: p.name, scope: { project: { id: p.id } } };
  for (const d of domains.data ?? [])
    choices[`domain:${d.id}`] = { key: `domain:${d.id}`, label: d.name, scope: { domain: { id: d.id } } };
  if ((system.data ?? []).length > 0)
    choices.system = { key: 'system', label: t('header.scopeSystemAll'), scope: { system: { all: true } } };

  const select = async (key: string) => {
    setOpen(false);
    const choice = choices[key];
    if (!choice || key === scopeKey(session.token)) return;
    setBusy(true);
    try {
      await rescope(choice.scope);
    } catch (error) {
      onError(t('header.scopeSwitchFailed', { message: errorMessage(error) }));
    } finally {
      setBusy(false);
    }
  };

  const group = (label: string, prefix: string) => {
    const entries = Object.values(choices).filter((c) => c.key.startsWith(prefix));
    if (entries.length === 0) return null;
    return (
      <SelectGroup label={label} key={prefix}>
        <SelectList>
          {entries.map((c) => (
            <SelectOption key={c.key} value={c.key} isSelected={c.key === scopeKey(session.token)}>
              {c.label}
            </SelectOption>
          ))}
        </SelectList>
      </SelectGroup>
    );
  };

  return (
    <Select
      isOpen={open}
      selected={scopeKey(session.token)}
      onSelect={(_event, value) => void select(String(value))}
      onOpenChange={setOpen}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen((o) => !o)}
          isExpanded={open}
          isDisabled={busy}
          aria-label={t('header.scopeLabel', { scope: scopeLabel(session.token) })}
          data-testid="scope-switcher"
        >
          {scopeLabel(session.token)}
        </MenuToggle>
      )}
      shouldFocusToggleOnSelect
    >
      {group(t('header.scopeProjects'), 'project:')}
      {domains.data && domains.data.length > 0 ? <Divider /> : null}
      {group(t('header.scopeDomains'), 'domain:')}
      {choices.system ? <Divider /> : null}
      {group(t('header.scopeSystem'), 'system')}
    </Select>
  );
}
