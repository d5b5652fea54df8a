/**
 * How application credential secrets are stored and checked: a generated secret is sealed with the credential
 * keys (fast, `$fernet-sha256$v1$…`), a secret the user chose goes through the password hasher, and a bcrypt
 * hash imported from Keystone still authenticates. A generated secret outlives credential key rotations done
 * the documented way (`credential migrate` between rotations), and `credential rotate` refuses to drop a key
 * a generated secret is still sealed with. Xloud only: the test reads and writes the database rows.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runManage } from '../../src/manage/cli.ts';
import { repositoryKeys } from '../../src/token/providers/fernet/key-source.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, expectKeystoneError, uniq } from './api-client.ts';

/**
 * A secret as Keystone stores it (passlib bcrypt, cost 12, its default), made with
 * `/usr/bin/python3 -c 'import bcrypt; print(bcrypt.hashpw(b"secret-from-keystone-0123456789", bcrypt.gensalt(12)))'`.
 */
const KEYSTONE_SECRET = 'secret-from-keystone-0123456789';
const KEYSTONE_BCRYPT_HASH = '$2b$12$LR06O1PFSjWwKfeo85Fh.OmEwTE7mfj9oO8S64paRSundiQFAkl1O';

const SEALED = /^\$fernet-sha256\$v1\$[0-9a-f]{40}\$[A-Za-z0-9_-]+=*$/;

/** A secret that differs from `secret` in its last character only. */
const almost = (secret: string) => secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');

