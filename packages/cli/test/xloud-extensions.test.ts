/**
 * `xloud policy check`, `xloud user profile set`, `xloud user sign-in list`, `xloud user revoke tokens`, `xloud audit event list` (the OS-XLOUD
 * extensions of docs/console.md). First in-process against a fake fetch — the exact requests each command sends —
 * then as the real bin against a started server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@xloud/test-kit';
import { run } from '../src/main.ts';
import { adminEnv, expectCleanError, json, ok, unique, xloud } from './helpers/cli.ts';

interface Call {
  method: string;
  path: string;
  query: string;
  body?: unknown;
}

const ME = { id: 'u-me', name: 'me', domain: { id: 'default', name: 'Default' } };

/** Runs `xloud ARGV` in this process with a fake Keystone as its `fetch`; returns the output and the API calls made. */
async function fake(argv: string[]): Promise<{ code: number; stdout: string; stderr: string; calls: Call[] }> {
  const calls: Call[] = [];
  const fakeFetch = async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
    const key = `${call.method} ${call.path}`;
    if (key === 'POST /v3/auth/tokens') {
      return reply(
        201,
        {
          token: {
            methods: ['password'],
            user: ME,
            audit_ids: ['a'],
            expires_at: '2099-01-01T00:00:00.000000Z',
            issued_at: '2026-01-01T00:00:00.000000Z',
            project: { id: 'p-1', name: 'demo', domain: ME.domain },
            catalog: [],
          },
        },
        { 'X-Subject-Token': 'tok' },
      );
    }
    if (key === 'GET /v3/projects/p-1')
      return reply(200, { project: { id: 'p-1', name: 'demo', domain_id: 'default' } });
    if (key === 'GET /v3/users/alice')
      return reply(404, { error: { code: 404, title: 'Not Found', message: 'Could not find user: alice.' } });
    if (key === 'GET /v3/users' && url.searchParams.get('name') === 'alice')
      return reply(200, {
        users: [{ id: 'u-alice', name: 'alice', domain_id: 'default' }],
        links: { self: input, next: null },
      });
    if (key === 'POST /v3/OS-XLOUD/policy-check') {
      const actions = (call.body as { actions: string[] }).actions;
      return reply(200, {
        policy_check: Object.fromEntries(
          actions.map((a, i) => [
            a,
            { allowed: i === 0, scope_types: ['system', 'project'], requires: ['reader on system', 'admin on domain'] },
          ]),
        ),
      });
    }
    if (call.path.endsWith('/profile')) return reply(200, { user: { id: 'u-me', name: 'me' } });
    if (call.path.endsWith('/sign-ins')) {
      return reply(200, {
        sign_ins: [
          {
            time: '2026-03-01T10:00:00.000000Z',
            method: 'password',
            success: false,
            source_address: '192.0.2.7',
            user_agent: 'curl/8',
          },
        ],
      });
    }
    if (call.method === 'DELETE' && call.path.endsWith('/tokens')) return reply(204);
    if (key === 'GET /v3/OS-XLOUD/audit-events') {
      const event = {
        id: 'e-1',
        time: '2026-03-01T10:00:00.000000Z',
        event_type: 'identity.project.created',
        action: 'created.project',
        outcome: 'success',
        user_id: 'u-me',
        target_type: 'project',
        target_id: 'p-9',
        project_id: 'p-1',
        domain_id: null,
        request_id: 'req-1',
        payload: {},
      };
      return reply(200, { audit_events: [event], links: { self: input, previous: null, next: null } });
    }
    return reply(404, { error: { code: 404, title: 'Not Found', message: `no fake for ${key}` } });
  };
  let stdout = '';
  let stderr = '';
  const home = mkdtempSync(join(tmpdir(), 'xloud-fake-'));
  const env = {
    OS_AUTH_URL: 'http://keystone.test/v3',
    OS_USERNAME: 'me',
    OS_PASSWORD: 'pw',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_NAME: 'demo',
    OS_PROJECT_DOMAIN_NAME: 'Default',
  };
  const code = await run(argv, {
    stdout: {
      write: (s: string) => {
        stdout += s;
      },
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
      },
    },
    stdin: process.stdin,
    env,
    cwd: home,
    homeDir: home,
    fetch: fakeFetch,
  });
  return { code, stdout, stderr, calls: calls.filter((c) => c.path !== '/v3/auth/tokens') };
}

