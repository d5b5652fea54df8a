import { describe, expect, it } from 'vitest';
import { hashPassword, PasswordTooLongError, verifyPassword } from '../../src/crypto/password-hashing.ts';

/**
 * Produced with Debian's python3-passlib 1.7.4 / python3-bcrypt 3.2.2 (the "keystone"
 * rows follow Keystone's own passlib-free hashers). Hard-coded so the suite needs no Python.
 */
const KNOWN_HASHES: ReadonlyArray<{ name: string; password: string; hash: string }> = [
  {
    name: 'passlib bcrypt cost 4',
    password: 'secret',
    hash: '$2b$04$lRBN2xACvjNOippGAdE9TusnjQcFWuFp5LOGQmsW8iGdK17FL7Jc6',
  },
  {
    name: 'passlib bcrypt $2a$ unicode',
    password: 'pässwörd✓',
    hash: '$2a$05$BGCuxmZPOmuTfo9761NrCuUxs3/z8UDrg88P7SrlS6s7y5V2Wi1I.',
  },
  {
    name: 'passlib bcrypt $2y$',
    password: 'hunter2',
    hash: '$2y$04$fdSXwBCOH308wojF8O4Vt.BWxOihlIjm12UDqiZue.wlb9LraPM2q',
  },
  {
    name: 'passlib bcrypt default cost 12',
    password: 'correct horse battery staple',
    hash: '$2b$12$s45jNwftmCZxv5aqCYyYX.lpRZQaIZwQ8z5S2pQPzrRMQdRrpX4.K',
  },
  {
    name: 'passlib bcrypt_sha256 v2',
    password: 'secret',
    hash: '$bcrypt-sha256$v=2,t=2b,r=5$Ep45uqi37b6mz1DBaMYRQ.$0iwJOXYygVCTf9uP.iw0bxYY5uk40YC',
  },
  {
    name: 'passlib bcrypt_sha256 v2, 120-byte unicode',
    password: 'ü'.repeat(60),
    hash: '$bcrypt-sha256$v=2,t=2b,r=4$C5a9D0U43jCOpuavkR9Ho.$aSeHp1/19yPIohtZuJci9J7tEzu5Zi.',
  },
  {
    name: 'passlib bcrypt_sha256 v1',
    password: 'secret',
    hash: '$bcrypt-sha256$2b,5$ANzFT9L.bx/8Jn0rLjl9TO$7ctiviLjFiv899IhutgbKUWR4xEvsfG',
  },
  {
    name: 'passlib scrypt default (ln=16)',
    password: 'secret',
    hash: '$scrypt$ln=16,r=8,p=1$HiMkJCTE2Hvv3RvjHEPoHQ$IgfxBk5G4vMjSE9S8t8KiKuO2QSIUfeaoNQl8fb8h80',
  },
  {
    name: 'passlib scrypt ln=10 unicode',
    password: 'пароль🔑',
    hash: '$scrypt$ln=10,r=8,p=1$RWgtZcy5N+ack/L+X2tNiQ$spS1vhqqZRVr03kvqAPQmqc4Yo0QmwuRxFrBl7CeGiI',
  },
  {
    name: 'passlib pbkdf2_sha512 default',
    password: 'secret',
    hash: '$pbkdf2-sha512$25000$vBeCUMr5P6cUwjin9H6PsQ$84OP5uo3omjLvnKwsB0XoPrOWK672jaKdM10rUWasf8yZU4iYk8c49ZFHDvyEok5fGUC95lmdpR8L6VnugeSMQ',
  },
  {
    name: 'passlib pbkdf2_sha512 unicode',
    password: 'pässwörd✓',
    hash: '$pbkdf2-sha512$1000$9X7vfY9RKqUUgrD2Xus9hw$rJf3JQk/ouJQwRtn.r4q4QtTjSUcblqySpUgIbMEF2nBRlWOlBbpyuHT7jAhNNkmARD51x2XnO5Uv5pnBrqySQ',
  },
  {
    name: 'passlib sha512_crypt implicit 5000 rounds',
    password: 'secret',
    hash: '$6$S/1wQQ71k0dlfL2g$loTm7L73wwzCZPlRN3yFzSZ1/c.uaeZX/rHsLADLAnCDPGPeQpm693hYi7JRjuBeSAo6Vp/bYjNPYmlFtzwc1/',
  },
  {
    name: 'passlib sha512_crypt 10000 rounds unicode',
    password: 'pässwörd✓',
    hash: '$6$rounds=10000$VqH4x24G53vIXTra$CPmqWtz1Ch8vHy/wZCWeS/nyFVAK/L02q2GUkO8FNTl0i4YbUfcjW/z2/.MaHTmq5g4hBrRzkZfE5nOV8fD7F/',
  },
  {
    name: 'passlib sha512_crypt 100-byte password',
    password: 'x'.repeat(100),
    hash: '$6$rounds=1000$V95figUYfS4s0cwv$Z/uiW9tBcxQUHopj.M8UWDioarp8v09P6Z3S8Qe3Vk8jWyRmgXINzXulX9vjN.F89sdFyKo8ZSrAATFeSuq6d/',
  },
  {
    name: 'keystone pbkdf2_sha512 written with "+"',
    password: 'secret',
    hash: '$pbkdf2-sha512$2000$edCHI6ckg0oZs0lCxNzvjw$HoPE+alg/QRWIyGkrBJa+VkmI0OSVBvkp05UnC2hRJKaBZrVJR/vDVeC0eC1nuzMbVKV+2pTfj+Er3mwaP7FxA',
  },
  {
    name: 'keystone scrypt ln=12 r=4 p=2, 24-byte salt',
    password: 'pässwörd✓',
    hash: '$scrypt$ln=12,r=4,p=2$suU0sV7NZq/vZQ28goVYe710J2PGiclx$DyE/rGK0vm8F6jKiPRY+ehrCG8AHHBQCcm0gsHDDb+M',
  },
];

