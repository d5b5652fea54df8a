import type { ReactNode } from 'react';
import type { User } from '@xloud/sdk/browser';
import { t, type MessageKey } from '../../i18n/t.ts';

/**
 * A value someone typed (a name, a job title...): always text, never markup, and laid out in its own direction so
 * right-to-left names do not scramble the text around them.
 */
export function UserText({ children, className }: { children: string; className?: string }) {
  return (
    <bdi dir="auto" className={className ? `xloud-break ${className}` : 'xloud-break'}>
      {children}
    </bdi>
  );
}

/** A value, or a muted "Not set". */
export function OptionalText({ value, fallback }: { value: unknown; fallback?: string }): ReactNode {
  if (typeof value === 'string' && value.trim() !== '') return <UserText>{value}</UserText>;
  return <span className="xloud-uc-muted">{fallback ?? t('userCenter.overview.notSet')}</span>;
}

function extra(user: User | undefined, key: string): string {
  const value = user?.[key];
  return typeof value === 'string' ? value.trim() : '';
}

/** First and last name when the profile has them, else the user name. */
export function displayName(user: User | undefined, fallback: string): string {
  const full = [extra(user, 'first_name'), extra(user, 'last_name')].filter(Boolean).join(' ');
  return full || user?.name || fallback;
}

/** The real name alone (first + last), or '' when the profile has none. */
export function realName(user: User | undefined): string {
  return [extra(user, 'first_name'), extra(user, 'last_name')].filter(Boolean).join(' ');
}

/**
 * Up to two initials of a name, by whole characters (an emoji or an accented letter is one), for the avatar.
 * Symbols that are not letters or digits are skipped, so "<b>" gives "B".
 */
export function initials(name: string): string {
  const words = name
    .split(/[\s._@-]+/)
    .map((word) => Array.from(word).filter((ch) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(ch)))
    .filter((chars) => chars.length > 0);
  const letters = words.length >= 2 ? [words[0][0], words[words.length - 1][0]] : (words[0] ?? ['?']).slice(0, 2);
  return letters.join('').toLocaleUpperCase();
}

const METHOD_LABELS: Record<string, MessageKey> = {
  password: 'userCenter.method.password',
  application_credential: 'userCenter.method.application_credential',
  totp: 'userCenter.method.totp',
  token: 'userCenter.method.token',
};

/** An authentication method in words (unknown methods as the server names them). */
export function methodLabel(method: string): string {
  const key = METHOD_LABELS[method];
  return key ? t(key) : t('userCenter.method.other', { method });
}