describe('request shapes (fake fetch)', () => {
  it('policy check ACTION... --target k=v: POST /v3/OS-XLOUD/policy-check; dotted keys nest', async () => {
    const r = await fake([
      'policy',
      'check',
      'identity:list_users',
      'identity:update_own_profile',
      '--target',
      'user.id=u-me',
      '--target',
      'domain_id=default',
      '-f',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([
      {
        method: 'POST',
        path: '/v3/OS-XLOUD/policy-check',
        query: '',
        body: {
          actions: ['identity:list_users', 'identity:update_own_profile'],
          target: { user: { id: 'u-me' }, domain_id: 'default' },
        },
      },
    ]);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        Action: 'identity:list_users',
        Allowed: true,
        'Scope Types': ['system', 'project'],
        Requires: ['reader on system', 'admin on domain'],
      },
      {
        Action: 'identity:update_own_profile',
        Allowed: false,
        'Scope Types': ['system', 'project'],
        Requires: ['reader on system', 'admin on domain'],
      },
    ]);
    const table = await fake(['policy', 'check', 'identity:list_users']);
    expect(table.stdout).toContain(
      '| identity:list_users | True    | system, project | reader on system, admin on domain |',
    );
    expect(table.calls[0]!.body).toEqual({ actions: ['identity:list_users'] });
  });

  it('policy check without an action or with a bad --target is a usage error', async () => {
    expect((await fake(['policy', 'check'])).code).toBe(2);
    const bad = await fake(['policy', 'check', 'identity:list_users', '--target', 'user..id=x']);
    expect(bad.code).toBe(2);
    expect(bad.calls).toEqual([]);
  });

  it('user profile set: PATCH /v3/OS-XLOUD/users/{me}/profile with only the given fields; "" removes', async () => {
    const r = await fake([
      'user',
      'profile',
      'set',
      '--email',
      'ada@example.com',
      '--first-name',
      'Ada',
      '--last-name',
      'Lovelace',
      '--phone',
      '',
      '--job-title',
      'Analyst',
      '--department',
      'R&D',
      '--description',
      'd',
      '--default-project',
      'demo',
    ]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(r.calls.filter((c) => c.method !== 'GET')).toEqual([
      {
        method: 'PATCH',
        path: '/v3/OS-XLOUD/users/u-me/profile',
        query: '',
        body: {
          profile: {
            email: 'ada@example.com',
            first_name: 'Ada',
            last_name: 'Lovelace',
            phone: null,
            job_title: 'Analyst',
            department: 'R&D',
            description: 'd',
            default_project_id: 'p-1',
          },
        },
      },
    ]);
  });

  it('user profile set USER resolves a name; nothing to set sends nothing', async () => {
    const named = await fake(['user', 'profile', 'set', 'alice', '--job-title', 'CTO']);
    expect(named.code).toBe(0);
    expect(named.calls.at(-1)).toEqual({
      method: 'PATCH',
      path: '/v3/OS-XLOUD/users/u-alice/profile',
      query: '',
      body: { profile: { job_title: 'CTO' } },
    });
    const nothing = await fake(['user', 'profile', 'set']);
    expect(nothing).toMatchObject({ code: 0, calls: [] });
  });

  it('user sign-in list [USER] --limit N: GET /v3/OS-XLOUD/users/{id}/sign-ins?limit=N', async () => {
    const r = await fake(['user', 'sign-in', 'list', '--limit', '5', '-f', 'json']);
    expect(r.calls).toEqual([
      { method: 'GET', path: '/v3/OS-XLOUD/users/u-me/sign-ins', query: '?limit=5', body: undefined },
    ]);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        Time: '2026-03-01T10:00:00.000000Z',
        Method: 'password',
        Success: false,
        'Source Address': '192.0.2.7',
        'User Agent': 'curl/8',
      },
    ]);
    const other = await fake(['user', 'sign-in', 'list', 'alice']);
    expect(other.calls.at(-1)).toMatchObject({ path: '/v3/OS-XLOUD/users/u-alice/sign-ins', query: '' });
    expect((await fake(['user', 'sign-in', 'list', '--limit', 'many'])).code).toBe(2);
  });

  it('user revoke tokens [USER]: DELETE /v3/OS-XLOUD/users/{id}/tokens', async () => {
    const r = await fake(['user', 'revoke', 'tokens']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.calls).toEqual([{ method: 'DELETE', path: '/v3/OS-XLOUD/users/u-me/tokens', query: '', body: undefined }]);
    expect((await fake(['user', 'revoke', 'tokens', 'alice'])).calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/v3/OS-XLOUD/users/u-alice/tokens',
    });
  });
});

