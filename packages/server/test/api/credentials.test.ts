/**
 * /v3/credentials over HTTP: create (ec2 ids, validation), read, list filters, update, delete, the owner / admin /
 * system-reader policy, delegated tokens, and encryption at rest (the raw row, opened with the key repository).
 * Runs against SQLite and PostgreSQL; with XLOUD_TEST_TARGET against the reference Keystone (database checks skipped).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTarget } from '../helpers/target.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { openFernetToken, parseFernetKey } from '../../src/token/providers/fernet/fernet-envelope.ts';
import { ApiClient, DATABASES, expectKeystoneError, isExternalTarget, uniq, type ApiTarget } from './api-client.ts';

const ours = !isExternalTarget();
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ec2Blob = (access = uniq('access'), secret = uniq('secret')) => JSON.stringify({ access, secret });

describe.each(DATABASES)('credentials (%s)', (database) => {
  let target: ApiTarget;
  let server: TestServer | undefined;
  let api: ApiClient;
  let admin: string;
  let adminUserId: string;
  let project: any;
  /** member on `project`, with a project-scoped token. */
  let owner: { user: any; token: string };
  let other: { user: any; token: string };
  /** reader on the system. */
  let sysReader: string;

  beforeAll(async () => {
    server = ours ? await startTestServer({ database }) : undefined;
    target = server ?? (await getTarget({ database }));
    api = new ApiClient(target);
    admin = await api.adminToken();
    adminUserId = (await api.get('/auth/tokens', admin, { 'X-Subject-Token': admin })).body.token.user.id;
    project = await api.createProject();
    const a = await api.userWithRole('member', project.id);
    owner = { user: a.user, token: a.token };
    const b = await api.userWithRole('member', project.id);
    other = { user: b.user, token: b.token };
    const reader = await api.createUser();
    await api.grant({ user: reader.id }, { system: 'all' }, 'reader');
    sysReader = await api.token({ id: reader.id }, reader.password, { system: { all: true } });
  });

  afterAll(async () => {
    await target?.close();
  });

  async function create(token: string, credential: Record<string, unknown>) {
    return api.post('/credentials', token, { credential });
  }

  async function createOk(token: string, credential: Record<string, unknown>) {
    const res = await create(token, credential);
    if (res.status !== 201) throw new Error(`create credential: ${res.status} ${res.text}`);
    return res.body.credential;
  }

  describe('create', () => {
    it('a non-ec2 credential gets a random id and echoes what was stored; a client id is ignored', async () => {
      const res = await create(admin, {
        blob: 'cert-secret',
        type: 'cert',
        user_id: owner.user.id,
        id: 'chosen',
        extra_attr: 'kept',
      });
      expect(res.status).toBe(201);
      const c = res.body.credential;
      expect(c.id).toMatch(/^[0-9a-f]{32}$/);
      expect(c).toMatchObject({
        user_id: owner.user.id,
        project_id: null,
        type: 'cert',
        blob: 'cert-secret',
        extra_attr: 'kept',
      });
      expect(c.links.self).toBe(`${api.baseUrl}/v3/credentials/${c.id}`);
    });

    it('an ec2 credential is named by the SHA-256 of its access key; the same key again is a 409', async () => {
      const access = uniq('ak');
      const blob = ec2Blob(access);
      const c = await createOk(admin, { blob, type: 'ec2', user_id: owner.user.id, project_id: project.id });
      expect(c.id).toBe(sha256(access));
      expect(c).toMatchObject({ user_id: owner.user.id, project_id: project.id, type: 'ec2', blob });
      const again = await create(admin, { blob, type: 'ec2', user_id: owner.user.id, project_id: project.id });
      expectKeystoneError(again, 409);
      expect(again.body.error.message).toContain(sha256(access));
    });

    it('an ec2 credential needs a project and a JSON object blob with an access key', async () => {
      const base = { type: 'ec2', user_id: owner.user.id, project_id: project.id };
      expectKeystoneError(await create(admin, { blob: ec2Blob(), type: 'ec2', user_id: owner.user.id }), 400);
      const notJson = await create(admin, { ...base, blob: 'not json' });
      expectKeystoneError(notJson, 400);
      expect(notJson.body.error.message).toBe('Invalid blob in credential');
      for (const blob of ['{}', '[1]', '1']) {
        const res = await create(admin, { ...base, blob });
        expectKeystoneError(res, 400);
        expect(res.body.error.message).toMatch(/^Expecting to find blob in credential/);
      }
      const noAccess = await create(admin, { ...base, blob: '{"secret": "s"}' });
      expectKeystoneError(noAccess, 400);
      expect(noAccess.body.error.message).toMatch(/^Expecting to find access in credential/);
    });

    it('blob, type and user_id are required strings', async () => {
      expectKeystoneError(await create(admin, { type: 'cert', user_id: owner.user.id }), 400);
      expectKeystoneError(await create(admin, { blob: 'x', user_id: owner.user.id }), 400);
      expectKeystoneError(await create(admin, { blob: 'x', type: 'cert' }), 400);
      expectKeystoneError(await create(admin, { blob: 1, type: 'cert', user_id: owner.user.id }), 400);
      expectKeystoneError(await api.post('/credentials', admin, {}), 400);
    });

    it('a user may create credentials for themselves only; an admin for anyone', async () => {
      const own = await create(owner.token, { blob: 'mine', type: 'totp', user_id: owner.user.id });
      expect(own.status).toBe(201);
      expectKeystoneError(await create(owner.token, { blob: 'theirs', type: 'totp', user_id: other.user.id }), 403);
      expect((await create(admin, { blob: 'for them', type: 'totp', user_id: other.user.id })).status).toBe(201);
    });

    it.runIf(ours)(
      'values the database cannot hold are a 4xx, never a 500 (PostgreSQL is strict where SQLite is not)',
      async () => {
        expectKeystoneError(await create(admin, { blob: 'x', type: 't'.repeat(256), user_id: owner.user.id }), 400);
        expectKeystoneError(await create(admin, { blob: 'x', type: 'cert', user_id: 'u'.repeat(65) }), 400);
        expectKeystoneError(await create(admin, { blob: 'x', type: 'a\u0000b', user_id: owner.user.id }), 400);
        // The blob is stored encrypted, so a NUL in it is fine.
        const nul = await createOk(admin, { blob: 'a\u0000b', type: 'cert', user_id: owner.user.id });
        expect((await api.get(`/credentials/${nul.id}`, admin)).body.credential.blob).toBe('a\u0000b');
        expectKeystoneError(await api.get('/credentials/%00', admin), 404);
        expectKeystoneError(await api.patch('/credentials/a%00b', admin, { credential: { blob: 'x' } }), 404);
        const list = await api.get('/credentials?user_id=%00&type=%00', admin);
        expect(list.status).toBe(200);
        expect(list.body.credentials).toEqual([]);
      },
    );

    it('requires a token', async () => {
      expectKeystoneError(await create('', { blob: 'x', type: 'cert', user_id: owner.user.id }), 401);
    });
  });

  describe('read and list', () => {
    let mine: any;
    let theirs: any;
    let mineEc2: any;

    beforeAll(async () => {
      mine = await createOk(owner.token, { blob: uniq('mine'), type: 'cert', user_id: owner.user.id });
      mineEc2 = await createOk(owner.token, {
        blob: ec2Blob(),
        type: 'ec2',
        user_id: owner.user.id,
        project_id: project.id,
      });
      theirs = await createOk(other.token, { blob: uniq('theirs'), type: 'cert', user_id: other.user.id });
    });

    it('GET returns the decrypted blob to the owner and to an admin', async () => {
      for (const token of [owner.token, admin]) {
        const res = await api.get(`/credentials/${mine.id}`, token);
        expect(res.status).toBe(200);
        expect(res.body.credential).toEqual(mine);
      }
    });

    it("another user gets a 403 for someone else's credential, and for one that does not exist", async () => {
      expectKeystoneError(await api.get(`/credentials/${theirs.id}`, owner.token), 403);
      expectKeystoneError(await api.get(`/credentials/${uniq('missing')}`, owner.token), 403);
      expectKeystoneError(await api.get(`/credentials/${uniq('missing')}`, admin), 404);
    });

    it('a system reader may read anyone’s credential but not create one for someone else', async () => {
      const res = await api.get(`/credentials/${theirs.id}`, sysReader);
      expect(res.status).toBe(200);
      expect(res.body.credential.blob).toBe(theirs.blob);
      expectKeystoneError(await create(sysReader, { blob: 'x', type: 'cert', user_id: other.user.id }), 403);
    });

    it('a user lists only their own credentials, whatever the filter says', async () => {
      const res = await api.get('/credentials', owner.token);
      expect(res.status).toBe(200);
      const ids = res.body.credentials.map((c: any) => c.id);
      expect(ids).toContain(mine.id);
      expect(ids).toContain(mineEc2.id);
      expect(ids).not.toContain(theirs.id);
      for (const c of res.body.credentials) expect(c.user_id).toBe(owner.user.id);
      const filtered = await api.get(`/credentials?user_id=${other.user.id}`, owner.token);
      expect(filtered.status).toBe(200);
      expect(filtered.body.credentials).toEqual([]);
    });

    it('an admin lists everyone’s; user_id and type filter, and the self link keeps the query', async () => {
      const all = await api.get('/credentials', admin);
      const ids = all.body.credentials.map((c: any) => c.id);
      expect(ids).toEqual(expect.arrayContaining([mine.id, mineEc2.id, theirs.id]));
      expect(all.body.links).toMatchObject({ self: `${api.baseUrl}/v3/credentials`, previous: null, next: null });

      const byUser = await api.get(`/credentials?user_id=${owner.user.id}&type=ec2`, admin);
      expect(byUser.status).toBe(200);
      expect(byUser.body.credentials.find((c: any) => c.id === mineEc2.id)).toEqual(mineEc2);
      for (const c of byUser.body.credentials) expect(c).toMatchObject({ user_id: owner.user.id, type: 'ec2' });
      expect(byUser.body.credentials.map((c: any) => c.id)).not.toContain(mine.id);
      expect(byUser.body.links.self).toBe(`${api.baseUrl}/v3/credentials?user_id=${owner.user.id}&type=ec2`);

      const sys = await api.get(`/credentials?user_id=${other.user.id}`, sysReader);
      expect(sys.body.credentials.map((c: any) => c.id)).toContain(theirs.id);
    });
  });

  describe('update and delete', () => {
    it('PATCH replaces the blob and merges extra attributes; the response carries the new blob', async () => {
      const c = await createOk(owner.token, { blob: 'v1', type: 'cert', user_id: owner.user.id, note: 'a' });
      const res = await api.patch(`/credentials/${c.id}`, owner.token, { credential: { blob: 'v2' } });
      expect(res.status).toBe(200);
      expect(res.body.credential).toEqual({ ...c, blob: 'v2' });
      expect((await api.get(`/credentials/${c.id}`, owner.token)).body.credential.blob).toBe('v2');
    });

    it.runIf(ours)(
      'PATCH of an ec2 credential may move it to another project and change its keys (Tempest; Keystone master)',
      async () => {
        // Debian's Keystone 22 (deb12u6) accepts only `blob` in a PATCH; master, and Tempest, send project_id and type too.
        const projectB = await api.createProject();
        const c = await createOk(admin, {
          blob: ec2Blob(),
          type: 'ec2',
          user_id: owner.user.id,
          project_id: project.id,
        });
        const blob = ec2Blob(uniq('new-access'));
        const res = await api.patch(`/credentials/${c.id}`, admin, {
          credential: { blob, project_id: projectB.id, type: 'ec2', extra_attr: 'x' },
        });
        expect(res.status).toBe(200);
        expect(res.body.credential).toMatchObject({
          id: c.id,
          user_id: owner.user.id,
          project_id: projectB.id,
          type: 'ec2',
          blob,
          extra_attr: 'x',
        });
        const got = await api.get(`/credentials/${c.id}`, admin);
        expect(got.body.credential).toEqual(res.body.credential);
      },
    );

    it.runIf(ours)(
      'PATCH cannot change the id, give the credential away, or make an ec2 credential without a project',
      async () => {
        const c = await createOk(owner.token, { blob: 'v1', type: 'cert', user_id: owner.user.id });
        const id = await api.patch(`/credentials/${c.id}`, owner.token, { credential: { id: 'other', blob: 'x' } });
        expectKeystoneError(id, 400);
        expect(id.body.error.message).toBe('Cannot change ID');
        expectKeystoneError(
          await api.patch(`/credentials/${c.id}`, owner.token, { credential: { user_id: other.user.id } }),
          403,
        );
        const ec2 = await api.patch(`/credentials/${c.id}`, owner.token, { credential: { type: 'ec2' } });
        expectKeystoneError(ec2, 400);
        expect(ec2.body.error.message).toMatch(/^Expecting to find project_id in credential/);
        const unchanged = await api.get(`/credentials/${c.id}`, owner.token);
        expect(unchanged.body.credential).toEqual(c);
      },
    );

    it('PATCH needs a non-empty credential, permission, and an existing credential', async () => {
      const c = await createOk(owner.token, { blob: 'v1', type: 'cert', user_id: owner.user.id });
      expectKeystoneError(await api.patch(`/credentials/${c.id}`, owner.token, { credential: {} }), 400);
      expectKeystoneError(await api.patch(`/credentials/${c.id}`, owner.token, { credential: { blob: 1 } }), 400);
      expectKeystoneError(
        await api.patch(`/credentials/${c.id}`, other.token, { credential: { blob: 'stolen' } }),
        403,
      );
      expectKeystoneError(
        await api.patch(`/credentials/${uniq('missing')}`, admin, { credential: { blob: 'x' } }),
        404,
      );
      expect((await api.get(`/credentials/${c.id}`, owner.token)).body.credential.blob).toBe('v1');
    });

    it('DELETE by the owner is a 204, then the credential is gone; others get a 403', async () => {
      const c = await createOk(owner.token, { blob: 'bye', type: 'cert', user_id: owner.user.id });
      expectKeystoneError(await api.delete(`/credentials/${c.id}`, other.token), 403);
      expectKeystoneError(await api.delete(`/credentials/${c.id}`, sysReader), 403);
      const res = await api.delete(`/credentials/${c.id}`, owner.token);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectKeystoneError(await api.get(`/credentials/${c.id}`, owner.token), 403);
      expectKeystoneError(await api.get(`/credentials/${c.id}`, admin), 404);
      expectKeystoneError(await api.delete(`/credentials/${c.id}`, admin), 404);
    });
  });

  describe('delegated tokens', () => {
    it('an application credential token can neither create, read nor list credentials', async () => {
      const mine = await createOk(owner.token, { blob: uniq('mine'), type: 'cert', user_id: owner.user.id });
      const ac = await api.post(`/users/${owner.user.id}/application_credentials`, owner.token, {
        application_credential: { name: uniq('ac') },
      });
      expect(ac.status).toBe(201);
      const auth = await api.issue({
        auth: {
          identity: {
            methods: ['application_credential'],
            application_credential: {
              id: ac.body.application_credential.id,
              secret: ac.body.application_credential.secret,
            },
          },
        },
      });
      expect(auth.status).toBe(201);
      const delegated = auth.tokenId;
      expectKeystoneError(await api.get(`/credentials/${mine.id}`, delegated), 403);
      expectKeystoneError(await create(delegated, { blob: 'x', type: 'cert', user_id: owner.user.id }), 403);
      expectKeystoneError(await api.delete(`/credentials/${mine.id}`, delegated), 403);
      const list = await api.get('/credentials', delegated);
      expect(list.status).toBe(200);
      expect(list.body.credentials).toEqual([]);
    });

    it('a trust-scoped token, even one impersonating the owner, can neither read nor create credentials', async () => {
      const mine = await createOk(owner.token, { blob: uniq('mine'), type: 'cert', user_id: owner.user.id });
      const trust = await api.post('/OS-TRUST/trusts', owner.token, {
        trust: {
          trustor_user_id: owner.user.id,
          trustee_user_id: other.user.id,
          project_id: project.id,
          impersonation: true,
          roles: [{ name: 'member' }],
        },
      });
      expect(trust.status).toBe(201);
      const auth = await api.issue({
        auth: {
          identity: { methods: ['password'], password: { user: { id: other.user.id, password: other.user.password } } },
          scope: { 'OS-TRUST:trust': { id: trust.body.trust.id } },
        },
      });
      expect(auth.status).toBe(201);
      expect(auth.body.token.user.id).toBe(owner.user.id);
      expectKeystoneError(await api.get(`/credentials/${mine.id}`, auth.tokenId), 403);
      expectKeystoneError(await create(auth.tokenId, { blob: 'x', type: 'cert', user_id: owner.user.id }), 403);
      expect((await api.get('/credentials', auth.tokenId)).body.credentials).toEqual([]);
    });
  });

  describe.runIf(ours)('at rest', () => {
    const keyFiles = () => {
      const dir = server!.container.conf.credential.key_repository;
      return readdirSync(dir)
        .filter((n) => /^\d+$/.test(n))
        .sort((a, b) => Number(b) - Number(a))
        .map((n) => readFileSync(join(dir, n), 'utf8'));
    };

    async function rawRow(id: string) {
      return server!.container.database.db
        .selectFrom('credential')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    }

    it('the stored blob is a Fernet token under the credential keys, never the plaintext', async () => {
      const secret = uniq('very-secret-value');
      const c = await createOk(admin, { blob: secret, type: 'cert', user_id: owner.user.id });
      const row = await rawRow(c.id);
      expect(row.blob).not.toContain(secret);
      expect(row.blob).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/);
      expect(row.blob.length % 4).toBe(0);
      const keys = keyFiles();
      expect(row.key_hash).toBe(createHash('sha1').update(keys[0]!).digest('hex'));
      expect(openFernetToken(keys.map(parseFernetKey), row.blob).plaintext.toString('utf8')).toBe(secret);
      // Not under the token keys.
      const tokenDir = server!.container.conf.fernet_tokens.key_repository;
      const tokenKeys = readdirSync(tokenDir)
        .filter((n) => /^\d+$/.test(n))
        .map((n) => parseFernetKey(readFileSync(join(tokenDir, n), 'utf8')));
      expect(() => openFernetToken(tokenKeys, row.blob)).toThrow();
    });

    it('ec2 blobs are JSON-encoded before encryption, as Keystone stores them', async () => {
      const blob = ec2Blob();
      const c = await createOk(admin, { blob, type: 'ec2', user_id: owner.user.id, project_id: project.id });
      const row = await rawRow(c.id);
      expect(row.blob).not.toContain(JSON.parse(blob).secret);
      expect(openFernetToken(keyFiles().map(parseFernetKey), row.blob).plaintext.toString('utf8')).toBe(
        JSON.stringify(blob),
      );
    });

    it('an update re-encrypts the new blob', async () => {
      const c = await createOk(owner.token, { blob: 'first', type: 'cert', user_id: owner.user.id });
      const before = (await rawRow(c.id)).blob;
      await api.patch(`/credentials/${c.id}`, owner.token, { credential: { blob: 'second-secret' } });
      const after = await rawRow(c.id);
      expect(after.blob).not.toBe(before);
      expect(after.blob).not.toContain('second-secret');
      expect(openFernetToken(keyFiles().map(parseFernetKey), after.blob).plaintext.toString('utf8')).toBe(
        'second-secret',
      );
    });

    it('deleteForUser removes every credential of a user (for the user deletion path)', async () => {
      const u = await api.createUser();
      const a = await createOk(admin, { blob: 'a', type: 'cert', user_id: u.id });
      const b = await createOk(admin, { blob: ec2Blob(), type: 'ec2', user_id: u.id, project_id: project.id });
      const keep = await createOk(admin, { blob: 'keep', type: 'cert', user_id: adminUserId });
      await server!.container.services.credentials.deleteForUser(u.id);
      expectKeystoneError(await api.get(`/credentials/${a.id}`, admin), 404);
      expectKeystoneError(await api.get(`/credentials/${b.id}`, admin), 404);
      expect((await api.get(`/credentials/${keep.id}`, admin)).status).toBe(200);
    });
  });
});

describe.runIf(ours)('credentials: [credential] user_limit', () => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ database: 'sqlite', config: { credential: { user_limit: '1' } } });
    api = new ApiClient(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('refuses a credential beyond the limit with a 403', async () => {
    const admin = await api.adminToken();
    const u = await api.createUser();
    expect(
      (await api.post('/credentials', admin, { credential: { blob: 'a', type: 'cert', user_id: u.id } })).status,
    ).toBe(201);
    const res = await api.post('/credentials', admin, { credential: { blob: 'b', type: 'cert', user_id: u.id } });
    expectKeystoneError(res, 403);
    expect(res.body.error.message).toBe(
      'Unable to create additional credentials, maximum of 1 already exceeded for user.',
    );
  });
});
