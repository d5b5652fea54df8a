/**
 * Behaviour proofs for keystone.conf options that no other test sets: each test starts a real server with
 * the option at a non-default value and asserts what changes. The option walk
 * (test/unit/option-walk.test.ts) points here for them.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/conf/index.ts';
import { buildContainer } from '../../src/container.ts';
import { runManage } from '../../src/manage/cli.ts';
import { setupFernetKeys } from '../../src/token/providers/fernet/key-repository.ts';
import { repositoryKeys } from '../../src/token/providers/fernet/key-source.ts';
import { startTestServer, TestClock, type StartOptions, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, expectKeystoneError, passwordAuth, tokenAuth, uniq } from './api-client.ts';

type Config = NonNullable<StartOptions['config']>;

/** Starts a server with `config`, hands a client to `body`, always closes it. */
async function withServer<T>(
  config: Config,
  body: (api: ApiClient, server: TestServer) => Promise<T>,
  clock?: TestClock,
  database: StartOptions['database'] = 'sqlite',
): Promise<T> {
  const server = await startTestServer({ config, clock, database });
  try {
    return await body(new ApiClient(server), server);
  } finally {
    await server.close();
  }
}

const validate = (api: ApiClient, admin: string, token: string) =>
  api.get('/auth/tokens', admin, { 'X-Subject-Token': token });

/** Makes a user's tokens invalid behind the server's back (no cache invalidation), as another process's write would. */
async function disableUserInDatabase(server: TestServer, userId: string): Promise<void> {
  await server.container.database.db
    .updateTable('identity_user')
    .set({ enabled: 0 })
    .where('id', '=', userId)
    .execute();
}

/** Changes the identity endpoint's URL behind the server's back; returns the new URL. */
async function changeEndpointUrlInDatabase(server: TestServer): Promise<string> {
  const url = `http://${uniq('changed')}.example.com/v3`;
  await server.container.database.db.updateTable('endpoint').set({ url }).execute();
  return url;
}

const catalogUrls = async (api: ApiClient, token: string): Promise<string[]> =>
  (await api.get('/auth/catalog', token)).body.catalog.flatMap((service: { endpoints: { url: string }[] }) =>
    service.endpoints.map((e) => e.url),
  );

describe('[DEFAULT]', () => {
  it('public_endpoint: links are built from it instead of the request', async () => {
    await withServer({ DEFAULT: { public_endpoint: 'https://identity.example.com/prefix/' } }, async (api) => {
      const res = await api.get('/');
      expect(res.status).toBe(200);
      expect(res.body.version.links[0].href).toBe('https://identity.example.com/prefix/v3/');
    });
  });

  it('max_request_body_size: a larger body is refused with 413', async () => {
    await withServer({ DEFAULT: { max_request_body_size: '1024' } }, async (api) => {
      const admin = await api.adminToken();
      const res = await api.post('/projects', admin, { project: { name: uniq('p'), description: 'x'.repeat(2000) } });
      expectKeystoneError(res, 413);
      expect(
        (await api.post('/projects', admin, { project: { name: uniq('p'), description: 'x'.repeat(200) } })).status,
      ).toBe(201);
    });
  });

  it('max_project_tree_depth: a project deeper than the limit is refused with 403', async () => {
    await withServer({ DEFAULT: { max_project_tree_depth: '2' } }, async (api) => {
      const top = await api.createProject();
      const child = await api.createProject({ parent_id: top.id });
      const res = await api.post('/projects', await api.adminToken(), {
        project: { name: uniq('p'), parent_id: child.id },
      });
      expectKeystoneError(res, 403);
    });
  });

  it('max_token_size: a token longer than the limit is refused without being decoded', async () => {
    await withServer({ DEFAULT: { max_token_size: '100' } }, async (api) => {
      const issued = await api.issue(
        passwordAuth({ name: 'admin', domain: { id: 'default' } }, api.adminPassword, {
          project: { name: 'admin', domain: { id: 'default' } },
        }),
      );
      expect(issued.status).toBe(201);
      expect(issued.tokenId.length).toBeGreaterThan(100);
      expectKeystoneError(await api.get('/users', issued.tokenId), 401);
    });
  });

  // Fifteen characters, thirty bytes: within max_password_length = 20 as characters, beyond it as bytes.
  // (20, not less: the test server's admin password has 19 characters.)
  const LONG_IN_BYTES = 'é'.repeat(15);

  it('strict_password_check: a password longer than [identity] max_password_length bytes is refused (403), not truncated', async () => {
    await withServer(
      { DEFAULT: { strict_password_check: 'true' }, identity: { max_password_length: '20' } },
      async (api) => {
        const res = await api.post('/users', await api.adminToken(), {
          user: { name: uniq('u'), domain_id: 'default', password: LONG_IN_BYTES },
        });
        expectKeystoneError(res, 403);
        expect(res.body.error.message).toContain('less than or equal to 20');
      },
    );
  });

  it('without strict_password_check the same password is truncated to its first 20 bytes', async () => {
    await withServer({ identity: { max_password_length: '20' } }, async (api) => {
      const user = await api.createUser({ password: LONG_IN_BYTES });
      expect((await api.issue(passwordAuth({ id: user.id }, 'é'.repeat(10)))).status).toBe(201);
    });
  });
});