describe.each(DATABASES)('application credential secrets (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;
  let owner: { id: string };
  let ownerToken: string;

  beforeAll(async () => {
    server = await startTestServer({ database });
    api = new ApiClient(server);
    const setup = await api.userWithRole('member');
    owner = setup.user;
    ownerToken = setup.token;
  });
  afterAll(async () => {
    await server?.close();
  });

  async function create(secret?: string): Promise<{ id: string; secret: string }> {
    const res = await api.post(`/users/${owner.id}/application_credentials`, ownerToken, {
      application_credential: { name: uniq('ac'), ...(secret === undefined ? {} : { secret }) },
    });
    expect(res.status).toBe(201);
    return { id: res.body.application_credential.id, secret: res.body.application_credential.secret };
  }

  const signIn = (id: string, secret: string) =>
    api.post('/auth/tokens', undefined, {
      auth: { identity: { methods: ['application_credential'], application_credential: { id, secret } } },
    });

  const storedHash = async (id: string) =>
    (
      await server.container.database.db
        .selectFrom('application_credential')
        .select('secret_hash')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).secret_hash;

  const setStoredHash = (id: string, secretHash: string) =>
    server.container.database.db
      .updateTable('application_credential')
      .set({ secret_hash: secretHash })
      .where('id', '=', id)
      .execute();

  /** The key_hash the credential table records for a blob encrypted now. */
  async function primaryCredentialKeyHash(): Promise<string> {
    const res = await api.post('/credentials', await api.adminToken(), {
      credential: { blob: 'probe', type: 'cert', user_id: owner.id },
    });
    expect(res.status).toBe(201);
    const row = await server.container.database.db
      .selectFrom('credential')
      .select('key_hash')
      .where('id', '=', res.body.credential.id)
      .executeTakeFirstOrThrow();
    await api.delete(`/credentials/${res.body.credential.id}`, await api.adminToken());
    if (!row.key_hash) throw new Error('the credential was stored without a key_hash');
    return row.key_hash;
  }

  it('seals a generated secret with the credential key (no password hash) and authenticates with it', async () => {
    const credential = await create();
    expect(Buffer.from(credential.secret, 'base64url')).toHaveLength(64);
    const stored = await storedHash(credential.id);
    expect(stored).toMatch(SEALED);
    expect(stored).not.toContain(credential.secret);
    // Sealed with the primary credential key, named as the credential table names it.
    expect(stored.split('$')[3]).toBe(await primaryCredentialKeyHash());
    expect((await signIn(credential.id, credential.secret)).status).toBe(201);
    expectKeystoneError(await signIn(credential.id, almost(credential.secret)), 401);
    expectKeystoneError(await signIn(credential.id, ''), 401);
    // The stored value is not a password: presenting it as the secret does not work.
    expectKeystoneError(await signIn(credential.id, stored), 401);
  });

  it('does not let one credential’s sealed secret stand in for another’s', async () => {
    const first = await create();
    const second = await create();
    await setStoredHash(second.id, await storedHash(first.id));
    expectKeystoneError(await signIn(second.id, second.secret), 401);
    // A tampered token opens with no key: refused, not a 500.
    const stored = await storedHash(first.id);
    await setStoredHash(second.id, `${stored.slice(0, -8)}AAAAAAAA`);
    expectKeystoneError(await signIn(second.id, first.secret), 401);
    // (A row no key opens would stop `credential migrate`, as an unreadable credential blob does.)
    for (const { id } of [first, second]) {
      expect((await api.delete(`/users/${owner.id}/application_credentials/${id}`, ownerToken)).status).toBe(204);
    }
  });

  it('keeps the password hasher for a secret the user chose', async () => {
    const credential = await create('a secret the user chose');
    expect(credential.secret).toBe('a secret the user chose');
    // The test server hashes passwords with bcrypt at cost 4.
    expect(await storedHash(credential.id)).toMatch(/^\$2b\$04\$/);
    expect((await signIn(credential.id, 'a secret the user chose')).status).toBe(201);
    expectKeystoneError(await signIn(credential.id, 'a secret the user chosE'), 401);
  });

  it('authenticates a credential imported from Keystone with its bcrypt hash', async () => {
    const credential = await create();
    await setStoredHash(credential.id, KEYSTONE_BCRYPT_HASH);
    expect((await signIn(credential.id, KEYSTONE_SECRET)).status).toBe(201);
    expectKeystoneError(await signIn(credential.id, almost(KEYSTONE_SECRET)), 401);
    // The secret it was created with is no longer the one stored.
    expectKeystoneError(await signIn(credential.id, credential.secret), 401);
  });

  it('a generated secret outlives credential key rotations; rotate waits for migrate to re-seal it', async () => {
    const connection = server.container.conf.database.connection;
    const keyRepository = server.container.conf.credential.key_repository;
    const env = {
      XLOUD__DATABASE__CONNECTION: connection.kind === 'sqlite' ? `sqlite:///${connection.filename}` : connection.url,
      XLOUD__CREDENTIAL__KEY_REPOSITORY: keyRepository,
      XLOUD__FERNET_TOKENS__KEY_REPOSITORY: server.container.conf.fernet_tokens.key_repository,
    };
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const manage = (command: string) => runManage(['credential', command], env);
    try {
      // Start from a repository where everything is under the primary key (earlier tests made credentials).
      expect(await manage('migrate')).toBe(0);
      const credential = await create();
      const chosen = await create('chosen and hashed');
      const sealedBefore = await storedHash(credential.id);
      const hashedBefore = await storedHash(chosen.id);
      const firstKeyIndex = repositoryKeys(keyRepository)[0]!.index;

      expect(await manage('rotate')).toBe(0);
      // The secret is now sealed with the secondary key: another rotation would purge that key.
      expect(await manage('rotate')).toBe(1);
      expect(String(error.mock.calls.at(-1)?.[0])).toContain('Run `xloud-manage credential migrate` first');
      expect(await manage('migrate')).toBe(0);
      // (earlier tests left generated credentials too; the two-factor and OAuth1 lines come after it)
      expect(String(log.mock.calls.at(-3)?.[0])).toMatch(
        /^re-sealed [1-9]\d* generated application credential secrets with the primary key$/,
      );
      expect(await manage('rotate')).toBe(0);
      expect(await manage('migrate')).toBe(0);
      expect(await manage('rotate')).toBe(0);

      // The key the secret was first sealed with is gone from the repository...
      expect(repositoryKeys(keyRepository).map((key) => key.index)).not.toContain(firstKeyIndex);
      const sealedAfter = await storedHash(credential.id);
      expect(sealedAfter).toMatch(SEALED);
      expect(sealedAfter).not.toBe(sealedBefore);
      // The server reads the key directory again when its watcher reports the change: soon, not at once.
      const onDisk = repositoryKeys(keyRepository).map((key) => key.index);
      await vi.waitFor(
        () =>
          expect(repositoryKeys(server.container.keyRepositories.credential).map((key) => key.index)).toEqual(onDisk),
        { timeout: 20_000, interval: 20 },
      );
      // ...yet the same secret still signs in, and a wrong one still does not.
      expect((await signIn(credential.id, credential.secret)).status).toBe(201);
      expectKeystoneError(await signIn(credential.id, almost(credential.secret)), 401);
      // A password-hashed secret does not depend on the keys and is left as it was.
      expect(await storedHash(chosen.id)).toBe(hashedBefore);
      expect((await signIn(chosen.id, 'chosen and hashed')).status).toBe(201);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
