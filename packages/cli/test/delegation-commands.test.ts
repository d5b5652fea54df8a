/**
 * The commands beyond CRUD of the core resources, run as the real bin against a real server (SQLite): trusts,
 * endpoint groups and endpoint ↔ project associations, implied roles, access rules, EC2 key pairs, stored
 * policies, OAuth1 consumers and the federation scope lists — their effects (set, add, remove, delete) checked by
 * reading back, and their failures as openstackclient words them. Their output is compared with `openstack`'s in compare-osc.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@xloud/test-kit';
import { adminEnv, expectCleanError, json, ok, tempDir, unique, xloud, type RunOptions } from './helpers/cli.ts';

let server: TestServer;
let env: Record<string, string>;
const run = unique();
const n = (s: string) => `${s}-${run}`;
const dir = tempDir();

const opts = (extra: Record<string, string | undefined> = {}): RunOptions => ({
  env: { ...env, ...extra },
});
const X = (args: string[], extra?: Record<string, string | undefined>) => xloud(args, opts(extra));
const J = <T = any>(args: string[], extra?: Record<string, string | undefined>) => json<T>(args, opts(extra));
const OK = (args: string[], extra?: Record<string, string | undefined>) => ok(args, opts(extra));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
/** The OpenRC of a non-admin user scoped to a project. */
const userEnv = (name: string, password: string, project: string) => ({
  OS_USERNAME: name,
  OS_PASSWORD: password,
  OS_PROJECT_NAME: project,
});

beforeAll(async () => {
  server = await startTestServer();
  env = adminEnv(server.baseUrl, server.adminPassword);
  await J(['project', 'create', n('proj')]);
  await Promise.all([
    J(['user', 'create', n('alice'), '--password', 'Alice-pw-1', '--project', n('proj')]),
    J(['user', 'create', n('bob'), '--password', 'Bob-pw-1']),
  ]);
  await OK(['role', 'add', '--user', n('alice'), '--project', n('proj'), 'member']);
});
afterAll(async () => {
  await server?.close();
});

