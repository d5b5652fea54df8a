import { createHmac } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { openFernetToken, sealFernetToken, type FernetKey } from '../../token/providers/fernet/fernet-envelope.ts';
import type { RepositoryKey } from '../../token/providers/fernet/key-repository.ts';
import { repositoryKeys, type KeyRepository } from '../../token/providers/fernet/key-source.ts';

/** What the console cookie carries; page JavaScript never sees it. */
export interface ConsoleSession {
  /** The Keystone token the proxy sends as X-Auth-Token. */
  token: string;
  /** The value X-CSRF-Token must carry on state-changing calls. */
  csrf: string;
  /** Milliseconds since the epoch of the last proxied API call (or sign-in / rescope). */
  lastActivity: number;
  /** Milliseconds since the epoch when the token expires: the cookie's Expires. */
  expiresAt: number;
}

/**
 * Cookie keys are derived from each token key rather than used as they are, so a sealed session can never
 * be taken for a token (or a token for a session) even though both come from the same repository.
 */
const DERIVATION_LABEL = 'xloud-console-session-v1';

/** A Fernet token can't hold more than a cookie may; anything longer is not ours. */
const MAX_SEALED_LENGTH = 4096;

/**
 * Seals console sessions as Fernet tokens under keys derived from `[fernet_tokens] key_repository`:
 * every node sharing the keys opens every node's cookies, and a key rotation keeps existing sessions
 * (all active keys are tried, the primary seals).
 */
export class SessionSealer {
  private readonly derived = new WeakMap<RepositoryKey, FernetKey>();

  constructor(
    private readonly keyRepository: KeyRepository,
    private readonly clock: Clock,
  ) {}

  seal(session: ConsoleSession): string {
    const [primary] = this.keys();
    const { token, csrf, lastActivity, expiresAt } = session;
    const plaintext = Buffer.from(JSON.stringify({ token, csrf, last_activity: lastActivity, expires_at: expiresAt }));
    return sealFernetToken(primary!, plaintext, { issuedAtSeconds: Math.floor(this.clock.now().getTime() / 1000) });
  }

  /** The session in a cookie value, or undefined for anything not sealed by us (garbage, old keys, tampering). */
  open(sealed: string): ConsoleSession | undefined {
    if (sealed.length === 0 || sealed.length > MAX_SEALED_LENGTH) return undefined;
    let plaintext: Buffer;
    try {
      plaintext = openFernetToken(this.keys(), sealed).plaintext;
    } catch {
      return undefined;
    }
    return parseSession(plaintext.toString('utf8'));
  }

  private keys(): FernetKey[] {
    return repositoryKeys(this.keyRepository).map((key) => {
      let derived = this.derived.get(key);
      if (!derived) {
        const raw = createHmac('sha256', Buffer.concat([key.signingKey, key.encryptionKey]))
          .update(DERIVATION_LABEL)
          .digest();
        derived = { signingKey: raw.subarray(0, 16), encryptionKey: raw.subarray(16, 32) };
        this.derived.set(key, derived);
      }
      return derived;
    });
  }
}

function parseSession(text: string): ConsoleSession | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { token, csrf, last_activity: lastActivity, expires_at: expiresAt } = value as Record<string, unknown>;
  if (typeof token !== 'string' || token.length === 0) return undefined;
  if (typeof csrf !== 'string' || csrf.length === 0) return undefined;
  if (typeof lastActivity !== 'number' || !Number.isSafeInteger(lastActivity)) return undefined;
  if (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt)) return undefined;
  return { token, csrf, lastActivity, expiresAt };
}
