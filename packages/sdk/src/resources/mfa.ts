import type { Session } from '../session.ts';
import type { CallOptions } from './collection.ts';
import type { MfaDisableProof, MfaEnrolment, MfaStatus } from './types.ts';

const mfaPath = (userId: string, tail = '') => `/users/${encodeURIComponent(userId)}/OS-XLOUD/mfa${tail}`;

/**
 * Self-service two-factor authentication (Xloud extension, `/v3/users/{user_id}/OS-XLOUD/mfa`): enrol a TOTP
 * authenticator, verify it with a passcode (which switches two-factor on and returns ten one-time recovery
 * codes), regenerate the codes, disable it; an administrator can read the state and reset it. The user
 * themself calls every method but `reset`. A wrong passcode or code is an `UnauthorizedError` (401) that
 * changes nothing; these calls never re-authenticate and retry on a 401.
 *
 * @example
 * ```ts
 * const me = (await identity.tokens.issue()).userId;
 * const { secret, otpauth_uri } = await identity.mfa.enrol(me);
 * // … the user scans otpauth_uri (or types secret) into an authenticator app …
 * const codes = await identity.mfa.verify(me, '123456'); // store these somewhere safe
 * ```
 */
export class Mfa {
  constructor(private readonly session: Session) {}

  /**
   * The user's two-factor state (GET .../mfa): on or off, TOTP credentials, recovery codes left, whether an
   * enrolment is pending, the rules. For the user themself and administrators.
   *
   * @example
   * ```ts
   * const { enabled, recovery_codes_remaining } = await identity.mfa.status(userId);
   * ```
   */
  async status(userId: string, options?: CallOptions): Promise<MfaStatus> {
    const res = await this.session.request<{ mfa: MfaStatus }>(mfaPath(userId), { signal: options?.signal });
    return res.body.mfa;
  }

  /**
   * Starts an enrolment (POST .../mfa/enrol): a new TOTP secret and its `otpauth://` URI, valid ten minutes;
   * replaces a pending enrolment. A `ConflictError` (409) when two-factor is already on.
   *
   * @example
   * ```ts
   * const { secret, otpauth_uri, expires_at } = await identity.mfa.enrol(userId);
   * ```
   */
  async enrol(userId: string, options?: CallOptions): Promise<MfaEnrolment> {
    const res = await this.session.request<{ mfa_enrolment: MfaEnrolment }>(mfaPath(userId, '/enrol'), {
      method: 'POST',
      body: {},
      retryOn401: false,
      signal: options?.signal,
    });
    return res.body.mfa_enrolment;
  }

  /**
   * Completes the enrolment with a current passcode (POST .../mfa/verify): two-factor is on from now on. Returns
   * the ten recovery codes — shown this once, each works once in place of a passcode.
   *
   * @example
   * ```ts
   * const recoveryCodes: string[] = await identity.mfa.verify(userId, '492039');
   * ```
   */
  async verify(userId: string, passcode: string, options?: CallOptions): Promise<string[]> {
    const res = await this.session.request<{ mfa: { enabled: true; recovery_codes: string[] } }>(
      mfaPath(userId, '/verify'),
      { method: 'POST', body: { mfa: { passcode } }, retryOn401: false, signal: options?.signal },
    );
    return res.body.mfa.recovery_codes;
  }

  /**
   * Ten new recovery codes for a current passcode (POST .../mfa/recovery-codes); the old ones stop working.
   *
   * @example
   * ```ts
   * const fresh = await identity.mfa.regenerateRecoveryCodes(userId, '118260');
   * ```
   */
  async regenerateRecoveryCodes(userId: string, passcode: string, options?: CallOptions): Promise<string[]> {
    const res = await this.session.request<{ mfa: { recovery_codes: string[] } }>(mfaPath(userId, '/recovery-codes'), {
      method: 'POST',
      body: { mfa: { passcode } },
      retryOn401: false,
      signal: options?.signal,
    });
    return res.body.mfa.recovery_codes;
  }

  /**
   * Turns two-factor off (DELETE .../mfa) with a current passcode or an unused recovery code: the TOTP credential
   * the enrolment made, the recovery codes and the rules go.
   *
   * @example
   * ```ts
   * await identity.mfa.disable(userId, { passcode: '734001' });
   * await identity.mfa.disable(otherUserId, { recoveryCode: 'k7qm-2xza-h9tp' });
   * ```
   */
  async disable(userId: string, proof: MfaDisableProof, options?: CallOptions): Promise<void> {
    const mfa = 'passcode' in proof ? { passcode: proof.passcode } : { recovery_code: proof.recoveryCode };
    await this.session.request(mfaPath(userId), {
      method: 'DELETE',
      body: { mfa },
      retryOn401: false,
      signal: options?.signal,
    });
  }

  /**
   * An administrator's reset (POST .../mfa/reset) for a user who lost their authenticator: as `disable`, without
   * a passcode (`identity:xloud_reset_mfa`, by default as `identity:update_user`).
   *
   * @example
   * ```ts
   * await identity.mfa.reset(userId);
   * ```
   */
  async reset(userId: string, options?: CallOptions): Promise<void> {
    await this.session.request(mfaPath(userId, '/reset'), { method: 'POST', body: {}, signal: options?.signal });
  }
}
