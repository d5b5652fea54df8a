import { randomBytes } from 'node:crypto';
import { newId } from '../../crypto/ids.ts';
import { decodeBase32Secret, encodeBase32Secret } from '../../crypto/totp.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../errors.ts';
import type { CredentialProvider } from '../credential/credential-provider.ts';
import type { UserRecord } from '../identity/identity-driver.ts';
import type { PasswordPolicy } from '../identity/password-policy.ts';
import type { ServiceContext } from '../service-context.ts';
import type { Store } from '../store.ts';
import type { RecoveryCodes } from './recovery-codes.ts';
import type { SecondFactors } from './second-factor.ts';

/** The rules self-service enrolment sets: password and passcode, or an application credential alone (automation). */
export const SELF_SERVICE_MFA_RULES = [['password', 'totp'], ['application_credential']];
/** How long an enrolment waits for its first passcode. */
const ENROLMENT_SECONDS = 600;
/** 160 bits, RFC 4226's recommended secret size: 32 base32 characters. */
const SECRET_BYTES = 20;
const ISSUER = 'Xloud';

export interface MfaStatus {
  enabled: boolean;
  totpCredentials: number;
  recoveryCodesRemaining: number;
  pendingEnrolment: boolean;
  rules: unknown[];
}

export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
  expiresAt: Date;
}

/** How a user proves the second factor to change it: a current passcode, or (to disable) a recovery code. */
export type MfaProof = { passcode: string } | { recoveryCode: string };

/**
 * The authenticator URI (Google Authenticator's Key Uri Format): label `Xloud:user@domain`, every part
 * percent-encoded, so a name with spaces or `:` cannot break it.
 */
function otpauthUri(secret: string, userName: string, domainName: string): string {
  const label = `${encodeURIComponent(ISSUER)}:${encodeURIComponent(userName)}%40${encodeURIComponent(domainName)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${ISSUER}&algorithm=SHA1&digits=6&period=30`;
}

/** Keystone's 401 body, the same for a wrong, expired, reused or malformed passcode. */
const refused = (why: string) => new UnauthorizedError(undefined, why);

/**
 * OS-XLOUD self-service two-factor: a user enrols a TOTP authenticator, proves it with a passcode, and gets the
 * `totp` credential, the rules [[password, totp], [application_credential]] and ten recovery codes; a passcode
 * or a recovery code turns it off again; an administrator can reset it. The TOTP secret exists in clear only
 * in the enrolment response; at rest it is encrypted with the credential keys, as credential blobs are.
 */
