import { hash, verify } from '@node-rs/bcrypt';

/** Keystone's default bcrypt cost (`[identity] password_hash_rounds` unset). */
export const DEFAULT_BCRYPT_COST = 12;

const BCRYPT_HASH = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/;

export function isBcryptHash(stored: string): boolean {
  return stored.startsWith('$2');
}

export function checkBcryptCost(cost: number): void {
  if (!Number.isInteger(cost) || cost < 4 || cost > 31) {
    throw new RangeError(`bcrypt rounds must be an integer from 4 to 31, got ${cost}`);
  }
}

/** `$2b$<cost>$<22 salt chars><31 digest chars>`, the format Python's bcrypt writes. */
export async function hashBcrypt(password: Buffer, cost = DEFAULT_BCRYPT_COST): Promise<string> {
  checkBcryptCost(cost);
  // The native binding runs the key schedule on libuv's thread pool, off the event loop.
  return hash(password, { cost, version: '2b' });
}

/** Accepts every ident Keystone lists ($2$, $2a$, $2b$, $2x$, $2y$); compares natively. */
export async function verifyBcrypt(password: Buffer, stored: string): Promise<boolean> {
  if (!BCRYPT_HASH.test(stored)) return false;
  return verify(password, stored);
}
