import type { User, UserProfile } from '@xloud/sdk/browser';
import { t, type MessageKey } from '../../i18n/t.ts';

/** The editable fields of PATCH /v3/OS-XLOUD/users/{id}/profile, in form order. */
export const PROFILE_FIELDS = [
  'email',
  'description',
  'default_project_id',
  'first_name',
  'last_name',
  'phone',
  'job_title',
  'department',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileValues = Record<ProfileField, string>;

/** The server's limits (docs/console.md); the form refuses longer values before sending. */
export const PROFILE_MAX_LENGTH: Partial<Record<ProfileField, number>> = {
  first_name: 64,
  last_name: 64,
  phone: 20,
  job_title: 128,
  department: 128,
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** How people write phone numbers: an optional leading +, then digits, spaces and ( ) - . — with at least 3 digits. */
const PHONE = /^\+?[0-9 ().-]+$/;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The form's starting values: the user's attributes and extra attributes as GET /v3/users/{id} returns them. */
export function profileValues(user: User): ProfileValues {
  return Object.fromEntries(PROFILE_FIELDS.map((field) => [field, text(user[field])])) as ProfileValues;
}

/** A field's problem in words, or undefined when it is fine. */
function validateField(field: ProfileField, raw: string): string | undefined {
  const value = raw.trim();
  const max = PROFILE_MAX_LENGTH[field];
  if (max !== undefined && [...value].length > max) return t('field.tooLong', { max });
  if (value === '') return undefined;
  if (field === 'email' && !EMAIL.test(value)) return t('userCenter.profile.invalidEmail');
  if (field === 'phone' && (!PHONE.test(value) || (value.match(/\d/g) ?? []).length < 3))
    return t('userCenter.profile.invalidPhone');
  return undefined;
}

/**
 * The problems of the fields the user changed. A value set earlier by an administrator that the form would not
 * accept (Keystone does not check email addresses) does not block saving the other fields.
 */
export function validateProfile(initial: ProfileValues, values: ProfileValues): Partial<Record<ProfileField, string>> {
  const errors: Partial<Record<ProfileField, string>> = {};
  for (const field of PROFILE_FIELDS) {
    if (values[field].trim() === initial[field].trim()) continue;
    const error = validateField(field, values[field]);
    if (error) errors[field] = error;
  }
  return errors;
}

/**
 * Only what changed, trimmed; a field emptied is `null`, which removes it on the server. An empty object means
 * there is nothing to save.
 */
export function profileChanges(initial: ProfileValues, values: ProfileValues): UserProfile {
  const changes: UserProfile = {};
  for (const field of PROFILE_FIELDS) {
    const before = initial[field].trim();
    const after = values[field].trim();
    if (before !== after) changes[field] = after === '' ? null : after;
  }
  return changes;
}

/** The message key of each field's label. */
export const PROFILE_LABELS: Record<ProfileField, MessageKey> = {
  email: 'userCenter.profile.email',
  description: 'userCenter.profile.description',
  default_project_id: 'userCenter.profile.defaultProject',
  first_name: 'userCenter.profile.firstName',
  last_name: 'userCenter.profile.lastName',
  phone: 'userCenter.profile.phone',
  job_title: 'userCenter.profile.jobTitle',
  department: 'userCenter.profile.department',
};