describe('[token]', () => {
  const adminAuth = (api: ApiClient) =>
    passwordAuth({ name: 'admin', domain: { id: 'default' } }, api.adminPassword, {
      project: { name: 'admin', domain: { id: 'default' } },
    });

  it('expiration: a token lives that many seconds', async () => {
    await withServer({ token: { expiration: '120' } }, async (api) => {
      const { token } = (await api.issue(adminAuth(api))).body;
      expect(Date.parse(token.expires_at) - Date.parse(token.issued_at)).toBe(120_000);
    });
  });

  it('allow_rescope_scoped_token = false: a project-scoped token cannot be exchanged for another scope (403)', async () => {
    await withServer({ token: { allow_rescope_scoped_token: 'false' } }, async (api) => {
      const admin = await api.adminToken();
      expectKeystoneError(await api.issue(tokenAuth(admin, { system: { all: true } })), 403);
      const unscoped = await api.token({ name: 'admin', domain: { id: 'default' } }, api.adminPassword);
      expect((await api.issue(tokenAuth(unscoped, { system: { all: true } }))).status).toBe(201);
    });
  });

  it('revoke_by_id = false: the revoked-token listing is 410 Gone', async () => {
    await withServer({ token: { revoke_by_id: 'false' } }, async (api) => {
      expectKeystoneError(await api.get('/auth/tokens/OS-PKI/revoked', await api.systemToken()), 410);
    });
  });

  it('allow_expired_window: an expired token is fetched with allow_expired only within the window', async () => {
    const clock = new TestClock();
    await withServer(
      { token: { expiration: '60', allow_expired_window: '30' } },
      async (api) => {
        const member = await api.userWithRole('member');
        clock.advance(61_000);
        const admin = await api.token({ name: 'admin', domain: { id: 'default' } }, api.adminPassword, {
          system: { all: true },
        });
        const fetchExpired = () => api.get('/auth/tokens?allow_expired=1', admin, { 'X-Subject-Token': member.token });
        expect((await fetchExpired()).status).toBe(200);
        clock.advance(30_000); // 91 s after issue: past the 30 s window (the default window is two days)
        expectKeystoneError(await fetchExpired(), 404);
      },
      clock,
    );
  });

  it('cache_on_issue = false: a new token is not cached, so a change behind the cache is seen at once', async () => {
    for (const [config, status] of [
      [{}, 200],
      [{ token: { cache_on_issue: 'false' } }, 404],
    ] as const) {
      await withServer(config, async (api, server) => {
        const admin = await api.systemToken();
        const member = await api.userWithRole('member');
        await disableUserInDatabase(server, member.user.id);
        expect((await validate(api, admin, member.token)).status, JSON.stringify(config)).toBe(status);
      });
    }
  });

  it('caching = false: every validation reads the database, so a change behind the server is seen at once', async () => {
    await withServer({ token: { caching: 'false' } }, async (api, server) => {
      const admin = await api.systemToken();
      const member = await api.userWithRole('member');
      expect((await validate(api, admin, member.token)).status).toBe(200);
      await disableUserInDatabase(server, member.user.id);
      expect((await validate(api, admin, member.token)).status).toBe(404);
    });
  });

  it('cache_time: a cached validation is reused for that many seconds only', async () => {
    const clock = new TestClock();
    await withServer(
      { token: { cache_time: '1' } },
      async (api, server) => {
        const admin = await api.systemToken();
        const member = await api.userWithRole('member');
        expect((await validate(api, admin, member.token)).status).toBe(200);
        await disableUserInDatabase(server, member.user.id);
        expect((await validate(api, admin, member.token)).status).toBe(200); // from the cache
        // The token cache reads the server's clock (cache/bounded-cache.ts): move it past the second.
        clock.advance(2000);
        expect((await validate(api, admin, member.token)).status).toBe(404);
      },
      clock,
    );
  });
});

