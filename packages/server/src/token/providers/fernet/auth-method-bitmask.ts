/**
 * Keystone stores a token's auth methods as a bitmask: bit i is the i-th entry of
 * `[auth] methods`. Re-ordering that list changes the meaning of every existing
 * token, so interoperating deployments must share the list verbatim.
 */

/**
 * Methods set by endpoints that are not auth plugins (EC2 credentials, OAuth2
 * client credentials). Keystone gives them fixed high bits so they never
 * collide with the configured list (keystone/auth/plugins/core.py).
 */
const PSEUDO_METHOD_BITS: ReadonlyMap<bigint, string> = new Map([
  [1n << 32n, 'ec2credential'],
  [1n << 33n, 'oauth2_credential'],
]);

const MAX_CONFIGURED_METHODS = 32;

export class AuthMethodBitmask {
  private readonly bitByMethod = new Map<string, bigint>();
  /** Highest bit first: the order Keystone's convert_integer_to_method_list returns. */
  private readonly bitsDescending: ReadonlyArray<readonly [bigint, string]>;

  constructor(configuredMethods: readonly string[]) {
    if (configuredMethods.length > MAX_CONFIGURED_METHODS) {
      throw new RangeError(`At most ${MAX_CONFIGURED_METHODS} auth methods fit below the pseudo-method bits`);
    }
    for (const [index, method] of configuredMethods.entries()) this.addBit(method, 1n << BigInt(index));
    for (const [bit, method] of PSEUDO_METHOD_BITS) this.addBit(method, bit);
    this.bitsDescending = [...this.bitByMethod]
      .map(([method, bit]) => [bit, method] as const)
      .sort((a, b) => (a[0] > b[0] ? -1 : 1));
  }

  /** Throws on a method outside the configured list: Keystone would silently drop it. */
  encode(methods: readonly string[]): number {
    let mask = 0n;
    for (const method of new Set(methods)) {
      const bit = this.bitByMethod.get(method);
      if (bit === undefined)
        throw new RangeError(`Auth method "${method}" is not in the configured [auth] methods list`);
      mask |= bit;
    }
    return Number(mask);
  }

  /** Returns undefined when the mask holds bits we have no method for (a config mismatch). */
  decode(mask: number): string[] | undefined {
    if (!Number.isSafeInteger(mask) || mask < 0) return undefined;
    let remaining = BigInt(mask);
    const methods: string[] = [];
    for (const [bit, method] of this.bitsDescending) {
      if ((remaining & bit) !== 0n) {
        methods.push(method);
        remaining &= ~bit;
      }
    }
    return remaining === 0n ? methods : undefined;
  }

  private addBit(method: string, bit: bigint): void {
    if (this.bitByMethod.has(method))
      throw new RangeError(`Auth method "${method}" is listed twice (or clashes with a pseudo-method)`);
    this.bitByMethod.set(method, bit);
  }
}
