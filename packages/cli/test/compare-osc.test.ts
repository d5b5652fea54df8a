/**
 * `xloud X -f json` and `openstack X -f json` (Debian python3-openstackclient, /usr/bin/openstack) for the same
 * requests against the same server: identical field names, and identical values wherever they are deterministic
 * (everything but new ids/names, tokens and secrets). A few commands are also compared byte for byte in every
 * output format, and the error line for a lookup failure and a bad password.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@xloud/test-kit';
import { adminEnv, json, openstackMissing, osc, tempDir, unique, xloud, type RunResult } from './helpers/cli.ts';

let server: TestServer;
let env: Record<string, string>;
const run = unique();
const n = (s: string) => `${s}-${run}`;
const fx: Record<string, any> = {};

async function both(args: string[]): Promise<[RunResult, RunResult]> {
  return Promise.all([xloud(args, { env }), osc(args, { env })]);
}

function parse(r: RunResult, who: string, args: string[]): any {
  if (r.code !== 0) throw new Error(`${who} ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`${who} ${args.join(' ')}: not JSON: ${r.stdout.slice(0, 200)}`);
  }
}

async function bothJson(args: string[]): Promise<{ ours: any; theirs: any }> {
  const [a, b] = await both([...args, '-f', 'json']);
  return { ours: parse(a, 'xloud', args), theirs: parse(b, 'openstack', args) };
}

/** Runs `items` with at most `limit` at a time (each openstack run costs ~1.5 s of CPU). */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

