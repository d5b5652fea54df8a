/**
 * Hand-written on purpose: @msgpack/msgpack (a dependency, used to decode) cannot pack one number as float64 and
 * the next as an int in the same value (its forceIntegerToFloat is all or nothing), and Keystone's payloads mix
 * both. Checked against Keystone's own msgpack output by test/interop/fernet-interop.test.ts ("our plaintext is
 * byte-identical to Keystone's msgpack") and test/unit/fernet-vectors.test.ts.
 *
 * A msgpack packer that picks the same wire types as Python's `msgpack.packb`
 * (msgpack ≥ 1.0, `use_bin_type=True`), so our token plaintexts are byte-identical
 * to Keystone's. General-purpose encoders pack integral floats as ints, but Python
 * packs every `float` as float64 — hence the explicit PyFloat marker.
 */

/** A number Python would hold as `float`: always packed as float64 (0xcb). */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyValue = null | boolean | number | string | Uint8Array | PyFloat | readonly PyValue[];

export function packLikePython(value: PyValue): Uint8Array {
  const chunks: Buffer[] = [];
  packInto(value, chunks);
  return Buffer.concat(chunks);
}

function packInto(value: PyValue, out: Buffer[]): void {
  if (value === null) out.push(Buffer.from([0xc0]));
  else if (typeof value === 'boolean') out.push(Buffer.from([value ? 0xc3 : 0xc2]));
  else if (typeof value === 'number') out.push(packInteger(value));
  else if (typeof value === 'string') packString(value, out);
  else if (value instanceof PyFloat) out.push(packFloat64(value.value));
  else if (value instanceof Uint8Array) packBinary(value, out);
  else packArray(value, out);
}

function packInteger(value: number): Buffer {
  if (!Number.isSafeInteger(value)) throw new TypeError(`Not an integer: ${value}; wrap floats in PyFloat`);
  if (value >= 0) {
    if (value < 0x80) return Buffer.from([value]);
    if (value <= 0xff) return Buffer.from([0xcc, value]);
    if (value <= 0xffff) return withHeader(0xcd, 2, (b) => b.writeUInt16BE(value, 1));
    if (value <= 0xffffffff) return withHeader(0xce, 4, (b) => b.writeUInt32BE(value, 1));
    return withHeader(0xcf, 8, (b) => b.writeBigUInt64BE(BigInt(value), 1));
  }
  if (value >= -0x20) return Buffer.from([value & 0xff]);
  if (value >= -0x80) return withHeader(0xd0, 1, (b) => b.writeInt8(value, 1));
  if (value >= -0x8000) return withHeader(0xd1, 2, (b) => b.writeInt16BE(value, 1));
  if (value >= -0x80000000) return withHeader(0xd2, 4, (b) => b.writeInt32BE(value, 1));
  return withHeader(0xd3, 8, (b) => b.writeBigInt64BE(BigInt(value), 1));
}

function packFloat64(value: number): Buffer {
  return withHeader(0xcb, 8, (b) => b.writeDoubleBE(value, 1));
}

function packString(value: string, out: Buffer[]): void {
  const bytes = Buffer.from(value, 'utf8');
  const n = bytes.length;
  if (n < 32) out.push(Buffer.from([0xa0 | n]));
  else out.push(lengthHeader(n, 0xd9, 0xda, 0xdb));
  out.push(bytes);
}

function packBinary(value: Uint8Array, out: Buffer[]): void {
  out.push(lengthHeader(value.length, 0xc4, 0xc5, 0xc6), Buffer.from(value));
}

function packArray(values: readonly PyValue[], out: Buffer[]): void {
  const n = values.length;
  if (n < 16) out.push(Buffer.from([0x90 | n]));
  else
    out.push(
      n <= 0xffff
        ? withHeader(0xdc, 2, (b) => b.writeUInt16BE(n, 1))
        : withHeader(0xdd, 4, (b) => b.writeUInt32BE(n, 1)),
    );
  for (const item of values) packInto(item, out);
}

function lengthHeader(n: number, type8: number, type16: number, type32: number): Buffer {
  if (n <= 0xff) return Buffer.from([type8, n]);
  if (n <= 0xffff) return withHeader(type16, 2, (b) => b.writeUInt16BE(n, 1));
  return withHeader(type32, 4, (b) => b.writeUInt32BE(n, 1));
}

function withHeader(type: number, size: number, write: (buffer: Buffer) => void): Buffer {
  const buffer = Buffer.alloc(1 + size);
  buffer[0] = type;
  write(buffer);
  return buffer;
}