describe('delegation and catalog-filter commands', { timeout: 180_000 }, () => {
  it('trust create/list/show/delete: a user delegates to another, both see it with --auth-user', async () => {
    const alice = userEnv(n('alice'), 'Alice-pw-1', n('proj'));
    // alice may not look users up: her own name comes from her token, bob is named by ID
    const bob = (await J(['user', 'show', n('bob')])).id;
    const trust = await J(
      [
        'trust',
        'create',
        n('alice'),
        bob,
        '--project',
        n('proj'),
        '--role',
        'member',
        '--impersonate',
        '--expiration',
        '2099-05-06T07:08:09',
      ],
      alice,
    );
    expect(trust).toMatchObject({
      roles: 'member',
      impersonation: true,
      expires_at: '2099-05-06T07:08:09.000000Z',
      remaining_uses: null,
    });
    expect(Object.keys(trust)).not.toContain('roles_links');
    const [mine, theirs, byTrustee, shown, all] = await Promise.all([
      J(['trust', 'list', '--auth-user'], alice),
      J(['trust', 'list', '--auth-user'], userEnv(n('bob'), 'Bob-pw-1', '')),
      J(['trust', 'list', '--trustee', n('bob')]),
      J(['trust', 'show', trust.id], alice),
      J(['trust', 'list']),
    ]);
    for (const list of [mine, theirs, byTrustee, all]) expect(list.map((t: any) => t.ID)).toContain(trust.id);
    expect(byTrustee).toEqual([
      {
        ID: trust.id,
        'Expires At': '2099-05-06T07:08:09.000000Z',
        Impersonation: true,
        'Project ID': trust.project_id,
        'Trustee User ID': trust.trustee_user_id,
        'Trustor User ID': trust.trustor_user_id,
      },
    ]);
    expect(shown).toEqual(trust);

    const missing = await X(['trust', 'create', n('alice'), n('bob')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(
      'xloud trust create: error: the following arguments are required: --project, --role',
    );
    const refused = await X(['trust', 'create', n('alice'), bob, '--project', n('proj'), '--role', 'admin'], alice);
    expectCleanError(refused);

    const partly = await X(['trust', 'delete', trust.id, 'nope'], alice);
    expect(partly.code).toBe(1);
    expect(partly.stderr).toContain("Failed to delete trust with name or ID 'nope'");
    expect(partly.stderr).toContain('1 of 2 trusts failed to delete.');
    expect((await J(['trust', 'list', '--trustee', n('bob')])).map((t: any) => t.ID)).not.toContain(trust.id);
  });

  it('endpoint group create/set/show/list/add project/remove project/delete, endpoint add/remove project', async () => {
    const group = await J([
      'endpoint',
      'group',
      'create',
      n('eg'),
      file('public.json', '{"interface": "public"}\n'),
      '--description',
      'public ones',
    ]);
    expect(group).toEqual({
      id: group.id,
      name: n('eg'),
      description: 'public ones',
      filters: { interface: 'public' },
    });
    await OK([
      'endpoint',
      'group',
      'set',
      n('eg'),
      '--name',
      n('eg2'),
      '--filters',
      file('admin.json', '{"interface": "admin"}'),
    ]);
    expect(await J(['endpoint', 'group', 'show', n('eg2')])).toEqual({
      ...group,
      name: n('eg2'),
      filters: { interface: 'admin' },
    });
    await OK(['endpoint', 'group', 'set', group.id, '--description', '']);
    expect((await J(['endpoint', 'group', 'show', group.id])).description).toBe('');

    await OK(['endpoint', 'group', 'add', 'project', n('eg2'), n('proj')]);
    const [byProject, byGroup] = await Promise.all([
      J(['endpoint', 'group', 'list', '--project', n('proj')]),
      J(['endpoint', 'group', 'list', '--endpointgroup', group.id]),
    ]);
    expect(byProject).toEqual([{ ID: group.id, Name: n('eg2'), Description: '' }]);
    expect(byGroup.map((p: any) => p.Name)).toEqual([n('proj')]);
    await OK(['endpoint', 'group', 'remove', 'project', group.id, n('proj')]);
    expect(await J(['endpoint', 'group', 'list', '--project', n('proj')])).toEqual([]);

    const endpoint = (await J(['endpoint', 'list', '--interface', 'public']))[0];
    await OK(['endpoint', 'add', 'project', endpoint.ID, n('proj')]);
    expect((await J(['endpoint', 'list', '--project', n('proj')])).map((e: any) => e.ID)).toEqual([endpoint.ID]);
    expect((await J(['endpoint', 'list', '--endpoint', endpoint.ID])).map((p: any) => p.Name)).toEqual([n('proj')]);
    await OK(['endpoint', 'remove', 'project', endpoint.ID, n('proj')]);
    expect(await J(['endpoint', 'list', '--project', n('proj')])).toEqual([]);

    const unreadable = await X(['endpoint', 'group', 'create', n('bad'), join(dir, 'none.json')]);
    expect(unreadable.stderr.trim()).toBe(`Error occurred trying to read from file ${join(dir, 'none.json')}`);
    const notJson = await X(['endpoint', 'group', 'create', n('bad'), file('bad.json', 'interface=public')]);
    expectCleanError(notJson);
    expect(notJson.stderr).toContain(`An error occurred when reading filters from file ${join(dir, 'bad.json')}`);
    await OK(['endpoint', 'group', 'delete', n('eg2')]);
    const gone = await X(['endpoint', 'group', 'show', group.id]);
    expect(gone.stderr.trim()).toBe(`No endpointgroup with a name or ID of '${group.id}' exists.`);
  });

  it('implied role create/list/delete by name or id', async () => {
    const [prior, implied] = await Promise.all([
      J(['role', 'create', n('prior')]),
      J(['role', 'create', n('implied')]),
    ]);
    expect(await J(['implied', 'role', 'create', n('prior'), '--implied-role', implied.id])).toEqual({
      implies: implied.id,
      prior_role: prior.id,
    });
    expect(await J(['implied', 'role', 'list'])).toContainEqual({
      'Prior Role ID': prior.id,
      'Prior Role Name': n('prior'),
      'Implied Role ID': implied.id,
      'Implied Role Name': n('implied'),
    });
    await OK(['implied', 'role', 'delete', prior.id, '--implied-role', n('implied')]);
    expect((await J(['implied', 'role', 'list'])).map((r: any) => r['Prior Role ID'])).not.toContain(prior.id);
    const unknown = await X(['implied', 'role', 'create', 'nope', '--implied-role', n('implied')]);
    expect(unknown.stderr.trim()).toBe("No role with a name or ID of 'nope' exists.");
    const usage = await X(['implied', 'role', 'delete', n('prior')]);
    expect(usage.code).toBe(2);
  });

  it('access rule list/show/delete: the current user’s, or another user’s with --user', async () => {
    const alice = userEnv(n('alice'), 'Alice-pw-1', n('proj'));
    const ac = await J(
      [
        'application',
        'credential',
        'create',
        n('ac'),
        '--access-rules',
        '[{"service": "identity", "method": "GET", "path": "/v3/users"}]',
      ],
      alice,
    );
    const [listed] = await J(['access', 'rule', 'list'], alice);
    expect(listed).toEqual({
      ID: listed.ID,
      Service: 'identity',
      Method: 'GET',
      Path: '/v3/users',
    });
    const systemReader = {
      OS_PROJECT_NAME: undefined,
      OS_PROJECT_DOMAIN_NAME: undefined,
      OS_SYSTEM_SCOPE: 'all',
    };
    expect(await J(['access', 'rule', 'list', '--user', n('alice'), '--user-domain', 'Default'], systemReader)).toEqual(
      [listed],
    );
    expect(await J(['access', 'rule', 'list'])).toEqual([]);
    expect(await J(['access', 'rule', 'show', listed.ID], alice)).toEqual({
      id: listed.ID,
      service: 'identity',
      method: 'GET',
      path: '/v3/users',
    });
    const inUse = await X(['access', 'rule', 'delete', listed.ID], alice);
    expect(inUse.stderr).toMatch(/Failed to delete access rule with ID '.*': .*\(HTTP 403\)/);
    expect(inUse.stderr).toContain('1 of 1 access rules failed to delete.');
    await OK(['application', 'credential', 'delete', ac.id], alice);
    await OK(['access', 'rule', 'delete', listed.ID], alice);
    expect((await X(['access', 'rule', 'show', listed.ID], alice)).stderr.trim()).toBe(
      `No accessrule with a name or ID of '${listed.ID}' exists.`,
    );
  });

  it('ec2 credentials create/list/show/delete, for the current user and for another', async () => {
    const mine = await J(['ec2', 'credentials', 'create']);
    expect(Object.keys(mine)).toEqual(['access', 'links', 'project_id', 'secret', 'trust_id', 'user_id']);
    const hers = await J([
      'ec2',
      'credentials',
      'create',
      '--user',
      n('alice'),
      '--user-domain',
      'Default',
      '--project',
      n('proj'),
      '--project-domain',
      'Default',
    ]);
    const [aliceList, shown] = await Promise.all([
      J(['ec2', 'credentials', 'list', '--user', n('alice')]),
      J(['ec2', 'credentials', 'show', hers.access, '--user', n('alice')]),
    ]);
    expect(aliceList).toEqual([
      {
        Access: hers.access,
        Secret: hers.secret,
        'Project ID': hers.project_id,
        'User ID': hers.user_id,
      },
    ]);
    expect(shown).toEqual(hers);
    const wrongOwner = await X(['ec2', 'credentials', 'show', hers.access]);
    expectCleanError(wrongOwner);
    await OK(['ec2', 'credentials', 'delete', hers.access, '--user', n('alice')]);
    const partly = await X(['ec2', 'credentials', 'delete', mine.access, 'nope']);
    expect(partly.stderr).toContain("Failed to delete EC2 credentials with access key 'nope'");
    expect(partly.stderr).toContain('1 of 2 EC2 keys failed to delete.');
    expect(await J(['ec2', 'credentials', 'list'])).toEqual([]);
    const unscoped = await X(['ec2', 'credentials', 'create'], userEnv(n('bob'), 'Bob-pw-1', ''));
    expect(unscoped.stderr.trim()).toBe('The current token is not scoped to a project: give --project.');
  });

  it('policy create/set/show/list/delete (stored blobs), beside policy check', async () => {
    const policy = await J(['policy', 'create', file('rules.json', '  {"compute:start": ""}\n\n')]);
    expect(policy).toEqual({
      id: policy.id,
      rules: '{"compute:start": ""}',
      type: 'application/json',
    });
    await OK(['policy', 'set', policy.id, '--type', 'text/plain', '--rules', file('rules2.json', '{"b": "c"}')]);
    expect(await J(['policy', 'show', policy.id])).toEqual({
      id: policy.id,
      rules: '{"b": "c"}',
      type: 'text/plain',
    });
    expect(await J(['policy', 'list', '--long'])).toEqual([{ ID: policy.id, Type: 'text/plain', Rules: '{"b": "c"}' }]);
    expect((await J(['policy', 'check', 'identity:list_policies'])).map((d: any) => d.Allowed)).toEqual([true]);
    await OK(['policy', 'delete', policy.id]);
    expect(await J(['policy', 'list'])).toEqual([]);
  });

  it('consumer create/list/show/set/delete: OS-OAUTH1 consumers, the secret shown by create only', async () => {
    const [app, bare] = await Promise.all([
      J(['consumer', 'create', '--description', n('app')]),
      J(['consumer', 'create']),
    ]);
    expect(app).toEqual({ id: app.id, description: n('app'), secret: app.secret });
    expect(app.secret).toMatch(/^\S{20,}$/);
    expect(bare.secret).toMatch(/^\S{20,}$/);
    expect(bare.secret).not.toBe(app.secret);
    const [shown, listed] = await Promise.all([J(['consumer', 'show', app.id]), J(['consumer', 'list'])]);
    expect(shown).toEqual({ id: app.id, description: n('app') });
    expect(listed).toContainEqual({ ID: app.id, Description: n('app') });
    expect(JSON.stringify(listed)).not.toContain(app.secret);

    await OK(['consumer', 'set', app.id, '--description', n('renamed')]);
    expect((await J(['consumer', 'show', app.id])).description).toBe(n('renamed'));
    const noChange = await X(['consumer', 'set', app.id]);
    expectCleanError(noChange);
    expect(noChange.code).toBe(2);
    expect(noChange.stderr).toContain('--description');

    const alice = userEnv(n('alice'), 'Alice-pw-1', n('proj'));
    expectCleanError(await X(['consumer', 'create'], alice));
    const unknown = await X(['consumer', 'show', 'f'.repeat(32)]);
    expectCleanError(unknown);
    expect(unknown.stderr).toContain(`No consumer with a name or ID of '${'f'.repeat(32)}' exists.`);

    const partly = await X(['consumer', 'delete', app.id, 'f'.repeat(32), bare.id]);
    expectCleanError(partly);
    expect(partly.stderr).toContain('1 of 3 consumers failed to delete.');
    const ids = (await J(['consumer', 'list'])).map((c: { ID: string }) => c.ID);
    expect(ids).not.toContain(app.id);
    expect(ids).not.toContain(bare.id);
  });

  it('federation domain list / project list: where the current user may scope', async () => {
    const alice = userEnv(n('alice'), 'Alice-pw-1', n('proj'));
    const [projects, domains] = await Promise.all([
      J(['federation', 'project', 'list'], alice),
      J(['federation', 'domain', 'list'], alice),
    ]);
    expect(projects).toEqual([
      {
        ID: projects[0].ID,
        'Domain ID': 'default',
        Enabled: true,
        Name: n('proj'),
      },
    ]);
    expect(domains).toEqual([]);
  });
});
