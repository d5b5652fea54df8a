import type { Domain } from '@xloud/sdk/browser';
import { useQuery } from '@tanstack/react-query';
import { t } from '../../../i18n/t.ts';
import { useCurrentSession } from '../../../session/SessionProvider.tsx';
import { fetchPage } from './api.ts';
import { SelectField } from './fields.tsx';
import { useAdminPermissions } from './permissions.ts';

const DOMAIN_CHOICES = 200;

/**
 * The domains a cloud admin may choose from (the first 200 by id — deployments have a handful), or nothing for
 * a domain-scoped token, whose domain the server imposes anyway.
 */
export function useDomainChoices() {
  const session = useCurrentSession();
  const permissions = useAdminPermissions(['identity:list_domains']);
  const canChoose = !session.token.domain && permissions.allowed('identity:list_domains') === true;
  const query = useQuery({
    queryKey: ['domains', 'choices'],
    queryFn: async () => (await fetchPage<Domain>('domains', {}, DOMAIN_CHOICES)).items,
    enabled: canChoose,
    staleTime: 60_000,
  });
  return { canChoose, domains: query.data ?? [], isLoading: canChoose && query.isLoading };
}

/** Which domain a list shows: all (the default for cloud admins) or one. Hidden when there is no choice. */
export function DomainFilter({ id, value, onChange }: { id: string; value: string; onChange(value: string): void }) {
  const { canChoose, domains } = useDomainChoices();
  if (!canChoose || domains.length < 2) return null;
  return (
    <SelectField
      id={id}
      label={t('admin.field.domain')}
      value={value}
      onChange={onChange}
      choices={[{ value: '', label: t('admin.domain.all') }, ...domains.map((d) => ({ value: d.id, label: d.name }))]}
    />
  );
}

/** The domain of a new object, for cloud admins; others create in their own domain. */
export function DomainField({ id, value, onChange }: { id: string; value: string; onChange(value: string): void }) {
  const { canChoose, domains } = useDomainChoices();
  if (!canChoose) return null;
  const choices = domains.map((d) => ({ value: d.id, label: d.name }));
  if (value && !choices.some((c) => c.value === value)) choices.unshift({ value, label: value });
  return (
    <SelectField
      id={id}
      label={t('admin.field.domain')}
      value={value}
      onChange={onChange}
      choices={choices}
      isRequired
    />
  );
}

/** A domain's name from the choices (or its id when the caller cannot list domains). */
export function useDomainName(): (domainId: string | null | undefined) => string {
  const session = useCurrentSession();
  const { domains } = useDomainChoices();
  return (domainId) => {
    if (!domainId) return t('value.none');
    const found = domains.find((d) => d.id === domainId);
    if (found) return found.name;
    if (session.token.domain?.id === domainId && session.token.domain.name) return session.token.domain.name;
    if (session.token.project?.domain?.id === domainId && session.token.project.domain.name)
      return session.token.project.domain.name;
    return domainId;
  };
}
