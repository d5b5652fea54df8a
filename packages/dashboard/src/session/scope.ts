import type { TokenData } from '@xloud/sdk/browser';
import { t } from '../i18n/t.ts';

/** A stable key of the token's scope, for caches that depend on it. */
export function scopeKey(token: TokenData): string {
  if (token.project) return `project:${token.project.id}`;
  if (token.domain) return `domain:${token.domain.id}`;
  if (token.system) return 'system';
  return 'unscoped';
}

export function scopeLabel(token: TokenData): string {
  if (token.project) return t('scope.project', { name: token.project.name });
  if (token.domain) return t('scope.domain', { name: token.domain.name ?? token.domain.id });
  if (token.system) return t('scope.system');
  return t('scope.unscoped');
}
