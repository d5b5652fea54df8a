/**
 * Issue #9 item 1, "every core": the real server (the compiled bin) with [DEFAULT] workers = 3, on one SQLite file
 * (and on PostgreSQL and MariaDB, as XLOUD_TEST_DATABASES says).
 *
 * The kernel (node:cluster's round robin, here) spreads connections over the worker processes, and each answer
 * names its worker (X-Xloud-Worker). Every request below opens a fresh connection, so the test can address each
 * worker in turn: it warms every worker's token cache with a token, changes something through one worker, and
 * at once validates through every worker: each must refuse the token on that very next request. The change
 * counter poll is pushed out of reach ([cache] invalidation_poll_interval = 3600): only the announcement between
 * the processes can have dropped the siblings' caches.
 *
 * Then: Fernet keys rotated on disk by `xloud-manage fernet rotate` reach every worker without a restart, and
 * concurrent writes through all workers to the one database never fail (no 5xx; on SQLite no "database is locked").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openFernetToken, parseFernetKey } from '../../src/token/providers/fernet/fernet-envelope.ts';
import { DATABASES } from '../api/api-client.ts';
import { createMysqlDatabase, createPostgresDatabase } from '../helpers/test-server.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
const WORKERS = 3;
const ADMIN_PASSWORD = 'workers-admin-password';

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });

interface Answer {
  status: number;
  worker: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

describe.each(DATABASES)(
  `[DEFAULT] workers = ${WORKERS} (compiled bin, %s)`,
  { tags: ['compiled-bin'] },
  (database) => {
    let dropDatabase: (() => Promise<void>) | undefined;
    let dir: string;
    let port: number;
    let child: ChildProcess;
    let exited: Promise<number | null>;
    let output = '';
    let admin: string;
    let memberRoleId: string;
    let projectId: string;
    const env = () => {
      const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('XLOUD')));
      return { ...inherited, XLOUD_DATA_DIR: join(dir, 'data'), XLOUD_CONFIG: join(dir, 'keystone.conf') };
    };

    /** One request on a connection of its own (no keep-alive): the next one may reach another worker. */
    const call = (
      method: string,
      path: string,
      options: { token?: string; headers?: Record<string, string>; body?: unknown } = {},
    ) =>
      new Promise<Answer>((done, fail) => {
        const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent: false,
            headers: {
              ...(payload ? { 'Content-Type': 'application/json' } : {}),
              ...(options.token ? { 'X-Auth-Token': options.token } : {}),
              ...options.headers,
            },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => {
              let body: unknown = text;
              try {
                body = text === '' ? undefined : JSON.parse(text);
              } catch {
                // the metrics text, say
              }
              done({
                status: res.statusCode ?? 0,
                worker: Number(res.headers['x-xloud-worker']),
                headers: res.headers,
                body,
              });
            });
          },
        );
        req.on('error', fail);
        req.end(payload);
      });

    /** Repeats `send` (fresh connections) until every worker answered it once; the answers by worker. */
    const onEveryWorker = async (send: () => Promise<Answer>): Promise<Map<number, Answer>> => {
      const answers = new Map<number, Answer>();
      for (let tries = 0; answers.size < WORKERS; tries++) {
        if (tries > 50 * WORKERS) throw new Error(`only workers ${[...answers.keys()].join(', ')} answered`);
        const answer = await send();
        if (!answers.has(answer.worker)) answers.set(answer.worker, answer);
      }
      return answers;
    };

    const statusesByWorker = (answers: Map<number, Answer>) =>
      Object.fromEntries([...answers].sort(([a], [b]) => a - b).map(([worker, answer]) => [worker, answer.status]));
    /** The workers' ids (X-Xloud-Worker), seen at start. */
    let workerIds: number[] = [];
    const everyWorker = (status: number) => Object.fromEntries(workerIds.map((id) => [id, status]));

    const passwordToken = async (
      user: { id: string } | { name: string; domain: { id: string } },
      password: string,
      scope?: unknown,
    ) => {
      const res = await call('POST', '/v3/auth/tokens', {
        body: {
          auth: {
            identity: { methods: ['password'], password: { user: { ...user, password } } },
            ...(scope ? { scope } : {}),
          },
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.headers['x-subject-token'] as string;
    };

    const validate = (token: string) =>
      call('GET', '/v3/auth/tokens', { token: admin, headers: { 'X-Subject-Token': token } });

    /** Validates the token on every worker, twice (a miss, then a cache hit), and checks it is valid there. */
    const warm = async (token: string) => {
      for (let round = 0; round < 2; round++)
        expect(statusesByWorker(await onEveryWorker(() => validate(token)))).toEqual(everyWorker(200));
    };

    let userCount = 0;
    const newMember = async () => {
      const name = `member-${++userCount}`;
      const password = `password-${userCount}`;
      const created = await call('POST', '/v3/users', {
        token: admin,
        body: { user: { name, password, domain_id: 'default' } },
      });
      expect(created.status).toBe(201);
      const userId = (created.body as { user: { id: string } }).user.id;
      const granted = await call('PUT', `/v3/projects/${projectId}/users/${userId}/roles/${memberRoleId}`, {
        token: admin,
      });
      expect(granted.status).toBe(204);
      const token = await passwordToken({ id: userId }, password, { project: { id: projectId } });
      return { userId, password, token };
    };

    const cacheHits = async () => {
      const res = await call('GET', '/metrics');
      const line = String(res.body)
        .split('\n')
        .find((l) => l.startsWith('xloud_token_cache_requests_total{result="hit"}'));
      return Number(line?.split(' ')[1] ?? 0);
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'xloud-workers-'));
      port = await freePort();
      let connection = `sqlite:///${join(dir, 'data', 'keystone.db')}`;
      if (database !== 'sqlite') {
        const created = database === 'postgres' ? await createPostgresDatabase() : await createMysqlDatabase();
        dropDatabase = created.drop;
        connection = created.url;
      }
      writeFileSync(
        join(dir, 'keystone.conf'),
        `[DEFAULT]\nworkers = ${WORKERS}\nuse_stderr = true\n[eventlet_server]\npublic_port = ${port}\n` +
          `[database]\nconnection = ${connection}\n` +
          '[identity]\npassword_hash_rounds = 4\n[dashboard]\nenabled = false\n[metrics]\nenabled = true\n' +
          '[cache]\ninvalidation_poll_interval = 3600\n[fernet_tokens]\nmax_active_keys = 5\n',
      );
      child = spawn(process.execPath, ['packages/server/bin/xloud-identity.mjs'], {
        cwd: REPO_ROOT,
        env: { ...env(), XLOUD_ADMIN_PASSWORD: ADMIN_PASSWORD },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      exited = new Promise((done) => child.on('exit', (code) => done(code)));
      await vi.waitFor(() => expect(output).toContain(`with ${WORKERS} worker processes`), {
        timeout: 120_000,
        interval: 200,
      });
      // Every worker up: the primary logged when the first one listened.
      await vi.waitFor(async () => expect((await onEveryWorker(() => call('GET', '/v3'))).size).toBe(WORKERS), {
        timeout: 120_000,
        interval: 500,
      });
      workerIds = [...(await onEveryWorker(() => call('GET', '/v3'))).keys()].sort((a, b) => a - b);
      admin = await passwordToken({ name: 'admin', domain: { id: 'default' } }, ADMIN_PASSWORD, {
        project: { name: 'admin', domain: { id: 'default' } },
      });
      const roles = await call('GET', '/v3/roles?name=member', { token: admin });
      memberRoleId = (roles.body as { roles: Array<{ id: string }> }).roles[0]!.id;
      const project = await call('POST', '/v3/projects', {
        token: admin,
        body: { project: { name: 'workers', domain_id: 'default' } },
      });
      projectId = (project.body as { project: { id: string } }).project.id;
    }, 240_000);

    afterAll(async () => {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
      expect(output).not.toMatch(/database is locked|SQLITE_BUSY/i);
      // No worker died and came back during the tests.
      expect(output).not.toMatch(/exited \((code|signal)/);
      await dropDatabase?.();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('the worker processes run with 4 MiB semi-spaces (the primary adds the flag; memory, issue #9)', () => {
      const workers = readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .filter((name) => {
          try {
            return /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1] === String(child.pid);
          } catch {
            return false;
          }
        });
      expect(workers).toHaveLength(WORKERS);
      for (const pid of workers) {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        expect(argv).toContain('--max-semi-space-size=4');
      }
      // The primary itself was started without it.
      expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0')).not.toContain('--max-semi-space-size=4');
    });

    it('a token revoked through one worker is refused by every worker on the next request', async () => {
      const member = await newMember();
      const hitsBefore = await cacheHits();
      await warm(member.token);
      // Each worker answered the second round from its cache (the metrics add up every worker's).
      expect((await cacheHits()) - hitsBefore).toBeGreaterThanOrEqual(WORKERS);
      const revoked = await call('DELETE', '/v3/auth/tokens', {
        token: admin,
        headers: { 'X-Subject-Token': member.token },
      });
      expect(revoked.status).toBe(204);
      expect(statusesByWorker(await onEveryWorker(() => validate(member.token)))).toEqual(everyWorker(404));
    });

    it('a user disabled through one worker is refused by every worker on the next request', async () => {
      const member = await newMember();
      await warm(member.token);
      const disabled = await call('PATCH', `/v3/users/${member.userId}`, {
        token: admin,
        body: { user: { enabled: false } },
      });
      expect(disabled.status).toBe(200);
      expect(statusesByWorker(await onEveryWorker(() => validate(member.token)))).toEqual(everyWorker(404));
    });

    it('a role removed through one worker is refused by every worker on the next request', async () => {
      const member = await newMember();
      await warm(member.token);
      const removed = await call('DELETE', `/v3/projects/${projectId}/users/${member.userId}/roles/${memberRoleId}`, {
        token: admin,
      });
      expect(removed.status).toBe(204);
      expect(statusesByWorker(await onEveryWorker(() => validate(member.token)))).toEqual(everyWorker(404));
    });

    it('after a password change through one worker, every worker refuses the old token and the old password', async () => {
      const member = await newMember();
      await warm(member.token);
      const changed = await call('POST', `/v3/users/${member.userId}/password`, {
        token: member.token,
        body: { user: { original_password: member.password, password: `${member.password}-new` } },
      });
      expect(changed.status).toBe(204);
      expect(statusesByWorker(await onEveryWorker(() => validate(member.token)))).toEqual(everyWorker(404));
      const oldPassword = () =>
        call('POST', '/v3/auth/tokens', {
          body: {
            auth: {
              identity: { methods: ['password'], password: { user: { id: member.userId, password: member.password } } },
            },
          },
        });
      expect(statusesByWorker(await onEveryWorker(oldPassword))).toEqual(everyWorker(401));
    });

    it('Fernet keys rotated on disk (xloud-manage fernet rotate) reach every worker without a restart', async () => {
      const keyDir = join(dir, 'data', 'fernet-keys');
      const keyIndexes = () =>
        readdirSync(keyDir)
          .filter((name) => /^\d+$/.test(name))
          .map(Number);
      const before = keyIndexes();
      const manage = () =>
        new Promise<number | null>((done) => {
          const run = spawn(process.execPath, ['packages/server/bin/xloud-manage.mjs', 'fernet', 'rotate'], {
            cwd: REPO_ROOT,
            env: env(),
            stdio: 'ignore',
          });
          run.on('exit', (code) => done(code));
        });
      // Twice: the new primary is then the key the first rotation staged, which no worker has read at start.
      expect(await manage()).toBe(0);
      expect(await manage()).toBe(0);
      const primaryIndex = Math.max(...keyIndexes());
      expect(before).not.toContain(primaryIndex);
      const primary = parseFernetKey(readFileSync(join(keyDir, String(primaryIndex)), 'utf8'));
      const signedWithNewPrimary = (token: string) => {
        try {
          openFernetToken([primary], token);
          return true;
        } catch {
          return false;
        }
      };
      // Every worker reads the directory again on its own (watcher): each soon signs with the new primary key...
      const issued = new Map<number, string>();
      await vi.waitFor(
        async () => {
          const res = await call('POST', '/v3/auth/tokens', {
            body: {
              auth: {
                identity: {
                  methods: ['password'],
                  password: { user: { name: 'admin', domain: { id: 'default' }, password: ADMIN_PASSWORD } },
                },
              },
            },
          });
          const token = res.headers['x-subject-token'] as string;
          if (signedWithNewPrimary(token)) issued.set(res.worker, token);
          expect(issued.size).toBe(WORKERS);
        },
        { timeout: 60_000, interval: 100 },
      );
      // ...and a token one worker signed with it validates on every worker.
      for (const token of issued.values()) {
        expect(statusesByWorker(await onEveryWorker(() => validate(token)))).toEqual(everyWorker(200));
      }
    });

    it('concurrent writes through every worker to one database: no 5xx (on SQLite: no "database is locked")', async () => {
      const statuses: number[] = [];
      const failures: string[] = [];
      const expectStatus = (answer: Answer, expected: number, what: string) => {
        statuses.push(answer.status);
        if (answer.status !== expected) failures.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
      };
      const writer = async (w: number) => {
        for (let i = 0; i < 6; i++) {
          const name = `writer-${w}-${i}`;
          const user = await call('POST', '/v3/users', {
            token: admin,
            body: { user: { name, password: `${name}-password`, domain_id: 'default' } },
          });
          expectStatus(user, 201, `create user ${name}`);
          const project = await call('POST', '/v3/projects', {
            token: admin,
            body: { project: { name, domain_id: 'default' } },
          });
          expectStatus(project, 201, `create project ${name}`);
          const userId = (user.body as { user?: { id: string } }).user?.id;
          const newProjectId = (project.body as { project?: { id: string } }).project?.id;
          if (!userId || !newProjectId) continue;
          expectStatus(
            await call('PUT', `/v3/projects/${newProjectId}/users/${userId}/roles/${memberRoleId}`, { token: admin }),
            204,
            `grant ${name}`,
          );
          expectStatus(
            await call('PATCH', `/v3/users/${userId}`, {
              token: admin,
              body: { user: { password: `${name}-changed` } },
            }),
            200,
            `change password of ${name}`,
          );
        }
      };
      await Promise.all(Array.from({ length: 12 }, (_, w) => writer(w)));
      expect(failures).toEqual([]);
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      expect(statuses.length).toBe(12 * 6 * 4);
      const projects = await call('GET', '/v3/projects?domain_id=default', { token: admin });
      const names = new Set((projects.body as { projects: Array<{ name: string }> }).projects.map((p) => p.name));
      for (let w = 0; w < 12; w++) for (let i = 0; i < 6; i++) expect(names).toContain(`writer-${w}-${i}`);
    }, 300_000);
  },
);
