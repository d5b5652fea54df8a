import { SessionApiError } from '../../api/console-session.ts';
import { t } from '../../i18n/t.ts';

export type SignInFailure = { kind: 'message'; text: string } | { kind: 'passwordExpired'; userId: string };

/**
 * Turns the API's refusal into what the seed's troubleshooting says. Wrong password, unknown user, disabled and
 * locked accounts all get the same words, so the page never tells whether an account exists.
 */
export function describeSignInFailure(
  error: unknown,
  method: 'password' | 'application_credential',
  project?: string,
): SignInFailure {
  const message = error instanceof SessionApiError ? error.message : '';
  const status = error instanceof SessionApiError ? error.status : undefined;
  const expired = /password is expired and needs to be changed for user: ([^\s.]+)/.exec(message);
  if (expired) return { kind: 'passwordExpired', userId: expired[1] };
  if (project && /has no access to project/.test(message))
    return { kind: 'message', text: t('signIn.noRoleOnProject', { project }) };
  if (status === 401 || status === 400) {
    return { kind: 'message', text: method === 'password' ? t('signIn.failed') : t('signIn.failedAppCred') };
  }
  if (status === 0 || status === undefined) return { kind: 'message', text: t('state.networkBody') };
  return { kind: 'message', text: message || t('state.errorTitle') };
}
