import { PASSWORD_HASH_ALGORITHMS } from '../crypto/password-hash-types.ts';
import { choiceOption, integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[identity]`. */
export const identitySection = {
  default_domain_id: stringOption({
    default: 'default',
    help: 'ID of the domain that owns users and projects created without an explicit domain.',
  }),
  password_hash_algorithm: choiceOption({
    default: 'bcrypt',
    choices: PASSWORD_HASH_ALGORITHMS,
    help:
      'Algorithm for newly stored passwords and application credential secrets. Existing ' +
      'hashes of any supported algorithm keep working.',
  }),
  password_hash_rounds: integerOption({
    min: 1,
    help:
      'Work factor for new hashes: bcrypt/bcrypt_sha256 cost 4..31 (default 12); scrypt ' +
      'log2(N) 1..31 (default 16); pbkdf2_sha512 iterations (default 25000).',
  }),
  salt_bytesize: integerOption({
    min: 0,
    max: 96,
    help: 'Salt length in bytes for scrypt and pbkdf2_sha512. Unset or 0: 16.',
  }),
  scrypt_block_size: integerOption({
    min: 1,
    help: 'scrypt block size (r). Unset: 8.',
  }),
  scrypt_parallelism: integerOption({
    min: 1,
    help: 'scrypt parallelism (p). Unset: 1.',
  }),
  max_password_length: integerOption({
    default: 4096,
    min: 1,
    max: 4096,
    help:
      'Longest password in bytes; longer ones are truncated, or rejected when [DEFAULT] ' +
      'strict_password_check is set. bcrypt lowers this to 72.',
  }),
  max_concurrent_password_hashes: integerOption({
    min: 1,
    help:
      'Password hashes and checks (logins, password changes) computed at once; each takes a thread of ' +
      "libuv's pool, which file and DNS work share (UV_THREADPOOL_SIZE, default 4). Per server process: unset, " +
      'the CPUs shared among the [DEFAULT] workers processes (rounded up), but at most UV_THREADPOOL_SIZE - 1, so ' +
      'one pool thread stays free for the rest. Xloud only.',
  }),
  password_hash_queue_length: integerOption({
    min: 0,
    help:
      'Password hashes that may wait for a free slot; beyond them a login is answered 503 with Retry-After ' +
      'at once instead of waiting for seconds. 0: none wait. Unset: 8 x max_concurrent_password_hashes. ' +
      'Per server process. Xloud only.',
  }),
  list_limit: integerOption({
    help: 'Maximum number of users or groups in one list response. Unset: [DEFAULT] list_limit.',
  }),
} satisfies SectionSchema;