/** Keystone hashed `'é' * 50` (100 bytes) as bcrypt of its first 72 bytes. */
const KEYSTONE_TRUNCATED_BCRYPT = {
  password: 'é'.repeat(50),
  hash: '$2b$04$07nU0v8o0BNLnDd/Rty6UOazge7CG5.i7dUwBVPcpOZ.15yGyDPla',
};

describe('verifyPassword with hashes written by passlib / Keystone', () => {
  for (const v of KNOWN_HASHES) {
    it(v.name, async () => {
      expect(await verifyPassword(v.password, v.hash)).toBe(true);
      expect(await verifyPassword(`${v.password}x`, v.hash)).toBe(false);
      expect(await verifyPassword('', v.hash)).toBe(false);
    });
  }

  it('matches Keystone on passwords longer than 72 bytes under bcrypt', async () => {
    const { password, hash } = KEYSTONE_TRUNCATED_BCRYPT;
    expect(await verifyPassword(password, hash, { algorithm: 'bcrypt' })).toBe(true);
    // Only the first 72 bytes count, exactly as in Keystone.
    expect(await verifyPassword(`${password}anything`, hash, { algorithm: 'bcrypt' })).toBe(true);
    expect(await verifyPassword('é'.repeat(35), hash, { algorithm: 'bcrypt' })).toBe(false);
    expect(await verifyPassword(password, hash, { algorithm: 'bcrypt', strictPasswordCheck: true })).toBe(false);
  });
});

describe('hashPassword round trips', () => {
  const cases = [
    { algorithm: 'bcrypt', rounds: 4, prefix: /^\$2b\$04\$[./A-Za-z0-9]{53}$/ },
    {
      algorithm: 'bcrypt_sha256',
      rounds: 4,
      prefix: /^\$bcrypt-sha256\$v=2,t=2b,r=4\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{31}$/,
    },
    { algorithm: 'scrypt', rounds: 10, prefix: /^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/ },
    {
      algorithm: 'pbkdf2_sha512',
      rounds: 1000,
      prefix: /^\$pbkdf2-sha512\$1000\$[A-Za-z0-9./]{22}\$[A-Za-z0-9./]{86}$/,
    },
  ] as const;

  for (const c of cases) {
    it(`${c.algorithm}: format, match, mismatch, unicode`, async () => {
      const password = 'Grüße, 世界 🔐';
      const hash = await hashPassword(password, { algorithm: c.algorithm, rounds: c.rounds });
      expect(hash).toMatch(c.prefix);
      expect(await verifyPassword(password, hash)).toBe(true);
      expect(await verifyPassword('Grüsse, 世界 🔐', hash)).toBe(false);
      expect(await hashPassword(password, { algorithm: c.algorithm, rounds: c.rounds })).not.toBe(hash);
    });
  }

  it('uses Keystone defaults when rounds is not given', async () => {
    expect(await hashPassword('pw', { algorithm: 'bcrypt' })).toMatch(/^\$2b\$12\$/);
    expect(await hashPassword('pw', { algorithm: 'bcrypt_sha256' })).toMatch(/^\$bcrypt-sha256\$v=2,t=2b,r=12\$/);
    expect(await hashPassword('pw', { algorithm: 'scrypt' })).toMatch(/^\$scrypt\$ln=16,r=8,p=1\$/);
    expect(await hashPassword('pw', { algorithm: 'pbkdf2_sha512' })).toMatch(/^\$pbkdf2-sha512\$25000\$/);
  });

  it('honours scrypt block size, parallelism and salt size', async () => {
    const hash = await hashPassword('pw', {
      algorithm: 'scrypt',
      rounds: 8,
      scryptBlockSize: 4,
      scryptParallelism: 2,
      saltSize: 24,
    });
    expect(hash).toMatch(/^\$scrypt\$ln=8,r=4,p=2\$[A-Za-z0-9+/]{32}\$/);
    expect(await verifyPassword('pw', hash)).toBe(true);
  });

  it('truncates bcrypt input to 72 bytes like Keystone, or rejects it in strict mode', async () => {
    const long = 'a'.repeat(72);
    const hash = await hashPassword(`${long}tail`, { algorithm: 'bcrypt', rounds: 4 });
    expect(await verifyPassword(long, hash)).toBe(true);
    await expect(
      hashPassword(`${long}tail`, { algorithm: 'bcrypt', rounds: 4, strictPasswordCheck: true }),
    ).rejects.toBeInstanceOf(PasswordTooLongError);
  });

  it('does not truncate at 72 bytes for the other algorithms', async () => {
    const long = 'a'.repeat(72);
    const hash = await hashPassword(`${long}tail`, { algorithm: 'bcrypt_sha256', rounds: 4 });
    expect(await verifyPassword(`${long}tail`, hash)).toBe(true);
    expect(await verifyPassword(long, hash)).toBe(false);
  });

  it('applies max_password_length when hashing and verifying', async () => {
    const hash = await hashPassword('abcdefgh', { algorithm: 'pbkdf2_sha512', rounds: 1000, maxPasswordLength: 4 });
    expect(await verifyPassword('abcdXYZ', hash, { maxPasswordLength: 4 })).toBe(true);
    expect(await verifyPassword('abcdXYZ', hash)).toBe(false);
  });

  it('rejects out-of-range rounds', async () => {
    await expect(hashPassword('pw', { algorithm: 'bcrypt', rounds: 3 })).rejects.toThrow(RangeError);
    await expect(hashPassword('pw', { algorithm: 'scrypt', rounds: 40 })).rejects.toThrow(RangeError);
    await expect(hashPassword('pw', { algorithm: 'pbkdf2_sha512', rounds: 0 })).rejects.toThrow(RangeError);
  });
});

