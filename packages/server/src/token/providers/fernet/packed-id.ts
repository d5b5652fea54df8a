/**
 * Keystone packs most identifiers as `(is_uuid_bytes, value)`: a UUID hex id as
 * its 16 raw bytes (saving 16 bytes per id), anything else (LDAP or federated
 * ids, `default`) as the string itself.
 *
 * Only the canonical 32-char lowercase form counts as a UUID here. Python's
 * `uuid.UUID()` would also take upper-case or hyphenated ids and then hand them
 * back as lowercase hex, silently changing the id; keeping those as strings is
 * lossless, and Keystone decodes `(False, str)` to the same id.
 */

const UUID_HEX = /^[0-9a-f]{32}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type PackedId = [true, Uint8Array] | [false, string];

export function isUuidHex(id: string): boolean {
  return UUID_HEX.test(id);
}

export function packId(id: string): PackedId {
  return isUuidHex(id) ? [true, uuidHexToBytes(id)] : [false, id];
}

/** Undefined when the value is not a well-formed packed id. */
export function unpackId(packed: unknown): string | undefined {
  if (!Array.isArray(packed) || packed.length !== 2) return undefined;
  const [isUuidBytes, value] = packed as unknown[];
  if (isUuidBytes === true) return uuidBytesToHex(value);
  if (isUuidBytes === false) return decodeText(value);
  return undefined;
}

export function uuidHexToBytes(hex: string): Uint8Array {
  if (!isUuidHex(hex)) throw new TypeError(`Not a 32-char lowercase hex UUID: "${hex}"`);
  return Buffer.from(hex, 'hex');
}

export function uuidBytesToHex(value: unknown): string | undefined {
  return value instanceof Uint8Array && value.length === 16 ? Buffer.from(value).toString('hex') : undefined;
}

/**
 * A msgpack str, or a bin holding UTF-8: Keystone decodes either to text
 * (tokens from msgpack < 1.0 carried strings as raw bytes).
 */
export function decodeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!(value instanceof Uint8Array)) return undefined;
  try {
    return utf8.decode(value);
  } catch {
    return undefined;
  }
}