export class SelfServiceMfa {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly provider: CredentialProvider,
    private readonly secondFactors: SecondFactors,
    private readonly recoveryCodes: RecoveryCodes,
    private readonly passwords: PasswordPolicy,
    /** [auth] methods: enrolment needs totp among them, or its rule could never be met. */
    private readonly methods: readonly string[],
  ) {}

  async status(user: UserRecord): Promise<MfaStatus> {
    const store = this.ctx.store;
    const [enrolment, pending, totp, remaining] = await Promise.all([
      store.secondFactors.getEnrolment(user.id),
      this.openPending(user.id),
      store.credentials.listCredentials({ userId: user.id, type: 'totp' }),
      this.recoveryCodes.remaining(store, user.id),
    ]);
    const rules = user.options.multi_factor_auth_rules;
    return {
      enabled: enrolment !== undefined,
      totpCredentials: totp.length,
      recoveryCodesRemaining: remaining,
      pendingEnrolment: pending !== undefined,
      rules: user.options.multi_factor_auth_enabled !== false && Array.isArray(rules) ? rules : [],
    };
  }

  /** A new secret to put in an authenticator; replaces a pending one. 409 when two-factor is already on. */
  async enrol(user: UserRecord, domainName: string): Promise<MfaEnrolment> {
    if (!this.methods.includes('totp')) {
      throw new ForbiddenError(
        'Two-factor authentication is not available: this server does not accept the totp authentication method.',
      );
    }
    if (await this.ctx.store.secondFactors.getEnrolment(user.id))
      throw new ConflictError('Two-factor authentication is already enabled for this user; disable it first.');
    const secret = encodeBase32Secret(randomBytes(SECRET_BYTES));
    const expiresAt = new Date(this.ctx.clock.now().getTime() + ENROLMENT_SECONDS * 1000);
    const { encryptedBlob, keyHash } = this.provider.encrypt(secret);
    await this.ctx.store.secondFactors.putPendingEnrolment({
      userId: user.id,
      encryptedSecret: encryptedBlob,
      keyHash,
      expiresAt: expiresAt.toISOString(),
    });
    return { secret, otpauthUri: otpauthUri(secret, user.name, domainName), expiresAt };
  }

  /**
   * The first passcode of the pending secret switches two-factor on: the `totp` credential, the user options,
   * the recovery codes (returned, shown this once). A wrong passcode changes nothing (401).
   */
  async verify(user: UserRecord, passcode: string): Promise<string[]> {
    const pending = await this.openPending(user.id);
    if (!pending) {
      throw new NotFoundError(
        `No pending two-factor enrolment for user ${user.id}: enrol first (an enrolment expires after ${ENROLMENT_SECONDS / 60} minutes).`,
      );
    }
    await this.checked(user, () => this.secondFactors.verifyTotpWithKey(user.id, pending.key, passcode));
    const now = this.ctx.clock.now().toISOString();
    const credentialId = newId();
    const { codes, records } = this.recoveryCodes.generate(user.id);
    await this.ctx.store.transaction(async (store) => {
      // Whoever removes the pending enrolment activates it: two concurrent verifies cannot both.
      if (!(await store.secondFactors.deletePendingEnrolment(user.id)))
        throw new NotFoundError(`No pending two-factor enrolment for user ${user.id}: enrol first.`);
      if (await store.secondFactors.getEnrolment(user.id))
        throw new ConflictError('Two-factor authentication is already enabled for this user; disable it first.');
      await store.credentials.createCredential({
        id: credentialId,
        userId: user.id,
        projectId: null,
        type: 'totp',
        ...this.provider.encrypt(pending.secret),
        extra: {},
      });
      await store.secondFactors.createEnrolment({ userId: user.id, credentialId, enabledAt: now });
      await store.secondFactors.replaceRecoveryCodes(user.id, records);
      await this.setOptions(store, user, {
        multi_factor_auth_enabled: true,
        multi_factor_auth_rules: SELF_SERVICE_MFA_RULES,
      });
    });
    this.changed('created', credentialId, user.id);
    return codes;
  }

  /** New recovery codes for a current passcode; the old ones stop working. */
  async regenerateRecoveryCodes(user: UserRecord, passcode: string): Promise<string[]> {
    await this.requireEnrolment(user.id);
    await this.checked(user, () => this.secondFactors.verifyTotp(user.id, passcode));
    const { codes, records } = this.recoveryCodes.generate(user.id);
    await this.ctx.store.transaction((store) => store.secondFactors.replaceRecoveryCodes(user.id, records));
    this.ctx.audit.resource('updated', 'user', user.id);
    return codes;
  }

  /** Turns self-service two-factor off, for a current passcode or an unused recovery code. */
  async disable(user: UserRecord, proof: MfaProof): Promise<void> {
    await this.requireEnrolment(user.id);
    await this.checked(user, () =>
      'passcode' in proof
        ? this.secondFactors.verifyTotp(user.id, proof.passcode)
        : this.recoveryCodes.consume(this.ctx.store, user.id, proof.recoveryCode),
    );
    await this.tearDown(user);
  }

  /** An administrator's reset, for a user who lost their authenticator: as disable, without a proof. */
  async reset(user: UserRecord): Promise<void> {
    await this.tearDown(user);
  }

  /** `credential migrate`: re-encrypts pending secrets and re-seals recovery codes under the primary key. */
  async reencryptWithPrimaryKey(): Promise<number> {
    const store = this.ctx.store;
    const primary = this.provider.primaryKeyHash();
    let count = 0;
    for (const pending of await store.secondFactors.listPendingEnrolments()) {
      if (pending.keyHash === primary) continue;
      const { encryptedBlob, keyHash } = this.provider.encrypt(this.provider.decrypt(pending.encryptedSecret));
      await store.secondFactors.updatePendingEnrolmentSecret(pending.userId, encryptedBlob, keyHash);
      count += 1;
    }
    return count + (await this.recoveryCodes.resealWithPrimaryKey(store));
  }

  /** True when nothing of self-service two-factor is encrypted with an older credential key. */
  async allEncryptedWithPrimaryKey(): Promise<boolean> {
    const store = this.ctx.store;
    const primary = this.provider.primaryKeyHash();
    const pending = await store.secondFactors.listPendingEnrolments();
    return pending.every((p) => p.keyHash === primary) && (await this.recoveryCodes.allSealedWithPrimaryKey(store));
  }

  private async tearDown(user: UserRecord): Promise<void> {
    let credentialId: string | undefined;
    await this.ctx.store.transaction(async (store) => {
      const enrolment = await store.secondFactors.getEnrolment(user.id);
      if (enrolment && (await store.credentials.getCredential(enrolment.credentialId))) {
        credentialId = enrolment.credentialId;
        await store.credentials.deleteCredential(enrolment.credentialId);
      }
      await store.secondFactors.deleteEnrolment(user.id);
      await store.secondFactors.deletePendingEnrolment(user.id);
      await store.secondFactors.replaceRecoveryCodes(user.id, []);
      await this.setOptions(store, user, { multi_factor_auth_enabled: false, multi_factor_auth_rules: null });
    });
    this.changed('deleted', credentialId, user.id);
  }

  /** The pending enrolment's secret, unless there is none, it expired, or no credential key opens it any more. */
  private async openPending(userId: string): Promise<{ secret: string; key: Buffer } | undefined> {
    const pending = await this.ctx.store.secondFactors.getPendingEnrolment(userId);
    if (!pending || Date.parse(pending.expiresAt) <= this.ctx.clock.now().getTime()) return undefined;
    let secret: string;
    try {
      secret = this.provider.decrypt(pending.encryptedSecret);
    } catch {
      return undefined;
    }
    const key = decodeBase32Secret(secret);
    return key && { secret, key };
  }

  private async requireEnrolment(userId: string): Promise<void> {
    if (!(await this.ctx.store.secondFactors.getEnrolment(userId)))
      throw new NotFoundError(`Two-factor authentication is not enabled for user ${userId}.`);
  }

  /**
   * Runs a second-factor check; 401 when it fails. As at sign-in, a wrong passcode or code counts toward the
   * [security_compliance] lockout (so a stolen token cannot try all million passcodes), a right one clears it.
   */
  private async checked(user: UserRecord, check: () => Promise<boolean>): Promise<void> {
    const lockout = this.passwords.lockout;
    const counts = lockout !== undefined && user.options.ignore_lockout_failure_attempts !== true;
    if (counts) {
      const now = this.ctx.clock.now();
      const claimed = await this.ctx.store.identity.claimPasswordAttempt(user.id, {
        attempts: lockout.attempts,
        expiredBefore: new Date(now.getTime() - lockout.durationSeconds * 1000).toISOString(),
        now: now.toISOString(),
      });
      if (!claimed) throw refused(`The account is locked for user: ${user.id}.`);
    }
    if (!(await check())) throw refused('Invalid TOTP passcode or recovery code');
    if (counts || user.failedAuthCount > 0)
      await this.ctx.store.identity.updateUser(user.id, { failedAuthCount: 0, failedAuthAt: null });
  }

  /** Merges into the options as stored now (read in the transaction, so a concurrent edit is not undone). */
  private async setOptions(store: Store, user: UserRecord, patch: Record<string, unknown>): Promise<void> {
    const options = { ...((await store.identity.getUser(user.id))?.options ?? user.options) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete options[key];
      else options[key] = value;
    }
    await store.identity.updateUser(user.id, { options });
  }

  /** After a commit: validated tokens render the user's new options; the audit trail hears of it. */
  private changed(operation: 'created' | 'deleted', credentialId: string | undefined, userId: string): void {
    this.ctx.invalidateTokenCache();
    if (credentialId !== undefined) this.ctx.audit.resource(operation, 'credential', credentialId);
    this.ctx.audit.resource('updated', 'user', userId);
  }
}