describe('verifyPassword on malformed or unknown hashes', () => {
  const malformed = [
    '',
    'plaintext',
    '$1$abc$def',
    '$2b$12$tooshort',
    '$2b$99$lRBN2xACvjNOippGAdE9TusnjQcFWuFp5LOGQmsW8iGdK17FL7Jc6',
    '$bcrypt-sha256$v=2,t=2b,r=5$Ep45uqi37b6mz1DBaMYRQ.',
    '$bcrypt-sha256$v=2,t=2b$Ep45uqi37b6mz1DBaMYRQ.$0iwJOXYygVCTf9uP.iw0bxYY5uk40YC',
    '$scrypt$ln=16,r=8,p=1$HiMkJCTE2Hvv3RvjHEPoHQ',
    '$scrypt$ln=40,r=8,p=1$HiMkJCTE2Hvv3RvjHEPoHQ$IgfxBk5G4vMjSE9S8t8KiKuO2QSIUfeaoNQl8fb8h80',
    '$scrypt$ln=16,r=8,p=1$Hi!kJCTE2Hvv3RvjHEPoHQ$IgfxBk5G4vMjSE9S8t8KiKuO2QSIUfeaoNQl8fb8h80',
    '$scrypt$ln=16,r=8,p=1$HiMkJCTE2Hvv3RvjHEPoHQ$IgfxBk5G4vMjSE9S8t8KiKuO2QSI',
    '$pbkdf2-sha512$abc$vBeCUMr5P6cUwjin9H6PsQ$84OP5uo3omjLvnKwsB0XoPrOWK672jaKdM10rUWasf8yZU4iYk8c49ZFHDvyEok5fGUC95lmdpR8L6VnugeSMQ',
    '$pbkdf2-sha512$25000$vBeCUMr5P6cUwjin9H6PsQ$84OP5uo3',
    '$6$rounds=10$salt$CPmqWtz1Ch8vHy/wZCWeS/nyFVAK/L02q2GUkO8FNTl0i4YbUfcjW/z2/.MaHTmq5g4hBrRzkZfE5nOV8fD7F/',
    '$6$salt$short',
  ];
  for (const hash of malformed) {
    it(`returns false for ${JSON.stringify(hash)}`, async () => {
      expect(await verifyPassword('secret', hash)).toBe(false);
    });
  }

  it('returns false rather than throwing for non-string input', async () => {
    expect(await verifyPassword('secret', undefined as unknown as string)).toBe(false);
    expect(
      await verifyPassword(null as unknown as string, '$2b$04$lRBN2xACvjNOippGAdE9TusnjQcFWuFp5LOGQmsW8iGdK17FL7Jc6'),
    ).toBe(false);
  });
});

describe('event loop', () => {
  it('keeps serving other work while a slow hash is verified', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const scrypt = KNOWN_HASHES.find((v) => v.name.startsWith('passlib scrypt default'))!;
      const sha512Crypt = KNOWN_HASHES.find((v) => v.name.includes('10000 rounds'))!;
      expect(await verifyPassword(scrypt.password, scrypt.hash)).toBe(true);
      expect(await verifyPassword(sha512Crypt.password, sha512Crypt.hash)).toBe(true);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(2);
  });
});