beforeAll(async () => {
  // The comparison is the point: without the real CLI (Debian python3-openstackclient, installed by .ci/run) it fails.
  if (openstackMissing()) throw new Error('/usr/bin/openstack is missing: apt-get install python3-openstackclient');
  server = await startTestServer();
  env = adminEnv(server.baseUrl, server.adminPassword);
  const J = (args: string[]) => json(args, { env });
  const [group, user, project, role, region, service, cred, ac] = await Promise.all([
    J(['group', 'create', n('grp'), '--description', 'compare group']),
    J([
      'user',
      'create',
      n('usr'),
      '--password',
      'Cmp-pw-1',
      '--email',
      'cmp@example.com',
      '--description',
      'compare user',
    ]),
    J(['project', 'create', n('prj'), '--description', 'compare project', '--tag', 'x']),
    J(['role', 'create', n('rol')]),
    J(['region', 'create', n('reg'), '--description', 'compare region']),
    J(['service', 'create', 'object-store', '--name', n('swift'), '--description', 'Object Storage']),
    J(['credential', 'create', 'admin', '{"access":"a","secret":"b"}', '--type', 'ec2', '--project', 'admin']),
    J([
      'application',
      'credential',
      'create',
      n('ac'),
      '--description',
      'compare',
      '--role',
      'reader',
      '--expiration',
      '2099-12-31T23:59:59',
    ]),
  ]);
  const endpoint = await J([
    'endpoint',
    'create',
    service.id,
    'public',
    'http://swift.example.com/v1',
    '--region',
    n('reg'),
  ]);
  await Promise.all([
    xloud(['group', 'add', 'user', group.id, user.id], { env }),
    xloud(['role', 'add', '--user', user.id, '--project', project.id, n('rol')], { env }),
    xloud(['role', 'add', '--group', group.id, '--domain', 'default', '--inherited', 'reader'], { env }),
  ]);
  Object.assign(fx, { group, user, project, role, region, service, endpoint, cred, ac });
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe('xloud matches openstack -f json', { timeout: 240_000 }, () => {
  it('list and show commands: same fields and values', async () => {
    const commands: string[][] = [
      ['catalog', 'list'],
      ['catalog', 'show', 'identity'],
      ['project', 'list'],
      ['project', 'list', '--long'],
      ['project', 'show', fx.project.id],
      ['user', 'list', '--long'],
      ['user', 'show', n('usr')],
      ['group', 'list', '--long'],
      ['group', 'show', n('grp')],
      ['user', 'list', '--group', n('grp')],
      ['role', 'list'],
      ['role', 'show', 'admin'],
      ['role', 'assignment', 'list', '--names'],
      ['role', 'assignment', 'list', '--user', n('usr'), '--project', n('prj'), '--names'],
      ['role', 'assignment', 'list', '--group', n('grp'), '--inherited'],
      ['role', 'assignment', 'list', '--user', n('usr'), '--effective'],
      ['role', 'assignment', 'list', '--system', 'all'],
      ['domain', 'list'],
      ['domain', 'show', 'default'],
      ['region', 'list'],
      ['region', 'show', n('reg')],
      ['service', 'list', '--long'],
      ['service', 'show', n('swift')],
      ['endpoint', 'list'],
      ['endpoint', 'show', fx.endpoint.id],
      ['credential', 'list'],
      ['credential', 'show', fx.cred.id],
      ['application', 'credential', 'list'],
      ['application', 'credential', 'show', n('ac')],
      ['versions', 'show'],
    ];
    const results = await pool(commands, 4, (c) => bothJson(c));
    const problems: string[] = [];
    commands.forEach((c, i) => {
      const { ours, theirs } = results[i];
      try {
        expect(ours).toEqual(theirs);
      } catch {
        problems.push(`${c.join(' ')}:\n  xloud:     ${JSON.stringify(ours)}\n  openstack: ${JSON.stringify(theirs)}`);
      }
    });
    expect(problems.join('\n')).toBe('');
  });

  it('token issue: same fields, same user and project', async () => {
    const { ours, theirs } = await bothJson(['token', 'issue']);
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    expect(ours.user_id).toBe(theirs.user_id);
    expect(ours.project_id).toBe(theirs.project_id);
    expect(ours.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    expect(theirs.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
  });

  it('create commands: same fields, same values but for the new ids and names', async () => {
    const pairs: Array<[string[], (who: string) => string[], string[]]> = [
      [['project', 'create'], (w) => [n(`p-${w}`), '--description', 'made by both', '--tag', 't1'], ['id', 'name']],
      [
        ['user', 'create'],
        (w) => [n(`u-${w}`), '--email', 'both@example.com', '--description', 'd', '--password', 'Pw-both-1'],
        ['id', 'name'],
      ],
      [['group', 'create'], (w) => [n(`g-${w}`), '--description', 'd'], ['id', 'name']],
      [['role', 'create'], (w) => [n(`r-${w}`), '--description', 'd'], ['id', 'name']],
      [['domain', 'create'], (w) => [n(`d-${w}`), '--description', 'd'], ['id', 'name']],
      [['region', 'create'], (w) => [n(`re-${w}`), '--description', 'd', '--parent-region', n('reg')], ['region']],
      [['service', 'create'], (w) => ['volume', '--name', n(`s-${w}`), '--description', 'd'], ['id', 'name']],
      [
        ['endpoint', 'create'],
        () => [fx.service.id, 'internal', 'http://swift.internal/v1', '--region', n('reg')],
        ['id'],
      ],
      [
        ['credential', 'create'],
        (w) => ['admin', `{"access":"${w}","secret":"s"}`, '--type', 'ec2', '--project', 'admin'],
        ['id', 'blob'],
      ],
      [
        ['application', 'credential', 'create'],
        (w) => [n(`ac-${w}`), '--description', 'd', '--role', 'member', '--expiration', '2098-01-02T03:04:05'],
        ['id', 'name', 'secret'],
      ],
    ];
    const results = await pool(pairs, 3, async ([cmd, args]) =>
      Promise.all([
        xloud([...cmd, ...args('x'), '-f', 'json'], { env }),
        osc([...cmd, ...args('o'), '-f', 'json'], { env }),
      ]),
    );
    const problems: string[] = [];
    pairs.forEach(([cmd, , volatile], i) => {
      const ours = parse(results[i][0], 'xloud', cmd);
      const theirs = parse(results[i][1], 'openstack', cmd);
      const strip = (o: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(o).filter(([k]) => !volatile.includes(k)));
      if (
        JSON.stringify(Object.keys(ours)) !== JSON.stringify(Object.keys(theirs)) ||
        JSON.stringify(strip(ours)) !== JSON.stringify(strip(theirs))
      ) {
        problems.push(
          `${cmd.join(' ')}:\n  xloud:     ${JSON.stringify(ours)}\n  openstack: ${JSON.stringify(theirs)}`,
        );
      }
    });
    expect(problems.join('\n')).toBe('');
  });

  it('byte-identical output in every format, and the same error lines', async () => {
    const commands: string[][] = [
      ['domain', 'show', 'default', '-f', 'table'],
      ['domain', 'show', 'default', '-f', 'yaml'],
      ['domain', 'show', 'default', '-f', 'shell', '--prefix', 'd_'],
      ['domain', 'show', 'default', '-f', 'value'],
      ['role', 'assignment', 'list', '--names', '-f', 'table'],
      ['role', 'assignment', 'list', '--names', '-f', 'csv'],
      ['region', 'list', '-f', 'yaml'],
      ['service', 'list', '--long', '-f', 'value', '--sort-column', 'Name', '--sort-descending'],
      [
        'endpoint',
        'list',
        '-c',
        'URL',
        '-c',
        'Interface',
        '--sort-column',
        'Interface',
        '-f',
        'csv',
        '--quote',
        'minimal',
      ],
      ['catalog', 'list', '--max-width', '50'],
      ['project', 'list', '--long', '--max-width', '60'],
      ['application', 'credential', 'show', n('ac'), '-f', 'yaml'],
      ['group', 'list', '--long', '-f', 'json', '--noindent'],
    ];
    const results = await pool(commands, 4, (c) => both(c));
    const problems: string[] = [];
    commands.forEach((c, i) => {
      const [a, b] = results[i];
      if (a.code !== 0 || b.code !== 0 || a.stdout !== b.stdout)
        problems.push(
          `${c.join(' ')}:\n--- xloud (${a.code})\n${a.stdout}${a.stderr}--- openstack (${b.code})\n${b.stdout}${b.stderr}`,
        );
    });
    expect(problems.join('\n')).toBe('');

    const noRid = (s: string) =>
      s
        .replace(/ \(Request-ID: req-[0-9a-f-]+\)/, '')
        .trim()
        .split('\n')
        .pop();
    const [[missX, missO], [pwX, pwO]] = await Promise.all([
      both(['project', 'show', `nope-${run}`]),
      Promise.all([
        xloud(['project', 'list'], { env: { ...env, OS_PASSWORD: 'wrong' } }),
        osc(['project', 'list'], { env: { ...env, OS_PASSWORD: 'wrong' } }),
      ]),
    ]);
    expect([missX.code, missO.code]).toEqual([1, 1]);
    expect(missX.stderr.trim()).toBe(missO.stderr.trim());
    expect([pwX.code, pwO.code]).toEqual([1, 1]);
    expect(noRid(pwX.stderr)).toBe(noRid(pwO.stderr));
  });

  it('trusts, endpoint groups, implied roles, access rules, EC2 keys, stored policies, federation lists', async () => {
    const J = (args: string[]) => json(args, { env });
    const OK = async (args: string[]) => {
      const r = await xloud(args, { env });
      if (r.code !== 0) throw new Error(`xloud ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
    };
    const dir = tempDir();
    writeFileSync(join(dir, 'filters.json'), '{"interface": "public"}\n');
    writeFileSync(join(dir, 'rules.json'), '{"compute:start": "role:member"}\n');
    const fixtures = await Promise.all([
      J([
        'trust',
        'create',
        'admin',
        n('usr'),
        '--project',
        'admin',
        '--role',
        'member',
        '--impersonate',
        '--expiration',
        '2099-03-04T05:06:07',
      ]),
      J(['endpoint', 'group', 'create', n('eg'), join(dir, 'filters.json'), '--description', 'public endpoints']),
      J(['role', 'create', n('prior')]),
      J([
        'application',
        'credential',
        'create',
        n('ac-rules'),
        '--access-rules',
        `[{"service": "identity", "method": "GET", "path": "/v3/${run}"}]`,
      ]),
      J(['ec2', 'credentials', 'create', '--project', n('prj')]),
      J(['policy', 'create', join(dir, 'rules.json')]),
    ]);
    const [trust, group, , , ec2, policy] = fixtures;
    await Promise.all([
      OK(['implied', 'role', 'create', n('prior'), '--implied-role', n('rol')]),
      OK(['endpoint', 'group', 'add', 'project', n('eg'), n('prj')]),
      OK(['endpoint', 'add', 'project', fx.endpoint.id, n('prj')]),
    ]);
    const rule = (await J(['access', 'rule', 'list'])).find((r: { Path: string }) => r.Path === `/v3/${run}`);
    expect(rule).toBeDefined();

    const commands: string[][] = [
      ['trust', 'list'],
      ['trust', 'show', trust.id],
      ['endpoint', 'group', 'list'],
      ['endpoint', 'group', 'list', '--project', n('prj')],
      ['endpoint', 'group', 'list', '--endpointgroup', n('eg')],
      ['endpoint', 'group', 'show', group.id],
      ['endpoint', 'list', '--project', n('prj')],
      ['endpoint', 'list', '--endpoint', fx.endpoint.id],
      ['implied', 'role', 'list'],
      ['access', 'rule', 'list'],
      ['access', 'rule', 'show', rule.ID],
      ['ec2', 'credentials', 'list'],
      ['ec2', 'credentials', 'list', '--user', 'admin', '--user-domain', 'Default'],
      ['ec2', 'credentials', 'show', ec2.access],
      ['policy', 'list'],
      ['policy', 'list', '--long'],
      ['policy', 'show', policy.id],
      ['federation', 'domain', 'list'],
      ['federation', 'project', 'list'],
    ];
    // a busy machine slows openstack's start-up (≈1.5 s of CPU each): a longer timeout than the helper's default
    const slow = { env, timeoutMs: 150_000 };
    const results = await pool(commands, 3, async (c) => {
      const [a, b] = await Promise.all([xloud([...c, '-f', 'json'], slow), osc([...c, '-f', 'json'], slow)]);
      return { ours: parse(a, 'xloud', c), theirs: parse(b, 'openstack', c) };
    });
    const problems: string[] = [];
    commands.forEach((c, i) => {
      const { ours, theirs } = results[i];
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        problems.push(`${c.join(' ')}:\n  xloud:     ${JSON.stringify(ours)}\n  openstack: ${JSON.stringify(theirs)}`);
    });

    const creates: Array<[string[], (who: string) => string[], string[]]> = [
      [
        ['trust', 'create'],
        () => [
          'admin',
          n('usr'),
          '--project',
          'admin',
          '--role',
          'member',
          '--role',
          'reader',
          '--expiration',
          '2098-01-02T03:04:05',
        ],
        ['id'],
      ],
      [
        ['endpoint', 'group', 'create'],
        (w) => [n(`eg-${w}`), join(dir, 'filters.json'), '--description', 'd'],
        ['id', 'name'],
      ],
      [['implied', 'role', 'create'], (w) => [n(`prior-${w}`), '--implied-role', 'reader'], ['prior_role']],
      [
        ['ec2', 'credentials', 'create'],
        () => ['--user', n('usr'), '--project', n('prj')],
        ['access', 'secret', 'links'],
      ],
      [['policy', 'create'], () => ['--type', 'text/plain', join(dir, 'rules.json')], ['id']],
    ];
    await Promise.all([J(['role', 'create', n('prior-x')]), J(['role', 'create', n('prior-o')])]);
    const made = await pool(creates, 3, async ([cmd, args]) =>
      Promise.all([xloud([...cmd, ...args('x'), '-f', 'json'], slow), osc([...cmd, ...args('o'), '-f', 'json'], slow)]),
    );
    creates.forEach(([cmd, , volatile], i) => {
      const ours = parse(made[i][0], 'xloud', cmd);
      const theirs = parse(made[i][1], 'openstack', cmd);
      const strip = (o: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(o).filter(([k]) => !volatile.includes(k)));
      if (
        JSON.stringify(Object.keys(ours)) !== JSON.stringify(Object.keys(theirs)) ||
        JSON.stringify(strip(ours)) !== JSON.stringify(strip(theirs))
      ) {
        problems.push(
          `${cmd.join(' ')}:\n  xloud:     ${JSON.stringify(ours)}\n  openstack: ${JSON.stringify(theirs)}`,
        );
      }
    });

    const formats: string[][] = [
      ['endpoint', 'group', 'show', group.id, '-f', 'table'],
      ['endpoint', 'group', 'show', group.id, '-f', 'shell'],
      ['trust', 'show', trust.id, '-f', 'yaml'],
      ['implied', 'role', 'list', '-f', 'csv'],
      ['ec2', 'credentials', 'show', ec2.access, '-f', 'table'],
      ['policy', 'list', '--long', '-f', 'value'],
    ];
    const rendered = await pool(formats, 3, (c) => Promise.all([xloud(c, slow), osc(c, slow)]));
    formats.forEach((c, i) => {
      const [a, b] = rendered[i];
      if (a.code !== 0 || b.code !== 0 || a.stdout !== b.stdout)
        problems.push(
          `${c.join(' ')}:\n--- xloud (${a.code})\n${a.stdout}${a.stderr}--- openstack (${b.code})\n${b.stdout}${b.stderr}`,
        );
    });
    expect(problems.join('\n')).toBe('');
  }, 600_000);
});