describe('[cache] and [catalog] caching', () => {
  /** The catalog a token sees, after its endpoint URL changed behind the cache and the clock moved `seconds`. */
  async function catalogAfterChange(config: Config, seconds: number): Promise<{ seen: string[]; changed: string }> {
    const clock = new TestClock();
    return withServer(
      config,
      async (api, server) => {
        const admin = await api.adminToken();
        await catalogUrls(api, admin); // fills the catalog cache
        const changed = await changeEndpointUrlInDatabase(server);
        clock.advance(seconds * 1000);
        return { seen: await catalogUrls(api, admin), changed };
      },
      clock,
    );
  }

  it('by default the catalog is cached: the change is not seen ten minutes minus a second later', async () => {
    const { seen, changed } = await catalogAfterChange({}, 599);
    expect(seen).not.toContain(changed);
  });

  it('[cache] enabled = false: nothing is cached, the change is seen at once', async () => {
    const { seen, changed } = await catalogAfterChange({ cache: { enabled: 'false' } }, 0);
    expect(seen).toContain(changed);
  });

  it('[catalog] caching = false: the catalog is read every time', async () => {
    const { seen, changed } = await catalogAfterChange({ catalog: { caching: 'false' } }, 0);
    expect(seen).toContain(changed);
  });

  it('[catalog] cache_time: the cached catalog is dropped after that many seconds', async () => {
    const early = await catalogAfterChange({ catalog: { cache_time: '5' } }, 4);
    expect(early.seen).not.toContain(early.changed);
    const { seen, changed } = await catalogAfterChange({ catalog: { cache_time: '5' } }, 6);
    expect(seen).toContain(changed);
  });

  it('[cache] expiration_time: the default lifetime of cached data, here the catalog', async () => {
    const { seen, changed } = await catalogAfterChange({ cache: { expiration_time: '5' } }, 6);
    expect(seen).toContain(changed);
  });

  it('[cache] enabled = false also turns off the token cache', async () => {
    await withServer({ cache: { enabled: 'false' } }, async (api, server) => {
      const admin = await api.systemToken();
      const member = await api.userWithRole('member');
      expect((await validate(api, admin, member.token)).status).toBe(200);
      await disableUserInDatabase(server, member.user.id);
      expect((await validate(api, admin, member.token)).status).toBe(404);
    });
  });
});

