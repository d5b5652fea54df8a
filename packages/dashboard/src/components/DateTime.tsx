import { Tooltip } from '@patternfly/react-core';
import { t } from '../i18n/t.ts';

const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Keystone's times are UTC without a zone marker: read them as UTC. */
export function parseApiTime(value: string): Date {
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  return new Date(iso.replace(/(\.\d{3})\d+/, '$1'));
}

/** A time in the user's locale, with the exact UTC time on hover and focus. */
export function DateTime({ value, fallback }: { value: string | null | undefined; fallback?: string }) {
  if (!value) return <>{fallback ?? t('value.never')}</>;
  const date = parseApiTime(value);
  if (Number.isNaN(date.getTime())) return <>{value}</>;
  const utc = date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return (
    <Tooltip content={t('time.utc', { iso: utc })}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so that keyboard users get the UTC tooltip too */}
      <time dateTime={date.toISOString()} tabIndex={0}>
        {formatter.format(date)}
      </time>
    </Tooltip>
  );
}
