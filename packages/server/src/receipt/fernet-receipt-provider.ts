/*
 * Keystone's Fernet auth receipts (keystone/receipt/receipt_formatters.py): the plaintext is
 * msgpack((user_id, methods, expires_at)) — no version byte, unlike tokens — sealed with the keys of
 * [fernet_receipts] key_repository. Checked against Keystone's own formatter by test/interop/receipt-interop.test.ts.
 */
import { decode as decodeMsgpack } from '@msgpack/msgpack';
import { AuthMethodBitmask } from '../token/providers/fernet/auth-method-bitmask.ts';
import { expiryToFloatSeconds, floatSecondsToExpiry } from '../token/providers/fernet/expiry-seconds.ts';
import { fernetTokenBytes, openFernetToken, sealFernetToken } from '../token/providers/fernet/fernet-envelope.ts';
import { repositoryKeys, type KeyRepository } from '../token/providers/fernet/key-source.ts';
import { packId, unpackId } from '../token/providers/fernet/packed-id.ts';
import { packLikePython, PyFloat } from '../token/providers/fernet/python-msgpack.ts';

/** What a receipt says: this user already proved these methods, until expiresAt. */
export interface ReceiptPayload {
  userId: string;
  methods: string[];
  expiresAt: Date;
}

export interface DecodedReceipt extends ReceiptPayload {
  issuedAt: Date;
}

export interface FernetReceiptProviderOptions {
  /** `[fernet_receipts] key_repository`: a directory, or the database's keys. */
  keyRepository: KeyRepository;
  /** `[auth] methods`, in Keystone's order: the method bits are the same as in tokens. */
  methods: readonly string[];
  onWarning?: (message: string) => void;
}

export class FernetReceiptProvider {
  private readonly methodBits: AuthMethodBitmask;

  constructor(private readonly options: FernetReceiptProviderOptions) {
    this.methodBits = new AuthMethodBitmask(options.methods);
  }

  issue(payload: ReceiptPayload, issuedAt: Date): string {
    const plaintext = packLikePython([
      packId(payload.userId),
      this.methodBits.encode(payload.methods),
      new PyFloat(expiryToFloatSeconds(payload.expiresAt)),
    ]);
    const [primary] = this.keys();
    return sealFernetToken(primary, plaintext, { issuedAtSeconds: Math.floor(issuedAt.getTime() / 1000) });
  }

  /** Undefined for anything that is not a receipt sealed with our keys (Keystone: "not a recognized Fernet receipt"). */
  decode(receipt: string): DecodedReceipt | undefined {
    const keys = this.keys();
    let fields: unknown;
    let issuedAtSeconds: number;
    try {
      fernetTokenBytes(receipt);
      const opened = openFernetToken(keys, receipt);
      issuedAtSeconds = opened.issuedAtSeconds;
      fields = decodeMsgpack(opened.plaintext);
    } catch {
      return undefined;
    }
    if (!Array.isArray(fields) || fields.length !== 3) return undefined;
    const userId = unpackId(fields[0]);
    const methods = typeof fields[1] === 'number' ? this.methodBits.decode(fields[1]) : undefined;
    const expiresAt = floatSecondsToExpiry(fields[2]);
    if (userId === undefined || methods === undefined || expiresAt === undefined) return undefined;
    return { userId, methods, expiresAt, issuedAt: new Date(issuedAtSeconds * 1000) };
  }

  private keys() {
    return repositoryKeys(this.options.keyRepository, { onWarning: this.options.onWarning });
  }
}
