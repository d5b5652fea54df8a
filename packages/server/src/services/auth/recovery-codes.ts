import { randomInt } from 'node:crypto';
import { newId } from '../../crypto/ids.ts';
import {
  resealSecret,
  sealedWithKey,
  sealGeneratedSecret,
  verifySealedSecret,
} from '../application-credential/generated-secret-seal.ts';
import type { CredentialProvider } from '../credential/credential-provider.ts';
import type { Store } from '../store.ts';
import type { RecoveryCodeRecord } from './second-factor-driver.ts';

/** No 0/o, 1/l/i: a code is read off paper and typed back. 31 symbols, drawn uniformly (crypto.randomInt). */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const GROUPS = 3;
const GROUP_LENGTH = 4;
/** How many codes an enrolment (or a regeneration) hands out. */
export const RECOVERY_CODE_COUNT = 10;

/** One code: `xxxx-xxxx-xxxx`, 12 symbols of 31, about 59 bits. */
function generateRecoveryCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/**
 * A code as typed, in its canonical form (lower case, groups joined by `-`); undefined when it cannot be a
 * recovery code at all. Case, spaces and dashes do not matter: people copy them from paper.
 */
export function canonicalRecoveryCode(input: string): string | undefined {
  const symbols = input.toLowerCase().replace(/[\s-]/g, '');
  if (symbols.length !== GROUPS * GROUP_LENGTH || [...symbols].some((c) => !ALPHABET.includes(c))) return undefined;
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) groups.push(symbols.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH));
  return groups.join('-');
}

/**
 * One-time recovery codes of self-service two-factor. Each works once in place of a TOTP passcode.
 *
 * Stored like a server-generated application credential secret (generated-secret-seal.ts): SHA-256 of the code,
 * sealed with the primary key of the credential key repository. A code is ~59 random bits, so no slow password
 * hash is needed to stop guessing a human-chosen secret; the seal makes the row a keyed hash, so a copy of the
 * database alone neither reveals nor lets anyone brute-force the codes offline, and — unlike an HMAC under a
 * derived key — it survives credential key rotation: `xloud-manage credential migrate` re-seals the rows and
 * `credential rotate` waits until none is sealed with an older key. Verifying opens at most ten seals.
 */
export class RecoveryCodes {
  constructor(private readonly provider: CredentialProvider) {}

  /** Fresh codes for the user: the clear codes (shown once) and the rows to store. */
  generate(userId: string): { codes: string[]; records: RecoveryCodeRecord[] } {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
    const records = codes.map((code) => ({
      id: newId(),
      userId,
      sealedCode: sealGeneratedSecret(this.provider, code),
    }));
    return { codes, records };
  }

  /**
   * True when `input` is one of the user's unused codes, which it uses up (atomically: of two concurrent uses,
   * one wins). False for anything else, including a code used before.
   */
  async consume(store: Store, userId: string, input: string): Promise<boolean> {
    const code = canonicalRecoveryCode(input);
    if (code === undefined) return false;
    for (const record of await store.secondFactors.listRecoveryCodes(userId)) {
      if (verifySealedSecret(this.provider, code, record.sealedCode))
        return store.secondFactors.claimRecoveryCode(record.id);
    }
    return false;
  }

  async remaining(store: Store, userId: string): Promise<number> {
    return (await store.secondFactors.listRecoveryCodes(userId)).length;
  }

  /** True when every code is sealed with the primary credential key (so a key rotation loses none). */
  async allSealedWithPrimaryKey(store: Store): Promise<boolean> {
    const primary = this.provider.primaryKeyHash();
    return (await store.secondFactors.listRecoveryCodes()).every((r) => sealedWithKey(r.sealedCode) === primary);
  }

  /** `credential migrate`: re-seals every code not under the primary key; returns how many. */
  async resealWithPrimaryKey(store: Store): Promise<number> {
    const primary = this.provider.primaryKeyHash();
    let count = 0;
    for (const record of await store.secondFactors.listRecoveryCodes()) {
      if (sealedWithKey(record.sealedCode) === primary) continue;
      await store.secondFactors.updateRecoveryCodeSeal(record.id, resealSecret(this.provider, record.sealedCode));
      count += 1;
    }
    return count;
  }
}
