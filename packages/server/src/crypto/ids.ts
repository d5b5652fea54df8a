import { randomUUID } from 'node:crypto';

/** Keystone's identifiers are `uuid.uuid4().hex`: 32 lowercase hex digits, no dashes. */
export function newId(): string {
  return randomUUID().replaceAll('-', '');
}

const UUID_HEX = /^[0-9a-f]{32}$/;

/**
 * True for the shape `newId()` produces. Lowercase only, because Keystone stores and
 * compares IDs as plain strings: an uppercase spelling would never match a stored row.
 * Note some legitimate IDs are not UUIDs at all (the `default` domain, IDs chosen by
 * operators at creation time), so this is a shape test, not an existence test.
 */
export function isUuidHex(value: string): boolean {
  return UUID_HEX.test(value);
}