describe('[fernet_tokens] max_active_keys', () => {
  it('a rotation keeps max_active_keys - 1 keys besides the staged one: with 2, the previous primary key goes', async () => {
    await withServer({ cache: { enabled: 'false' } }, async (api, server) => {
      const member = await api.userWithRole('member');
      const dataDir = mkdtempSync(join(tmpdir(), 'xloud-rotate-'));
      const rotate = (maxActiveKeys?: string) =>
        runManage(['fernet_rotate'], {
          XLOUD_DATA_DIR: dataDir,
          XLOUD__FERNET_TOKENS__KEY_REPOSITORY: server.container.conf.fernet_tokens.key_repository,
          ...(maxActiveKeys ? { XLOUD__FERNET_TOKENS__MAX_ACTIVE_KEYS: maxActiveKeys } : {}),
        });
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        expect(await rotate()).toBe(0); // the default, 3: the key that signed the token stays
        expect((await validate(api, await api.systemToken(), member.token)).status).toBe(200);
        expect(await rotate('2')).toBe(0);
      } finally {
        log.mockRestore();
        rmSync(dataDir, { recursive: true, force: true });
      }
      const keys = readdirSync(server.container.conf.fernet_tokens.key_repository).filter((name) => /^\d+$/.test(name));
      expect(keys).toHaveLength(2);
      // The server reads the key directory again when its watcher reports the rotation: soon, not at once.
      const onDisk = keys.map(Number).sort((a, b) => b - a);
      await vi.waitFor(
        () => expect(repositoryKeys(server.container.keyRepositories.token).map((key) => key.index)).toEqual(onDisk),
        {
          timeout: 20_000,
          interval: 20,
        },
      );
      const admin = await api.token({ name: 'admin', domain: { id: 'default' } }, api.adminPassword, {
        system: { all: true },
      });
      expectKeystoneError(await validate(api, admin, member.token), 404);
    });
  });
});