describe('audit event list (fake fetch)', () => {
  it('sends every filter; --user resolves a name; --long adds columns', async () => {
    const r = await fake([
      'audit',
      'event',
      'list',
      '--user',
      'alice',
      '--action',
      'authenticate',
      '--outcome',
      'failure',
      '--since',
      '2026-03-01',
      '--until',
      '2026-03-02T00:00:00Z',
      '--limit',
      '5',
      '--marker',
      'e-0',
      '-f',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.calls.at(-1)).toEqual({
      method: 'GET',
      path: '/v3/OS-XLOUD/audit-events',
      query:
        '?user_id=u-alice&action=authenticate&outcome=failure&since=2026-03-01&until=2026-03-02T00%3A00%3A00Z&limit=5&marker=e-0',
      body: undefined,
    });
    expect(JSON.parse(r.stdout)).toEqual([
      {
        Time: '2026-03-01T10:00:00.000000Z',
        Action: 'created.project',
        Outcome: 'success',
        'User ID': 'u-me',
        'Target Type': 'project',
        'Target ID': 'p-9',
      },
    ]);
    const long = await fake(['audit', 'event', 'list', '--long', '-f', 'json']);
    expect(long.calls).toEqual([{ method: 'GET', path: '/v3/OS-XLOUD/audit-events', query: '', body: undefined }]);
    expect(Object.keys(JSON.parse(long.stdout)[0])).toEqual([
      'ID',
      'Time',
      'Event Type',
      'Action',
      'Outcome',
      'User ID',
      'Target Type',
      'Target ID',
      'Project ID',
      'Domain ID',
      'Request ID',
    ]);
    expect((await fake(['audit', 'event', 'list', '--outcome', 'maybe'])).code).toBe(2);
  });
});

describe('against a real server', { timeout: 120_000 }, () => {
  let server: TestServer;
  let admin: Record<string, string>;
  const name = `ext-${unique()}`;
  let alice: Record<string, string | undefined>;

  beforeAll(async () => {
    server = await startTestServer();
    admin = adminEnv(server.baseUrl, server.adminPassword);
    await ok(['user', 'create', name, '--password', 'Alice-pw-1'], { env: admin });
    alice = {
      ...admin,
      OS_USERNAME: name,
      OS_PASSWORD: 'Alice-pw-1',
      OS_PROJECT_NAME: undefined,
      OS_PROJECT_DOMAIN_NAME: undefined,
    };
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a user edits their own profile; an admin sees it; another user may not', async () => {
    await ok(['user', 'profile', 'set', '--first-name', 'Ada', '--email', 'ada@example.com', '--department', 'R&D'], {
      env: alice,
    });
    const shown = await json(['user', 'show', name], { env: admin });
    expect(shown).toMatchObject({ name, email: 'ada@example.com', first_name: 'Ada', department: 'R&D' });
    await ok(['user', 'profile', 'set', name, '--department', ''], { env: alice });
    expect(await json(['user', 'show', name], { env: admin })).not.toHaveProperty('department');
    const adminId = (await json(['token', 'issue'], { env: admin })).user_id as string;
    const denied = await xloud(['user', 'profile', 'set', adminId, '--first-name', 'Mallory'], { env: alice });
    expectCleanError(denied);
    expect(denied.stderr).toContain('(HTTP 403)');
  });

  it('policy check answers for the caller: admin may list users, a plain user may not but may edit their own profile', async () => {
    const me = (await json(['token', 'issue'], { env: alice })).user_id as string;
    const [asAdmin, asAlice] = await Promise.all([
      json(['policy', 'check', 'identity:list_users'], { env: admin }),
      json(['policy', 'check', 'identity:list_users', 'identity:update_own_profile', '--target', `user.id=${me}`], {
        env: alice,
      }),
    ]);
    expect(asAdmin).toEqual([expect.objectContaining({ Action: 'identity:list_users', Allowed: true })]);
    expect(asAlice).toEqual([
      expect.objectContaining({
        Action: 'identity:list_users',
        Allowed: false,
        Requires: expect.arrayContaining([expect.any(String)]),
      }),
      expect.objectContaining({ Action: 'identity:update_own_profile', Allowed: true }),
    ]);
    const unknown = await xloud(['policy', 'check', 'identity:no_such_thing'], { env: alice });
    expectCleanError(unknown);
    expect(unknown.stderr).toContain('(HTTP 400)');
  });

  it('sign-in list shows successes and failures, newest first; admins may list anyone', async () => {
    await xloud(['token', 'issue'], { env: { ...alice, OS_PASSWORD: 'wrong-pw' } });
    const mine = await json<Array<Record<string, unknown>>>(['user', 'sign-in', 'list', '--limit', '3'], {
      env: alice,
    });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThanOrEqual(3);
    expect(Object.keys(mine[0]!)).toEqual(['Time', 'Method', 'Success', 'Source Address', 'User Agent']);
    expect(mine.some((s) => s.Success === false)).toBe(true);
    const times = mine.map((s) => String(s.Time));
    expect([...times].sort().reverse()).toEqual(times);
    expect((await json<unknown[]>(['user', 'sign-in', 'list', name], { env: admin })).length).toBeGreaterThan(0);
  });

  it('user revoke tokens signs the user out everywhere: an earlier token stops working', async () => {
    const issued = await json(['token', 'issue'], { env: alice });
    const tokenEnv = { OS_AUTH_URL: admin.OS_AUTH_URL, OS_AUTH_TYPE: 'token', OS_TOKEN: issued.id as string };
    expect((await xloud(['user', 'sign-in', 'list', '--limit', '1'], { env: tokenEnv })).code).toBe(0);
    await ok(['user', 'revoke', 'tokens', name], { env: admin });
    const after = await xloud(['user', 'sign-in', 'list', '--limit', '1'], { env: tokenEnv });
    expectCleanError(after);
    // signing in again works
    expect((await json(['token', 'issue'], { env: alice })).user_id).toBe(issued.user_id);
  });

  it('audit event list: a system reader sees sign-ins and changes; a project admin may not', async () => {
    await xloud(['token', 'issue'], { env: { ...alice, OS_PASSWORD: 'wrong-pw' } });
    const system = { ...admin, OS_PROJECT_NAME: undefined, OS_PROJECT_DOMAIN_NAME: undefined, OS_SYSTEM_SCOPE: 'all' };
    const failures = await json<Array<Record<string, unknown>>>(
      ['audit', 'event', 'list', '--user', name, '--outcome', 'failure'],
      { env: system },
    );
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatchObject({ Action: 'authenticate', Outcome: 'failure', 'Target Type': 'user' });
    const created = await json<Array<Record<string, unknown>>>(
      ['audit', 'event', 'list', '--action', 'created.user', '--long'],
      { env: system },
    );
    expect(created.some((e) => e['Event Type'] === 'identity.user.created')).toBe(true);
    const denied = await xloud(['audit', 'event', 'list'], { env: admin });
    expectCleanError(denied);
    expect(denied.stderr).toContain('(HTTP 403)');
  });
});
