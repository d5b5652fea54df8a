import type { AccessRule, ApplicationCredentialCreate } from '@xloud/sdk/browser';
import { t } from '../../i18n/t.ts';

export const RULE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RuleMethod = (typeof RULE_METHODS)[number];

export interface RuleRow {
  /** A stable React key: rows can be removed from the middle. */
  key: number;
  service: string;
  method: RuleMethod;
  path: string;
}

export interface CredentialForm {
  name: string;
  description: string;
  secret: string;
  /** yyyy-mm-dd from the date input, read as UTC. */
  expiryDate: string;
  /** hh:mm from the time input, read as UTC. */
  expiryTime: string;
  roleIds: string[];
  rules: RuleRow[];
  unrestricted: boolean;
}

export type RuleErrors = { service?: string; path?: string; duplicate?: string };

export interface FormErrors {
  name?: string;
  secret?: string;
  expiry?: string;
  roles?: string;
  rules: Record<number, RuleErrors>;
}

// The server's limits (schemas/src/application-credential.ts), checked here so the user hears about them first.
const NAME_MAX = 255;
const SERVICE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const PATH_MAX = 128;

export function emptyForm(roleIds: string[]): CredentialForm {
  return {
    name: '',
    description: '',
    secret: '',
    expiryDate: '',
    expiryTime: '',
    roleIds,
    rules: [],
    unrestricted: false,
  };
}

/** The expiry as an ISO UTC instant, undefined for "never", or null when the inputs do not make a date. */
function expiryInstant(form: Pick<CredentialForm, 'expiryDate' | 'expiryTime'>): string | undefined | null {
  if (!form.expiryDate) return form.expiryTime ? null : undefined;
  const time = form.expiryTime || '00:00';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.expiryDate) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) return null;
  const date = new Date(`${form.expiryDate}T${time.length === 5 ? `${time}:00` : time}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Every problem with the form, field by field; an empty result (see hasErrors) means it may be sent. */
export function validate(form: CredentialForm, existingNames: ReadonlySet<string>, now: Date): FormErrors {
  const errors: FormErrors = { rules: {} };
  const name = form.name.trim();
  if (!name) errors.name = t('field.required');
  else if (name.length > NAME_MAX) errors.name = t('field.tooLong', { max: NAME_MAX });
  else if (existingNames.has(name)) errors.name = t('appCreds.form.nameTaken');
  if (form.secret !== '' && form.secret.trim() === '') errors.secret = t('appCreds.form.secretBlank');

  const expiry = expiryInstant(form);
  if (expiry === null)
    errors.expiry = form.expiryDate ? t('appCreds.form.expiryInvalid') : t('appCreds.form.expiryTimeWithoutDate');
  else if (expiry !== undefined && new Date(expiry).getTime() <= now.getTime())
    errors.expiry = t('appCreds.form.expiryPast');

  if (form.roleIds.length === 0) errors.roles = t('appCreds.form.rolesNone');

  const seen = new Map<string, number>();
  form.rules.forEach((rule, index) => {
    const e: RuleErrors = {};
    if (!SERVICE_PATTERN.test(rule.service.trim())) e.service = t('appCreds.form.ruleServiceInvalid');
    if (!rule.path.startsWith('/') || rule.path.length > PATH_MAX || /\s/.test(rule.path))
      e.path = t('appCreds.form.rulePathInvalid');
    const identity = `${rule.service.trim()} ${rule.method} ${rule.path}`;
    const first = seen.get(identity);
    if (first !== undefined) e.duplicate = t('appCreds.form.ruleDuplicate', { number: first + 1 });
    else seen.set(identity, index);
    if (e.service || e.path || e.duplicate) errors.rules[rule.key] = e;
  });
  return errors;
}

export function hasErrors(errors: FormErrors): boolean {
  return Boolean(errors.name || errors.secret || errors.expiry || errors.roles || Object.keys(errors.rules).length > 0);
}

/** The create request body: only what the user set, so server defaults (generated secret, no expiry) apply. */
export function toCreateRequest(form: CredentialForm): ApplicationCredentialCreate {
  const expiry = expiryInstant(form);
  const description = form.description.trim();
  const body: ApplicationCredentialCreate = {
    name: form.name.trim(),
    roles: form.roleIds.map((id) => ({ id })),
    unrestricted: form.unrestricted,
  };
  if (description) body.description = description;
  if (form.secret) body.secret = form.secret;
  if (expiry) body.expires_at = expiry;
  if (form.rules.length > 0) {
    body.access_rules = form.rules.map(
      (r): Partial<AccessRule> => ({ service: r.service.trim(), method: r.method, path: r.path }),
    );
  }
  return body;
}
