import { t } from '../../../i18n/t.ts';

/** Field errors by field name; empty when the form may be submitted. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** A required name of at most `max` characters that is not only white space (Keystone's `[\S]+`). */
export function nameError(value: string, max: number): string | undefined {
  if (value.trim().length === 0) return t('field.required');
  if ([...value].length > max) return t('field.tooLong', { max });
  return undefined;
}

export function optionalLengthError(value: string, max: number): string | undefined {
  return [...value].length > max ? t('field.tooLong', { max }) : undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailError(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  if (!EMAIL.test(value.trim())) return t('admin.field.emailInvalid');
  return optionalLengthError(value, 255);
}

export function passwordErrors(
  password: string,
  confirm: string,
  required: boolean,
): { password?: string; confirm?: string } {
  if (password === '' && !required) return confirm === '' ? {} : { confirm: t('admin.field.passwordsDiffer') };
  if (password === '') return { password: t('field.required') };
  if (password !== confirm) return { confirm: t('admin.field.passwordsDiffer') };
  return {};
}

/** Keystone's project tags: at most 80, each 1–255 characters without `,` or `/`, no duplicates. */
export function parseTags(text: string): { tags: string[]; error?: string } {
  const tags = text
    .split(/[\n,]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  const unique = [...new Set(tags)];
  if (unique.length > 80) return { tags: unique, error: t('admin.field.tagsTooMany') };
  const bad = unique.find((tag) => tag.includes('/') || [...tag].length > 255);
  if (bad !== undefined) return { tags: unique, error: t('admin.field.tagInvalid', { tag: bad }) };
  return { tags: unique };
}
