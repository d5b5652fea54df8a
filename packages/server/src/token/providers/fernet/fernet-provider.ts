import { TokenInvalidError } from '../../../errors.ts';
import type { DecodedToken, TokenPayload, TokenProvider } from '../../token-payload.ts';
import { fernetTokenBytes, openFernetToken, sealFernetToken } from './fernet-envelope.ts';
import { repositoryKeys, type KeyRepository } from './key-source.ts';
import { FernetPayloadCodec } from './payload-codec.ts';

export interface FernetTokenProviderOptions {
  /** `[fernet_tokens] key_repository`: a directory, or the database's keys. */
  keyRepository: KeyRepository;
  /** `[auth] methods`, in Keystone's order; must match every node that shares the keys. */
  methods: string[];
  /** `[identity] default_domain_id` (Keystone default `default`). */
  defaultDomainId?: string;
  /** Receives key repository warnings (world-readable keys, ignored files); default console.warn. */
  onWarning?: (message: string) => void;
}

/** Keystone-compatible Fernet tokens: the same keys and `[auth] methods` validate in both directions. */
export class FernetTokenProvider implements TokenProvider {
  private readonly codec: FernetPayloadCodec;

  constructor(private readonly options: FernetTokenProviderOptions) {
    this.codec = new FernetPayloadCodec({ methods: options.methods, defaultDomainId: options.defaultDomainId });
  }

  issue(payload: TokenPayload, issuedAt: Date = new Date()): string {
    const plaintext = this.codec.encode(payload);
    const [primary] = this.keys();
    // Fernet timestamps are whole seconds, truncated like Python's int(time.time()).
    return sealFernetToken(primary, plaintext, { issuedAtSeconds: Math.floor(issuedAt.getTime() / 1000) });
  }

  /**
   * Throws a malformed TokenInvalidError for any bad input. Only a missing or empty key
   * repository (FernetKeysNotFoundError, a server fault) escapes otherwise.
   */
  decode(token: string): DecodedToken {
    // The length is bounded before this runs: TokenService refuses a token over [DEFAULT] max_token_size.
    if (typeof token !== 'string') throw TokenInvalidError.malformed('Could not recognize Fernet token');
    // Reject malformed input before touching the key repository.
    fernetTokenBytes(token);
    const keys = this.keys();
    try {
      const { plaintext, issuedAtSeconds } = openFernetToken(keys, token);
      return { ...this.codec.decode(plaintext), issuedAt: new Date(issuedAtSeconds * 1000) };
    } catch (error) {
      if (error instanceof TokenInvalidError) throw error;
      throw TokenInvalidError.malformed('Could not recognize Fernet token');
    }
  }

  private keys() {
    return repositoryKeys(this.options.keyRepository, { onWarning: this.options.onWarning });
  }
}
