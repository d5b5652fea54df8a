/**
 * Every command group of `xloud`, run as the real bin against a real server (SQLite), with openstackclient's
 * grammar: create/list/show/set/delete of domains, projects, users, groups, roles, regions, services, endpoints,
 * credentials and application credentials; role add/remove and role assignment list with every filter; group
 * membership; user password set; token issue/revoke; catalog; versions. Independent commands of a step run
 * concurrently (each `xloud` run costs ~0.7 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@xloud/test-kit';
import { adminEnv, expectCleanError, json, ok, unique, xloud, type RunOptions } from './helpers/cli.ts';

let server: TestServer;
let env: Record<string, string>;
const run = unique();
const n = (s: string) => `${s}-${run}`;

const opts = (extra: Record<string, string | undefined> = {}): RunOptions => ({ env: { ...env, ...extra } });
const X = (args: string[], extra?: Record<string, string | undefined>) => xloud(args, opts(extra));
const J = <T = any>(args: string[], extra?: Record<string, string | undefined>) => json<T>(args, opts(extra));
const OK = (args: string[], extra?: Record<string, string | undefined>) => ok(args, opts(extra));

beforeAll(async () => {
  server = await startTestServer();
  env = adminEnv(server.baseUrl, server.adminPassword);
});
afterAll(async () => {
  await server?.close();
});

describe('xloud identity commands against a real server', { timeout: 120_000 }, () => {
  it('domain and project create/list/show/set/delete, with tags, properties and --or-show', async () => {
    const dom = await J(['domain', 'create', n('dom'), '--description', 'test domain']);
    expect(dom).toMatchObject({ name: n('dom'), description: 'test domain', enabled: true });
    expect(Object.keys(dom)).not.toContain('links');
    const [proj, again, domains] = await Promise.all([
      J([
        'project',
        'create',
        n('proj'),
        '--domain',
        n('dom'),
        '--description',
        'p',
        '--tag',
        'blue',
        '--tag',
        'green',
        '--property',
        'k=v',
      ]),
      J(['domain', 'create', n('dom'), '--or-show']),
      J(['domain', 'list']),
    ]);
    expect(proj).toMatchObject({ name: n('proj'), domain_id: dom.id, description: 'p', enabled: true });
    expect([...proj.tags].sort()).toEqual(['blue', 'green']);
    expect(again.id).toBe(dom.id);
    expect(domains.find((d: any) => d.ID === dom.id)).toEqual({
      ID: dom.id,
      Name: n('dom'),
      Enabled: true,
      Description: 'test domain',
    });

    await Promise.all([
      OK([
        'project',
        'set',
        n('proj'),
        '--domain',
        n('dom'),
        '--name',
        n('proj2'),
        '--disable',
        '--tag',
        'red',
        '--remove-tag',
        'blue',
      ]),
      OK(['domain', 'set', dom.id, '--description', 'changed']),
    ]);
    const [shown, byTag, long, dshow, sub] = await Promise.all([
      J(['project', 'show', n('proj2'), '--domain', n('dom')]),
      J(['project', 'list', '--tags', 'red']),
      J(['project', 'list', '--domain', n('dom'), '--long', '--sort', 'name:desc']),
      J(['domain', 'show', n('dom')]),
      J(['project', 'create', n('child'), '--domain', n('dom'), '--parent', proj.id]),
    ]);
    expect(shown).toMatchObject({ id: proj.id, name: n('proj2'), enabled: false });
    expect([...shown.tags].sort()).toEqual(['green', 'red']);
    expect(byTag.map((p: any) => p.ID)).toEqual([proj.id]);
    expect(long.map((p: any) => Object.keys(p))[0]).toEqual(['ID', 'Name', 'Domain ID', 'Description', 'Enabled']);
    expect(long.find((p: any) => p.ID === proj.id)).toMatchObject({
      Name: n('proj2'),
      'Domain ID': dom.id,
      Enabled: false,
    });
    expect(dshow.description).toBe('changed');
    expect(sub.parent_id).toBe(proj.id);
    const parents = await J(['project', 'show', sub.id, '--parents']);
    expect(JSON.stringify(parents.parents)).toContain(proj.id);

    const busy = await X(['domain', 'delete', n('dom')]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/Failed to delete domain with name or ID '.*': .*\(HTTP 403\)/);
    expect(busy.stderr).toContain('1 of 1 domains failed to delete.');
    await OK(['project', 'delete', sub.id, n('proj2'), '--domain', n('dom')]);
    await OK(['domain', 'set', n('dom'), '--disable']);
    await OK(['domain', 'delete', n('dom')]);
    const gone = await X(['domain', 'show', n('dom')]);
    expectCleanError(gone);
    expect(gone.stderr.trim()).toBe(`No domain with a name or ID of '${n('dom')}' exists.`);
  });

  it('user and group create/list/show/set/delete, membership, and user password set', async () => {
    const [user, group, project] = await Promise.all([
      J(['user', 'create', n('alice'), '--password', 'Secret-1', '--email', 'alice@example.com', '--description', 'A']),
      J(['group', 'create', n('devs'), '--description', 'developers']),
      J(['project', 'create', n('uproj')]),
    ]);
    expect(user).toMatchObject({ name: n('alice'), email: 'alice@example.com', domain_id: 'default', enabled: true });
    expect(JSON.stringify(user)).not.toContain('Secret-1');
    expect(group).toMatchObject({ name: n('devs'), description: 'developers', domain_id: 'default' });

    await Promise.all([
      OK(['group', 'add', 'user', group.id, n('alice')]),
      OK(['user', 'set', n('alice'), '--email', 'a2@example.com', '--project', n('uproj')]),
      OK(['group', 'set', n('devs'), '--name', n('devs2'), '--description', 'renamed']),
    ]);
    const [shown, members, groupsOfUser, contains, list, gshow] = await Promise.all([
      J(['user', 'show', n('alice')]),
      J(['user', 'list', '--group', n('devs2')]),
      J(['group', 'list', '--user', n('alice'), '--long']),
      X(['group', 'contains', 'user', n('devs2'), n('alice')]),
      J(['user', 'list', '--long']),
      J(['group', 'show', n('devs2')]),
    ]);
    expect(shown).toMatchObject({ email: 'a2@example.com', default_project_id: project.id });
    expect(members).toEqual([{ ID: user.id, Name: n('alice') }]);
    expect(groupsOfUser).toEqual([{ ID: group.id, Name: n('devs2'), 'Domain ID': 'default', Description: 'renamed' }]);
    expect(contains).toMatchObject({ code: 0, stdout: `${n('alice')} in group ${n('devs2')}\n` });
    expect(list.find((u: any) => u.ID === user.id)).toEqual({
      ID: user.id,
      Name: n('alice'),
      Project: project.id,
      Domain: 'default',
      Description: 'A',
      Email: 'a2@example.com',
      Enabled: true,
    });
    expect(gshow.description).toBe('renamed');

    await OK(['group', 'remove', 'user', n('devs2'), n('alice')]);
    const notIn = await X(['group', 'contains', 'user', n('devs2'), n('alice')]);
    expect(notIn.code).toBe(1);
    expect(notIn.stderr).toBe(`${n('alice')} not in group ${n('devs2')}\n`);
    const missing = await X(['group', 'add', 'user', n('devs2'), `nobody-${run}`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`1 of 1 users not added to group ${n('devs2')}.`);

    // self-service password change: as alice (unscoped), then the new password works and the old does not
    const aliceEnv = {
      OS_USERNAME: n('alice'),
      OS_PASSWORD: 'Secret-1',
      OS_PROJECT_NAME: undefined,
      OS_PROJECT_DOMAIN_NAME: undefined,
    };
    await OK(['user', 'password', 'set', '--original-password', 'Secret-1', '--password', 'Secret-2'], aliceEnv);
    const [fresh, stale] = await Promise.all([
      J(['token', 'issue'], { ...aliceEnv, OS_PASSWORD: 'Secret-2' }),
      X(['token', 'issue'], aliceEnv),
    ]);
    expect(Object.keys(fresh)).toEqual(['expires', 'id', 'user_id']);
    expect(fresh.user_id).toBe(user.id);
    expectCleanError(stale);
    expect(stale.stderr).toContain('(HTTP 401)');
    // prompted passwords come from stdin when it is not a terminal
    const prompted = await xloud(['user', 'password', 'set'], {
      env: { ...env, ...aliceEnv, OS_PASSWORD: 'Secret-2' },
      input: 'Secret-2\nSecret-3\nSecret-3\n',
    });
    expect(prompted.code).toBe(0);
    expect(prompted.stdout + prompted.stderr).not.toMatch(/Secret-[23]/);

    await OK(['user', 'set', n('alice'), '--disable']);
    expect((await J(['user', 'show', user.id])).enabled).toBe(false);
    await Promise.all([
      OK(['user', 'delete', n('alice')]),
      OK(['group', 'delete', n('devs2')]),
      OK(['project', 'delete', n('uproj')]),
    ]);
    expect((await X(['user', 'show', user.id])).code).toBe(1);
  });

  it('roles, role add/remove on project/domain/system, inherited grants, and role assignment list filters', async () => {
    const [role, user, group, project] = await Promise.all([
      J(['role', 'create', n('auditor'), '--description', 'reads things']),
      J(['user', 'create', n('bob'), '--password', 'Pw-bob-1']),
      J(['group', 'create', n('ops')]),
      J(['project', 'create', n('rproj')]),
    ]);
    expect(role).toMatchObject({ name: n('auditor'), description: 'reads things', domain_id: null });
    await Promise.all([
      OK(['role', 'add', '--user', n('bob'), '--project', n('rproj'), n('auditor')]),
      OK(['role', 'add', '--group', n('ops'), '--domain', 'default', '--inherited', n('auditor')]),
      OK(['role', 'add', '--user', n('bob'), '--system', 'all', 'reader']),
      OK(['group', 'add', 'user', n('ops'), n('bob')]),
      OK(['role', 'set', n('auditor'), '--description', 'audits']),
    ]);
    const [byUser, names, inherited, system, byRole, effective, roles, rshow] = await Promise.all([
      J(['role', 'assignment', 'list', '--user', n('bob'), '--project', n('rproj')]),
      J(['role', 'assignment', 'list', '--user', n('bob'), '--names']),
      J(['role', 'assignment', 'list', '--group', n('ops'), '--inherited']),
      J(['role', 'assignment', 'list', '--system', 'all', '--user', n('bob'), '--names']),
      J(['role', 'assignment', 'list', '--role', n('auditor')]),
      J(['role', 'assignment', 'list', '--user', n('bob'), '--effective', '--names']),
      J(['role', 'list']),
      J(['role', 'show', n('auditor')]),
    ]);
    expect(byUser).toEqual([
      { Role: role.id, User: user.id, Group: '', Project: project.id, Domain: '', System: '', Inherited: false },
    ]);
    expect(names).toContainEqual({
      Role: n('auditor'),
      User: `${n('bob')}@Default`,
      Group: '',
      Project: `${n('rproj')}@Default`,
      Domain: '',
      System: '',
      Inherited: false,
    });
    expect(names).toContainEqual({
      Role: 'reader',
      User: `${n('bob')}@Default`,
      Group: '',
      Project: '',
      Domain: '',
      System: 'all',
      Inherited: false,
    });
    expect(inherited).toEqual([
      { Role: role.id, User: '', Group: group.id, Project: '', Domain: 'default', System: '', Inherited: true },
    ]);
    expect(system).toEqual([
      {
        Role: 'reader',
        User: `${n('bob')}@Default`,
        Group: '',
        Project: '',
        Domain: '',
        System: 'all',
        Inherited: false,
      },
    ]);
    expect(byRole).toHaveLength(2);
    // effective: the group's inherited grant shows up on bob for every project of the domain
    expect(effective.some((a: any) => a.Project === `${n('rproj')}@Default` && a.Role === n('auditor'))).toBe(true);
    expect(roles).toContainEqual({ ID: role.id, Name: n('auditor') });
    expect(rshow.description).toBe('audits');

    const bad = await X(['role', 'add', n('auditor')]);
    expectCleanError(bad);
    expect(bad.stderr).toContain('Role not added, incorrect set of arguments provided');
    const both = await X(['role', 'add', '--user', 'x', '--group', 'y', '--project', 'p', n('auditor')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not allowed with argument --user');

    await Promise.all([
      OK(['role', 'remove', '--user', n('bob'), '--project', n('rproj'), n('auditor')]),
      OK(['role', 'remove', '--group', n('ops'), '--domain', 'default', '--inherited', n('auditor')]),
      OK(['role', 'remove', '--user', n('bob'), '--system', 'all', 'reader']),
    ]);
    expect(await J(['role', 'assignment', 'list', '--user', n('bob')])).toEqual([]);
    const domainRole = await J(['role', 'create', n('drole'), '--domain', 'default']);
    expect(domainRole.domain_id).toBe('default');
    expect(await J(['role', 'list', '--domain', 'default'])).toContainEqual({
      ID: domainRole.id,
      Name: n('drole'),
      Domain: 'Default',
    });
    await Promise.all([
      OK(['role', 'delete', n('auditor')]),
      OK(['role', 'delete', n('drole'), '--domain', 'default']),
      OK(['user', 'delete', n('bob')]),
      OK(['group', 'delete', n('ops')]),
      OK(['project', 'delete', n('rproj')]),
    ]);
  });

  it('regions, services and endpoints', async () => {
    const [r1, svc] = await Promise.all([
      J(['region', 'create', n('r1'), '--description', 'first']),
      J(['service', 'create', 'compute', '--name', n('nova'), '--description', 'Compute']),
    ]);
    expect(r1).toMatchObject({ description: 'first', parent_region: null, region: n('r1') });
    expect(Object.keys(r1)).not.toContain('id');
    expect(svc).toMatchObject({ name: n('nova'), type: 'compute', enabled: true, description: 'Compute' });
    const [r2, ep] = await Promise.all([
      J(['region', 'create', n('r2'), '--parent-region', n('r1')]),
      J(['endpoint', 'create', n('nova'), 'public', 'http://compute.example.com/v2.1', '--region', n('r1')]),
    ]);
    expect(r2).toMatchObject({ parent_region: n('r1'), region: n('r2') });
    expect(ep).toMatchObject({
      interface: 'public',
      url: 'http://compute.example.com/v2.1',
      region_id: n('r1'),
      service_id: svc.id,
      service_name: n('nova'),
      service_type: 'compute',
      enabled: true,
    });
    await Promise.all([
      OK(['region', 'set', n('r2'), '--description', 'second']),
      OK(['service', 'set', n('nova'), '--description', 'Compute v2', '--disable']),
      OK(['endpoint', 'set', ep.id, '--url', 'http://compute2.example.com/v2.1', '--interface', 'internal']),
    ]);
    const [regions, rshow, services, sshow, eps, eshow, byType] = await Promise.all([
      J(['region', 'list', '--parent-region', n('r1')]),
      J(['region', 'show', n('r2')]),
      J(['service', 'list', '--long']),
      J(['service', 'show', svc.id]),
      J(['endpoint', 'list', '--service', n('nova')]),
      J(['endpoint', 'show', ep.id]),
      J(['service', 'show', 'compute']),
    ]);
    expect(regions).toEqual([{ Region: n('r2'), 'Parent Region': n('r1'), Description: 'second' }]);
    expect(rshow).toMatchObject({ description: 'second', parent_region: n('r1'), region: n('r2') });
    expect(services).toContainEqual({
      ID: svc.id,
      Name: n('nova'),
      Type: 'compute',
      Description: 'Compute v2',
      Enabled: false,
    });
    expect(sshow).toMatchObject({ id: svc.id, enabled: false });
    expect(byType.id).toBe(svc.id);
    expect(eps).toEqual([
      {
        ID: ep.id,
        Region: n('r1'),
        'Service Name': n('nova'),
        'Service Type': 'compute',
        Enabled: true,
        Interface: 'internal',
        URL: 'http://compute2.example.com/v2.1',
      },
    ]);
    expect(eshow).toMatchObject({ id: ep.id, url: 'http://compute2.example.com/v2.1', service_name: n('nova') });
    const badIface = await X(['endpoint', 'create', n('nova'), 'sideways', 'http://x']);
    expect(badIface.code).toBe(2);
    expect(badIface.stderr).toContain("invalid choice: 'sideways'");
    await OK(['endpoint', 'delete', ep.id]);
    await Promise.all([OK(['service', 'delete', n('nova')]), OK(['region', 'delete', n('r2')])]);
    await OK(['region', 'delete', n('r1')]);
    const none = await X(['region', 'show', n('r1')]);
    expectCleanError(none);
    expect(none.stderr.trim()).toBe(`No region with a name or ID of '${n('r1')}' exists.`);
  });

  it('credentials and application credentials (the secret is printed only at creation)', async () => {
    const cred = await J([
      'credential',
      'create',
      'admin',
      '{"access":"AK","secret":"SK"}',
      '--type',
      'ec2',
      '--project',
      'admin',
    ]);
    expect(cred).toMatchObject({ type: 'ec2', blob: '{"access":"AK","secret":"SK"}' });
    await OK([
      'credential',
      'set',
      cred.id,
      '--user',
      'admin',
      '--type',
      'ec2',
      '--data',
      '{"access":"AK","secret":"SK2"}',
      '--project',
      'admin',
    ]);
    const [list, show, needsArgs] = await Promise.all([
      J(['credential', 'list', '--user', 'admin', '--type', 'ec2']),
      J(['credential', 'show', cred.id]),
      X(['credential', 'set', cred.id, '--type', 'cert']),
    ]);
    expect(list.find((c: any) => c.ID === cred.id)).toMatchObject({
      Type: 'ec2',
      'User ID': cred.user_id,
      Data: '{"access":"AK","secret":"SK2"}',
      'Project ID': cred.project_id,
    });
    expect(show.blob).toContain('SK2');
    expect(needsArgs.code).toBe(2);
    await OK(['credential', 'delete', cred.id]);

    const created = await xloud(
      [
        'application',
        'credential',
        'create',
        n('ci'),
        '--secret',
        'app-secret-1',
        '--role',
        'member',
        '--expiration',
        '2099-01-01T00:00:00',
        '--description',
        'CI',
        '-f',
        'json',
      ],
      opts(),
    );
    expect(created.code).toBe(0);
    const ac = JSON.parse(created.stdout);
    expect(ac).toMatchObject({
      name: n('ci'),
      secret: 'app-secret-1',
      roles: 'member',
      description: 'CI',
      unrestricted: false,
    });
    expect(ac.expires_at).toMatch(/^2099-01-01T00:00:00/);
    const [acShow, acList, acToken, generated] = await Promise.all([
      J(['application', 'credential', 'show', n('ci')]),
      J(['application', 'credential', 'list']),
      J(['token', 'issue'], {
        OS_AUTH_TYPE: 'v3applicationcredential',
        OS_APPLICATION_CREDENTIAL_ID: ac.id,
        OS_APPLICATION_CREDENTIAL_SECRET: 'app-secret-1',
        OS_USERNAME: undefined,
        OS_PASSWORD: undefined,
        OS_PROJECT_NAME: undefined,
      }),
      J(['application', 'credential', 'create', n('gen'), '--unrestricted']),
    ]);
    expect(acShow).not.toHaveProperty('secret');
    expect(JSON.stringify(acShow)).not.toContain('app-secret-1');
    expect(Object.keys(acShow)).toEqual(
      [
        'access_rules',
        'description',
        'expires_at',
        'id',
        'name',
        'project_id',
        'roles',
        'system',
        'unrestricted',
        'user_id',
      ].filter((k) => k in acShow),
    );
    expect(acList.find((x: any) => x.ID === ac.id)).toMatchObject({ Name: n('ci'), Description: 'CI' });
    expect(acToken.project_id).toBe(ac.project_id);
    expect(generated.secret).toMatch(/^\S{20,}$/);
    expect(generated.unrestricted).toBe(true);
    const badDate = await X(['application', 'credential', 'create', n('bad'), '--expiration', 'tomorrow']);
    expectCleanError(badDate);
    expect(badDate.stderr).toContain("does not match format '%Y-%m-%dT%H:%M:%S'");
    await OK(['application', 'credential', 'delete', n('ci'), generated.id]);
    expect((await J(['application', 'credential', 'list'])).filter((x: any) => x.Name.endsWith(run))).toEqual([]);
  });

  it('token issue/revoke, catalog list/show, versions show', async () => {
    const [tok, catalog, identity, versions, table] = await Promise.all([
      J(['token', 'issue']),
      J(['catalog', 'list']),
      J(['catalog', 'show', 'identity']),
      J(['versions', 'show']),
      OK(['catalog', 'list']),
    ]);
    expect(Object.keys(tok)).toEqual(['expires', 'id', 'project_id', 'user_id']);
    expect(tok.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    expect(catalog).toContainEqual(expect.objectContaining({ Name: 'keystone', Type: 'identity' }));
    expect(identity.endpoints.map((e: any) => e.interface).sort()).toEqual(['admin', 'internal', 'public']);
    expect(versions).toEqual([
      {
        'Region Name': 'RegionOne',
        'Service Type': 'identity',
        Version: expect.stringMatching(/^3\.\d+$/),
        Status: 'CURRENT',
        Endpoint: `${server.baseUrl}/v3/`,
        'Min Microversion': null,
        'Max Microversion': null,
      },
    ]);
    expect(table).toMatch(new RegExp(`\\|\\s+\\|\\s+\\|   public: ${server.baseUrl.replace(/\./g, '\\.')}/v3\\s+\\|`));

    const tokenEnv = {
      OS_AUTH_TYPE: 'token',
      OS_TOKEN: tok.id,
      OS_USERNAME: undefined,
      OS_PASSWORD: undefined,
      OS_USER_DOMAIN_NAME: undefined,
    };
    expect((await J(['project', 'show', 'admin'], tokenEnv)).name).toBe('admin');
    await OK(['token', 'revoke', tok.id]);
    const revoked = await X(['project', 'list'], tokenEnv);
    expectCleanError(revoked);
    expect(revoked.stderr).not.toContain(tok.id);
    const missing = await X(['catalog', 'show', 'nosuchservice']);
    expectCleanError(missing);
  });
});
