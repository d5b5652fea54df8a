import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { t } from '../../../i18n/t.ts';
import { listRoles } from './api.ts';
import { SelectField } from './fields.tsx';

export function useRoles() {
  return useQuery({ queryKey: ['roles', 'all'], queryFn: listRoles, staleTime: 60_000 });
}

/** A role, chosen from the (short) list of roles; `member` is preselected when it exists. */
export function RoleSelect({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label?: string;
  value: string;
  onChange(roleId: string): void;
  error?: string;
}) {
  const roles = useRoles();
  const list = roles.data ?? [];
  useEffect(() => {
    if (value || list.length === 0) return;
    const preferred = list.find((r) => r.name === 'member') ?? list[0];
    if (preferred) onChange(preferred.id);
  }, [value, list, onChange]);
  const choices = list.map((r) => ({
    value: r.id,
    label: r.domain_id ? t('admin.roles.domainRole', { name: r.name }) : r.name,
  }));
  if (choices.length === 0) choices.push({ value: '', label: roles.isLoading ? t('state.loading') : t('value.none') });
  return (
    <SelectField
      id={id}
      label={label ?? t('admin.field.role')}
      value={value}
      onChange={onChange}
      choices={choices}
      error={error}
      isRequired
    />
  );
}
