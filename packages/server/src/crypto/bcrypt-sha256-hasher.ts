import { createHash, createHmac } from 'node:crypto';
import { genSalt, hash, verify } from '@node-rs/bcrypt';
import { checkBcryptCost, DEFAULT_BCRYPT_COST } from './bcrypt-hasher.ts';

/**
 * passlib's bcrypt_sha256, which Keystone re-implemented without passlib: the password
 * is first condensed to a 44-character base64 digest, so bcrypt's 72-byte limit no
 * longer loses entropy, then that digest is bcrypt-hashed.
 *
 *   v2 (passlib >= 1.7.3, Keystone): `$bcrypt-sha256$v=2,t=2b,r=12$<salt22>$<digest31>`,
 *       key = base64(HMAC-SHA256(key = salt text, message = password)).
 *   v1 (passlib 1.7.0–1.7.2, verify only): `$bcrypt-sha256$2b,12$<salt22>$<digest31>`,
 *       key = base64(SHA256(password)).
 */
export const BCRYPT_SHA256_PREFIX = '$bcrypt-sha256$';

const V2_PARAMS = /^v=2,t=(2a|2b),r=(\d{1,2})$/;
const V1_PARAMS = /^(2a|2b),(\d{1,2})$/;
const BCRYPT64_SALT = /^[./A-Za-z0-9]{22}$/;
const BCRYPT64_DIGEST = /^[./A-Za-z0-9]{31}$/;

function v2Key(password: Buffer, salt: string): Buffer {
  const mac = createHmac('sha256', Buffer.from(salt, 'ascii')).update(password).digest();
  return Buffer.from(mac.toString('base64'), 'ascii');
}

function v1Key(password: Buffer): Buffer {
  return Buffer.from(createHash('sha256').update(password).digest('base64'), 'ascii');
}

function bcryptSetting(ident: string, cost: number): string {
  return `$${ident}$${String(cost).padStart(2, '0')}$`;
}

export async function hashBcryptSha256(password: Buffer, cost = DEFAULT_BCRYPT_COST): Promise<string> {
  checkBcryptCost(cost);
  const setting = await genSalt({ cost, version: '2b' }); // "$2b$12$" + 22 salt chars
  const salt = setting.slice(-22);
  const full = await hash(v2Key(password, salt), { salt: setting });
  return `${BCRYPT_SHA256_PREFIX}v=2,t=2b,r=${cost}$${salt}$${full.slice(-31)}`;
}

export async function verifyBcryptSha256(password: Buffer, stored: string): Promise<boolean> {
  const parts = stored.slice(BCRYPT_SHA256_PREFIX.length).split('$');
  if (parts.length !== 3) return false;
  const [params, salt, digest] = parts as [string, string, string];
  if (!BCRYPT64_SALT.test(salt) || !BCRYPT64_DIGEST.test(digest)) return false;

  const v2 = V2_PARAMS.exec(params);
  const v1 = v2 ? null : V1_PARAMS.exec(params);
  const match = v2 ?? v1;
  if (!match) return false;
  const ident = match[1]!;
  const cost = Number(match[2]);
  if (cost < 4 || cost > 31) return false;

  const key = v2 ? v2Key(password, salt) : v1Key(password);
  return verify(key, `${bcryptSetting(ident, cost)}${salt}${digest}`);
}