describe('[credential] key_repository', () => {
  it('credential secrets are encrypted with the keys of that directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'xloud-credential-keys-')), 'keys');
    setupFernetKeys(dir, { maxActiveKeys: 3 });
    try {
      await withServer({ credential: { key_repository: dir } }, async (api, server) => {
        const res = await api.post('/credentials', await api.adminToken(), {
          credential: { type: 'cert', blob: 'secret', user_id: (await api.createUser()).id },
        });
        expect(res.status).toBe(201);
        const row = await server.container.database.db
          .selectFrom('credential')
          .select('key_hash')
          .where('id', '=', res.body.credential.id)
          .executeTakeFirstOrThrow();
        const primary = readdirSync(dir)
          .filter((name) => /^\d+$/.test(name))
          .map(Number)
          .sort((a, b) => b - a)[0]!;
        expect(row.key_hash).toBe(
          createHash('sha1')
            .update(readFileSync(join(dir, String(primary)), 'utf8'))
            .digest('hex'),
        );
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('[application_credential] user_limit', () => {
  it('a user cannot own more application credentials than the limit (403)', async () => {
    await withServer({ application_credential: { user_limit: '1' } }, async (api) => {
      const member = await api.userWithRole('member');
      const create = () =>
        api.post(`/users/${member.user.id}/application_credentials`, member.token, {
          application_credential: { name: uniq('ac') },
        });
      expect((await create()).status).toBe(201);
      expectKeystoneError(await create(), 403);
    });
  });
});

describe('[identity]', () => {
  it('max_password_length: a password of more characters is refused with 400', async () => {
    await withServer({ identity: { max_password_length: '20' } }, async (api) => {
      const admin = await api.adminToken();
      expectKeystoneError(
        await api.post('/users', admin, {
          user: { name: uniq('u'), domain_id: 'default', password: 'twenty-one-characters' },
        }),
        400,
      );
      expect(
        (
          await api.post('/users', admin, {
            user: { name: uniq('u'), domain_id: 'default', password: 'twenty-characters-ok' },
          })
        ).status,
      ).toBe(201);
    });
  });

  it('default_domain_id: bootstrap creates and uses that domain instead of "default"', async () => {
    await withServer({ identity: { default_domain_id: 'd0main' } }, async (api) => {
      const token = await api.token({ name: 'admin', domain: { id: 'd0main' } }, api.adminPassword, {
        system: { all: true },
      });
      expect((await api.get('/domains/d0main', token)).body.domain.name).toBe('Default');
      expectKeystoneError(await api.get('/domains/default', token), 404);
    });
  });

  it('password_hash_algorithm, password_hash_rounds, salt_bytesize, scrypt_block_size, scrypt_parallelism: the stored hash', async () => {
    const config = {
      identity: {
        password_hash_algorithm: 'scrypt',
        password_hash_rounds: '5',
        salt_bytesize: '24',
        scrypt_block_size: '4',
        scrypt_parallelism: '2',
      },
    };
    await withServer(config, async (api, server) => {
      const user = await api.createUser();
      const row = await server.container.database.db
        .selectFrom('identity_user')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      const [, name, params, salt] = row.password_hash!.split('$');
      expect([name, params]).toEqual(['scrypt', 'ln=5,r=4,p=2']);
      expect(Buffer.from(salt!, 'base64')).toHaveLength(24);
      expect((await api.issue(passwordAuth({ id: user.id }, user.password))).status).toBe(201);
    });
  });

  it('list_limit: user lists are truncated, project lists are not', async () => {
    await withServer({ identity: { list_limit: '2' } }, async (api) => {
      for (let i = 0; i < 2; i += 1) await api.createUser();
      const res = await api.get('/users', await api.adminToken());
      expect(res.body.users).toHaveLength(2);
      expect(res.body.truncated).toBe(true);
      expect((await api.get('/projects', await api.adminToken())).body.truncated).toBeUndefined();
    });
  });
});

describe('[resource] and [catalog] list_limit', () => {
  it('[resource] list_limit: project lists are truncated', async () => {
    await withServer({ resource: { list_limit: '1' } }, async (api) => {
      await api.createProject();
      const res = await api.get('/projects', await api.adminToken());
      expect(res.body.projects).toHaveLength(1);
      expect(res.body.truncated).toBe(true);
    });
  });

  it('[catalog] list_limit: service lists are truncated', async () => {
    await withServer({ catalog: { list_limit: '1' } }, async (api) => {
      const system = await api.systemToken();
      expect((await api.post('/services', system, { service: { type: 'compute', name: 'nova' } })).status).toBe(201);
      const res = await api.get('/services', system);
      expect(res.body.services).toHaveLength(1);
      expect(res.body.truncated).toBe(true);
    });
  });
});

describe('[auth] methods', () => {
  it('a method left out of the list is refused (401)', async () => {
    await withServer({ auth: { methods: 'password' } }, async (api) => {
      const admin = await api.adminToken();
      expectKeystoneError(await api.issue(tokenAuth(admin)), 401);
    });
  });
});

describe('[assignment] prohibited_implied_role', () => {
  it('the listed roles may not be implied; admin, no longer listed, may', async () => {
    await withServer({ assignment: { prohibited_implied_role: 'auditor' } }, async (api) => {
      const system = await api.systemToken();
      const prior = await api.createRole();
      const auditor = await api.createRole({ name: 'auditor' });
      expectKeystoneError(await api.put(`/roles/${prior.id}/implies/${auditor.id}`, system), 403);
      expect((await api.put(`/roles/${prior.id}/implies/${await api.roleId('admin')}`, system)).status).toBe(201);
    });
  });
});

describe('[revoke] expiration_buffer', () => {
  it('a revocation event is pruned once the tokens it revokes expired plus the buffer', async () => {
    const clock = new TestClock();
    await withServer(
      { token: { expiration: '60' }, revoke: { expiration_buffer: '0' } },
      async (api, server) => {
        const events = async () =>
          Number(
            (
              await server.container.database.db
                .selectFrom('revocation_event')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const system = await api.systemToken();
        const revokeOne = async () => {
          const member = await api.userWithRole('member');
          expect((await api.delete('/auth/tokens', system, { 'X-Subject-Token': member.token })).status).toBe(204);
        };
        await revokeOne();
        expect(await events()).toBe(1);
        clock.advance(30_000);
        await revokeOne(); // within 60 s + 0: the first event stays
        expect(await events()).toBe(2);
        clock.advance(31_000); // the first event is 61 s old: with the default buffer (1800 s) it would stay
        const later = new ApiClient(server); // fresh admin tokens: the first ones expired
        const member = await later.userWithRole('member');
        expect(
          (await later.delete('/auth/tokens', await later.systemToken(), { 'X-Subject-Token': member.token })).status,
        ).toBe(204);
        expect(await events()).toBe(2);
      },
      clock,
    );
  });
});

describe('[oslo_policy]', () => {
  it('policy_file: its rules override the defaults', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xloud-policy-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, '"identity:list_regions": "!"\n');
    try {
      await withServer({ oslo_policy: { policy_file: file } }, async (api) => {
        const system = await api.systemToken();
        expectKeystoneError(await api.get('/regions', system), 403);
        expect((await api.get('/services', system)).status).toBe(200);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('enforce_scope = false: a token of a scope the rule does not list is let through when the check string passes', async () => {
    // identity:create_region is for system- and project-scoped admins; this admin's token is domain-scoped.
    const createRegion = async (api: ApiClient) => {
      const user = await api.createUser();
      await api.grant({ user: user.id }, { domain: 'default' }, 'admin');
      const token = await api.token({ id: user.id }, user.password, { domain: { id: 'default' } });
      return (await api.post('/regions', token, { region: { id: uniq('region') } })).status;
    };
    await withServer({}, async (api) => expect(await createRegion(api)).toBe(403));
    await withServer({ oslo_policy: { enforce_scope: 'false' } }, async (api) =>
      expect(await createRegion(api)).toBe(201),
    );
  });
});

describe('[security_compliance]', () => {
  const changeOwn = (api: ApiClient, user: { id: string }, token: string, original: string, password: string) =>
    api.post(`/users/${user.id}/password`, token, { user: { original_password: original, password } });

  it('password_expires_days: a password stops signing in after that many days', async () => {
    const clock = new TestClock();
    await withServer(
      { security_compliance: { password_expires_days: '1' } },
      async (api) => {
        const user = await api.createUser();
        expect(
          (await api.get(`/users/${user.id}`, await api.adminToken())).body.user.password_expires_at,
        ).not.toBeNull();
        expect((await api.issue(passwordAuth({ id: user.id }, user.password))).status).toBe(201);
        clock.advance(86_401_000);
        const res = await api.issue(passwordAuth({ id: user.id }, user.password));
        expectKeystoneError(res, 401);
        expect(res.body.error.message).toContain('expired');
      },
      clock,
    );
  });

  it('lockout_duration: a locked account opens again after that many seconds', async () => {
    const clock = new TestClock();
    await withServer(
      { security_compliance: { lockout_failure_attempts: '1', lockout_duration: '60' } },
      async (api) => {
        const user = await api.createUser();
        expectKeystoneError(await api.issue(passwordAuth({ id: user.id }, 'wrong-password')), 401);
        expectKeystoneError(await api.issue(passwordAuth({ id: user.id }, user.password)), 401); // locked
        clock.advance(59_000);
        expectKeystoneError(await api.issue(passwordAuth({ id: user.id }, user.password)), 401);
        clock.advance(2000); // the default duration is 1800 s
        expect((await api.issue(passwordAuth({ id: user.id }, user.password))).status).toBe(201);
      },
      clock,
    );
  });

  it('unique_last_password_count: a user cannot go back to a recent password', async () => {
    await withServer({ security_compliance: { unique_last_password_count: '3' } }, async (api) => {
      const user = await api.createUser({ password: 'first-password' });
      expect(
        (
          await changeOwn(
            api,
            user,
            await api.token({ id: user.id }, 'first-password'),
            'first-password',
            'second-password',
          )
        ).status,
      ).toBe(204);
      const res = await changeOwn(
        api,
        user,
        await api.token({ id: user.id }, 'second-password'),
        'second-password',
        'first-password',
      );
      expectKeystoneError(res, 400);
    });
  });

  it('minimum_password_age: a user cannot change a password again until it is that many days old', async () => {
    const clock = new TestClock();
    await withServer(
      { security_compliance: { minimum_password_age: '1' } },
      async (api) => {
        const user = await api.createUser({ password: 'first-password' });
        const token = await api.token({ id: user.id }, 'first-password');
        expectKeystoneError(await changeOwn(api, user, token, 'first-password', 'second-password'), 400);
        clock.advance(86_401_000);
        const later = await api.token({ id: user.id }, 'first-password');
        expect((await changeOwn(api, user, later, 'first-password', 'second-password')).status).toBe(204);
      },
      clock,
    );
  });

  it('password_regex and password_regex_description: a password not matching is refused with the description', async () => {
    // The test server's admin password (lowercase and hyphens, 19 characters) matches.
    const config = {
      security_compliance: {
        password_regex: '^[a-z-]{12,}$',
        password_regex_description: 'twelve or more lowercase letters',
      },
    };
    await withServer(config, async (api) => {
      const admin = await api.adminToken();
      const res = await api.post('/users', admin, {
        user: { name: uniq('u'), domain_id: 'default', password: 'Short-1' },
      });
      expectKeystoneError(res, 400);
      expect(res.body.error.message).toContain('twelve or more lowercase letters');
      expect(
        (
          await api.post('/users', admin, {
            user: { name: uniq('u'), domain_id: 'default', password: 'long-enough-password' },
          })
        ).status,
      ).toBe(201);
    });
  });

  it('change_password_upon_first_use: a password set by an administrator must be changed before signing in', async () => {
    await withServer({ security_compliance: { change_password_upon_first_use: 'true' } }, async (first, server) => {
      const mustChange = async (api: ApiClient, userId: string, password: string, newPassword: string) => {
        const res = await api.issue(passwordAuth({ id: userId }, password));
        expectKeystoneError(res, 401);
        expect(res.body.error.message).toContain('needs to be changed');
        expect(
          (
            await api.post(`/users/${userId}/password`, undefined, {
              user: { original_password: password, password: newPassword },
            })
          ).status,
        ).toBe(204);
        expect((await api.issue(passwordAuth({ id: userId }, newPassword))).status).toBe(201);
      };
      // Even the bootstrapped admin (its password was set by xloud-manage, as keystone-manage bootstrap does).
      const adminUser = await server.container.services.identity.findUserByName('default', 'admin');
      await mustChange(first, adminUser!.id, first.adminPassword, 'changed-admin-password');
      const api = new ApiClient({ ...server, adminPassword: 'changed-admin-password' });
      const user = await api.createUser();
      await mustChange(api, user.id, user.password, 'a-new-password');
    });
  });
});

/** Another node over `first`'s database and key repositories (as behind a load balancer), with `config` on top. */
async function secondNode(first: TestServer, config: Config): Promise<{ api: ApiClient; close(): Promise<void> }> {
  const connection = first.container.conf.database.connection;
  const conf = loadConfig({
    env: {},
    overrides: {
      ...config,
      database: {
        connection:
          connection.kind === 'sqlite' ? `sqlite:////${connection.filename.replace(/^\/+/, '')}` : connection.url,
      },
      fernet_tokens: { key_repository: first.container.conf.fernet_tokens.key_repository },
      credential: { key_repository: first.container.conf.credential.key_repository },
      identity: { password_hash_rounds: '4' },
    },
  });
  const container = await buildContainer(conf);
  const app = await buildApp(container);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    api: new ApiClient({ baseUrl, adminPassword: first.adminPassword, close: async () => undefined }),
    close: async () => {
      await app.close();
      await container.close();
    },
  };
}

describe('[cache] invalidation_poll_interval', () => {
  it("0: a node no longer hears of other nodes' writes and keeps serving its cached validation", async () => {
    await withServer({}, async (a, server) => {
      const polling = await secondNode(server, {}); // the default: every second
      const deaf = await secondNode(server, { cache: { invalidation_poll_interval: '0' } });
      try {
        const admin = await a.systemToken();
        const member = await a.userWithRole('member');
        expect((await validate(polling.api, admin, member.token)).status).toBe(200);
        expect((await validate(deaf.api, admin, member.token)).status).toBe(200);
        expect((await a.delete('/auth/tokens', admin, { 'X-Subject-Token': member.token })).status).toBe(204);
        await vi.waitFor(async () => expect((await validate(polling.api, admin, member.token)).status).toBe(404), {
          timeout: 5000,
          interval: 200,
        });
        expect((await validate(deaf.api, admin, member.token)).status).toBe(200);
      } finally {
        await deaf.close();
        await polling.close();
      }
    });
  });
});

describe('[database] connection_recycle_time (PostgreSQL)', { tags: ['postgres'] }, () => {
  /** The backend serving requests before and after 1.5 s of the server's time (connections are aged by its clock). */
  async function backendsAcrossAPause(recycle: Record<string, string>): Promise<{ before: number[]; after: number[] }> {
    const clock = TestClock.running();
    return withServer(
      { database: { ...recycle, max_pool_size: '1' } },
      async (api, server) => {
        const connection = server.container.conf.database.connection;
        if (connection.kind === 'sqlite') throw new Error('expected PostgreSQL');
        const observer = new pg.Client({ connectionString: connection.url });
        await observer.connect();
        try {
          /** The server's pooled backends: its pool holds one connection (max_pool_size = 1); the LISTEN connection is apart. */
          const serverBackends = async () => {
            const admin = await api.adminToken();
            expect((await api.get('/users', admin)).status).toBe(200);
            const res = await observer.query<{ pid: number }>(
              "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query <> 'LISTEN xloud_changes'",
            );
            return res.rows.map((row) => row.pid);
          };
          const before = await serverBackends();
          clock.advance(1500);
          return { before, after: await serverBackends() };
        } finally {
          await observer.end();
        }
      },
      clock,
      'postgres',
    );
  }

  it('by default the same connection keeps serving', async () => {
    const { before, after } = await backendsAcrossAPause({});
    expect(before).toHaveLength(1);
    expect(after).toEqual(before);
  });

  it('a pooled connection older than connection_recycle_time seconds is replaced by a new backend', async () => {
    const { before, after } = await backendsAcrossAPause({ connection_recycle_time: '1' });
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
  });
});

describe('[eventlet_server] public_bind_host and public_port, [DEFAULT] use_stderr (the real server process)', {
  tags: ['compiled-bin'],
}, () => {
  const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
  // Another loopback address: the server must listen there and not on 127.0.0.1.
  const HOST = '127.0.0.2';

  const freePort = () =>
    new Promise<number>((done, fail) => {
      const probe = createServer().listen(0, HOST, () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => done(port));
      });
      probe.on('error', fail);
    });

  it('the server (bin/xloud-identity.mjs, compiled) listens on that address and port, and logs to standard error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xloud-main-'));
    const port = await freePort();
    const confFile = join(dir, 'keystone.conf');
    writeFileSync(
      confFile,
      `[DEFAULT]\nuse_stderr = true\n[eventlet_server]\npublic_bind_host = ${HOST}\npublic_port = ${port}\n` +
        '[identity]\npassword_hash_rounds = 4\n[dashboard]\nenabled = false\n',
    );
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('XLOUD')));
    const child = spawn(process.execPath, ['packages/server/bin/xloud-identity.mjs'], {
      cwd: REPO_ROOT,
      env: {
        ...env,
        XLOUD_DATA_DIR: join(dir, 'data'),
        XLOUD_CONFIG: confFile,
        XLOUD_ADMIN_PASSWORD: 'child-admin-password',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    try {
      await vi.waitFor(() => expect(stderr).toContain('listening on'), { timeout: 60_000, interval: 200 });
      const res = await fetch(`http://${HOST}:${port}/v3`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { version: { id: string } }).version.id).toBe('v3.14');
      await expect(fetch(`http://127.0.0.1:${port}/v3`)).rejects.toThrow();
      expect(stdout).not.toContain('listening on');
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
