import { english, type MessageKey, type Messages } from './catalog.ts';

const translations = new Map<string, Messages>();
let active: Messages = {};

/**
 * Adds a translation (a data file of the catalog's keys) and uses it when it matches the browser's language.
 * @public the console's extension point for translations (none ships yet)
 */
export function registerTranslation(language: string, messages: Messages): void {
  translations.set(language.toLowerCase(), messages);
  selectLanguage(typeof navigator === 'undefined' ? 'en' : navigator.language);
}

export function selectLanguage(language: string): void {
  const lang = language.toLowerCase();
  active = translations.get(lang) ?? translations.get(lang.split('-')[0]) ?? {};
}

/** The message for a key, with {name} placeholders replaced (values are inserted as text, never as markup). */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template: string = active[key] ?? english[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type { MessageKey };
