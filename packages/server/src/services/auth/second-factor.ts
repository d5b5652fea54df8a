import { createHash } from 'node:crypto';
import { matchingTotpStep, totpKeyOf } from '../../crypto/totp.ts';
import { AuthReceiptRequiredError, UnauthorizedError } from '../../errors.ts';
import { formatKeystoneTime } from '../../token/keystone-time.ts';
import type { DecodedReceipt, FernetReceiptProvider } from '../../receipt/fernet-receipt-provider.ts';
import type { CredentialService } from '../credential/credential-service.ts';
import type { UserRecord } from '../identity/identity-driver.ts';
import type { ProjectRecord } from '../resource/resource-driver.ts';
import type { ServiceContext } from '../service-context.ts';
import type { MfaRules } from './mfa-rules.ts';
import type { RecoveryCodes } from './recovery-codes.ts';

/** Keystone's receipt body (keystone/receipt/handlers.py), sent with 401 and the Openstack-Auth-Receipt header. */
type ReceiptBody = {
  receipt: {
    methods: string[];
    user: { id: string; name: string; domain: { id: string; name: string } };
    expires_at: string;
    issued_at: string;
  };
  required_auth_methods: string[][];
};

/** Keystone's ReceiptNotFound, whatever is wrong with the receipt (not ours, expired, used, another user's). */
const receiptNotFound = (receipt: string, why: string) =>
  new UnauthorizedError(`Could not find auth receipt: ${receipt}.`, `auth receipt refused: ${why}`);

const digestOf = (receipt: string) => createHash('sha256').update(receipt).digest('hex');

export interface SecondFactorSettings {
  /** [totp] included_previous_windows. */
  totpPreviousWindows: number;
  /** [receipt] expiration, seconds. */
  receiptSeconds: number;
}

/** TOTP passcodes and auth receipts: the second step of a multi-factor sign-in, each usable once. */
export class SecondFactors {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly credentials: CredentialService,
    private readonly receipts: FernetReceiptProvider,
    private readonly rules: MfaRules,
    private readonly settings: SecondFactorSettings,
    private readonly recoveryCodes: RecoveryCodes,
  ) {}

  /**
   * The totp method's `passcode`: a six-digit TOTP passcode, or (self-service two-factor) one of the user's
   * unused recovery codes, which it uses up.
   */
  async verifyPasscodeOrRecoveryCode(userId: string, passcode: string): Promise<boolean> {
    if (/^\d{6}$/.test(passcode)) return this.verifyTotp(userId, passcode);
    return this.recoveryCodes.consume(this.ctx.store, userId, passcode);
  }

  /**
   * True when the passcode is that of `key` (a secret being enrolled, not yet a credential) in the current step
   * or an allowed earlier one, and unused; its step is then used up like a sign-in's.
   */
  async verifyTotpWithKey(userId: string, key: Uint8Array, passcode: string): Promise<boolean> {
    if (!/^\d{6}$/.test(passcode)) return false;
    const now = this.ctx.clock.now().getTime();
    const step = matchingTotpStep(key, passcode, now, this.settings.totpPreviousWindows);
    return step !== undefined && this.ctx.store.secondFactors.claimTotpStep(userId, step);
  }

  /**
   * True when the passcode is that of one of the user's `totp` credentials, in the current step or an allowed
   * earlier one, and no passcode of that step or a later one was used before (here or on another node).
   */
  async verifyTotp(userId: string, passcode: string): Promise<boolean> {
    if (!/^\d{6}$/.test(passcode)) return false;
    const now = this.ctx.clock.now().getTime();
    const credentials = await this.credentials.list({ userId, type: 'totp' });
    for (const credential of credentials) {
      const key = totpKeyOf(credential.blob);
      if (key === undefined) continue;
      const step = matchingTotpStep(key, passcode, now, this.settings.totpPreviousWindows);
      if (step !== undefined) return this.ctx.store.secondFactors.claimTotpStep(userId, step);
    }
    return false;
  }

  /**
   * The methods a receipt sent with a sign-in stands for; 401 with Keystone's "Could not find auth receipt"
   * when it is not a receipt of ours, expired, or is another user's.
   */
  openReceipt(receipt: string, userId: string): DecodedReceipt {
    const decoded = this.receipts.decode(receipt);
    if (!decoded) throw receiptNotFound(receipt, 'not a receipt of ours');
    if (decoded.expiresAt.getTime() <= this.ctx.clock.now().getTime()) throw receiptNotFound(receipt, 'expired');
    if (decoded.userId !== userId) throw receiptNotFound(receipt, 'issued to another user');
    return decoded;
  }

  /**
   * Marks a receipt used, as the sign-in it completes is about to succeed; a receipt used already (here or on
   * another node) is refused like an unknown one. Expired marks are purged on the way: they refuse nothing more.
   */
  async consumeReceipt(receipt: string, decoded: DecodedReceipt): Promise<void> {
    const store = this.ctx.store.secondFactors;
    await store.purgeReceipts(this.ctx.clock.now().toISOString());
    if (!(await store.claimReceipt(digestOf(receipt), decoded.expiresAt.toISOString())))
      throw receiptNotFound(receipt, 'used already');
  }

  /** Throws AuthReceiptRequired unless the proved methods satisfy one of the user's multi-factor rules. */
  requireRules(user: Pick<UserRecord, 'id' | 'name' | 'options'>, domain: ProjectRecord, proved: string[]): void {
    if (this.rules.satisfiedBy(user.options, proved)) return;
    const issuedAt = this.ctx.clock.now();
    // Whole seconds, as Keystone's default_expire_time.
    const expiresAt = new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + this.settings.receiptSeconds * 1000);
    const receipt = this.receipts.issue({ userId: user.id, methods: proved, expiresAt }, issuedAt);
    const body: ReceiptBody = {
      receipt: {
        methods: proved,
        user: { id: user.id, name: user.name, domain: { id: domain.id, name: domain.name } },
        expires_at: formatKeystoneTime(expiresAt),
        issued_at: formatKeystoneTime(new Date(Math.floor(issuedAt.getTime() / 1000) * 1000)),
      },
      required_auth_methods: this.rules.requiredMethods(user.options, proved),
    };
    throw new AuthReceiptRequiredError(receipt, body);
  }
}
