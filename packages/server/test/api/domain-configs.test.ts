/**
 * Domain-specific configuration over HTTP: `/v3/domains/{domain_id}/config[/{group}[/{option}]]` (PUT/GET/PATCH/
 * DELETE with Keystone's 403 and 404 messages), the sensitive LDAP password (stored, never shown), the defaults at
 * `/v3/domains/config[/{group}[/{option}]]/default`, the security-compliance group any token may read, and policy.
 * The configuration is data only here (no LDAP backend). Runs against SQLite and PostgreSQL; with
 * XLOUD_TEST_TARGET against the reference Keystone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  DATABASES,
  expectKeystoneError,
  isExternalTarget,
  startApiTarget,
  type ApiResponse,
  type ApiTarget,
} from './api-client.ts';

const ours = !isExternalTarget();
const PASSWORD_REGEX = '^.{8,}$';

const LDAP = { url: 'ldap://ldap.example.org:389/', user_tree_dn: 'ou=Users,dc=example,dc=org' };

describe.each(DATABASES)('domain configuration (%s)', (database) => {
  let target: ApiTarget;
  let api: ApiClient;
  let admin: string;

  beforeAll(async () => {
    target = await startApiTarget(database, {
      security_compliance: { password_regex: PASSWORD_REGEX, password_regex_description: 'eight or more' },
    });
    api = new ApiClient(target);
    admin = await api.adminToken();
  });

  afterAll(async () => {
    await target?.close();
  });

  const cfg = (domainId: string, ...parts: string[]) => ['', 'domains', domainId, 'config', ...parts].join('/');

  function expectInvalid(res: ApiResponse, reason: string): void {
    expectKeystoneError(res, 403);
    expect(res.body.error.message).toBe(`Invalid domain specific configuration: ${reason}.`);
  }

  function expectNotFound(res: ApiResponse, what: string, domainId: string): void {
    expectKeystoneError(res, 404);
    expect(res.body.error.message).toBe(`Could not find ${what} in domain configuration for domain ${domainId}.`);
  }

  it('creates (201), replaces (200), and shows the whole config, a group and an option', async () => {
    const domain = await api.createDomain();
    expectNotFound(await api.get(cfg(domain.id), admin), 'any options', domain.id);
    const created = await api.put(cfg(domain.id), admin, { config: { identity: { driver: 'ldap' }, ldap: LDAP } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({ config: { identity: { driver: 'ldap' }, ldap: LDAP } });
    expect((await api.get(cfg(domain.id), admin)).body).toEqual({
      config: { identity: { driver: 'ldap' }, ldap: LDAP },
    });
    expect((await api.get(cfg(domain.id, 'ldap'), admin)).body).toEqual({ config: { ldap: LDAP } });
    expect((await api.get(cfg(domain.id, 'ldap', 'url'), admin)).body).toEqual({ config: { url: LDAP.url } });
    expect((await api.head(cfg(domain.id, 'ldap', 'url'), admin)).status).toBe(200);

    // A second PUT replaces everything (200, not 201).
    const replaced = await api.put(cfg(domain.id), admin, { config: { ldap: { user_tree_dn: 'ou=x' } } });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.body).toEqual({ config: { ldap: { user_tree_dn: 'ou=x' } } });
    expectNotFound(await api.get(cfg(domain.id, 'identity'), admin), 'group identity', domain.id);
    expectNotFound(await api.get(cfg(domain.id, 'ldap', 'url'), admin), 'option url in group ldap', domain.id);
  });

  it('stores the LDAP password but never returns it', async () => {
    const domain = await api.createDomain();
    const created = await api.put(cfg(domain.id), admin, { config: { ldap: { ...LDAP, password: 'sekrit' } } });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain('sekrit');
    expect((await api.get(cfg(domain.id), admin)).body).toEqual({ config: { ldap: LDAP } });
    expectNotFound(
      await api.get(cfg(domain.id, 'ldap', 'password'), admin),
      'option password in group ldap',
      domain.id,
    );
    // It exists, though: it can be updated and deleted by name.
    const patched = await api.patch(cfg(domain.id, 'ldap', 'password'), admin, { config: { password: 'other' } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.text).not.toContain('other');
    expect((await api.delete(cfg(domain.id, 'ldap', 'password'), admin)).status).toBe(204);
    expectNotFound(
      await api.delete(cfg(domain.id, 'ldap', 'password'), admin),
      'option password in group ldap',
      domain.id,
    );
  });

  it('keeps option values of any JSON type', async () => {
    const domain = await api.createDomain();
    const config = {
      identity: { driver: 'ldap', list_limit: 42 },
      ldap: { use_tls: true, user_attribute_ignore: ['a', 'b'], page_size: 0, user: null },
    };
    expect((await api.put(cfg(domain.id), admin, { config })).body).toEqual({ config });
    expect((await api.get(cfg(domain.id, 'identity', 'list_limit'), admin)).body).toEqual({
      config: { list_limit: 42 },
    });
  });

  it('refuses unsupported groups and options, and malformed configs, with Keystone’s 403 reasons', async () => {
    const domain = await api.createDomain();
    expectInvalid(await api.put(cfg(domain.id), admin, { config: {} }), 'No options specified');
    expectInvalid(await api.put(cfg(domain.id), admin, {}), 'No options specified');
    expectInvalid(
      await api.put(cfg(domain.id), admin, { config: { ldap: {} } }),
      'The value of group ldap specified in the config should be a dictionary of options',
    );
    expectInvalid(
      await api.put(cfg(domain.id), admin, { config: { ldap: 'x' } }),
      'The value of group ldap specified in the config should be a dictionary of options',
    );
    expectInvalid(
      await api.put(cfg(domain.id), admin, { config: { bogus: { a: 1 } } }),
      'Group bogus is not supported for domain specific configurations',
    );
    expectInvalid(
      await api.put(cfg(domain.id), admin, { config: { ldap: { url: 'x', bogus: 1 } } }),
      'Option bogus in group ldap is not supported for domain specific configurations',
    );
    expectInvalid(
      await api.get(cfg(domain.id, 'bogus'), admin),
      'Group bogus is not supported for domain specific configurations',
    );
    expectInvalid(
      await api.get(cfg(domain.id, 'ldap', 'bogus'), admin),
      'Option bogus in group ldap is not supported for domain specific configurations',
    );
    expectInvalid(
      await api.delete(cfg(domain.id, 'bogus'), admin),
      'Group bogus is not supported for domain specific configurations',
    );
    expectNotFound(await api.get(cfg(domain.id), admin), 'any options', domain.id);
  });

  it('updates the whole config, one group or one option, each only as Keystone allows', async () => {
    const domain = await api.createDomain();
    expect((await api.put(cfg(domain.id), admin, { config: { ldap: { user_tree_dn: 'ou=x' } } })).status).toBe(201);
    // The whole config: merged, new groups and options welcome.
    const merged = await api.patch(cfg(domain.id), admin, { config: { identity: { driver: 'sql', list_limit: 5 } } });
    expect(merged.body).toEqual({
      config: { identity: { driver: 'sql', list_limit: 5 }, ldap: { user_tree_dn: 'ou=x' } },
    });
    // A group: only that group, which must exist.
    const group = await api.patch(cfg(domain.id, 'identity'), admin, { config: { identity: { driver: 'x' } } });
    expect(group.body).toEqual({
      config: { identity: { driver: 'x', list_limit: 5 }, ldap: { user_tree_dn: 'ou=x' } },
    });
    expectInvalid(
      await api.patch(cfg(domain.id, 'identity'), admin, { config: { ldap: { url: 'x' } } }),
      'request to update group identity, but config provided contains group ldap instead',
    );
    expectInvalid(
      await api.patch(cfg(domain.id, 'identity'), admin, { config: { identity: { driver: 'x' }, ldap: { url: 'x' } } }),
      'Trying to update group identity, so that, and only that, group must be specified in the config',
    );
    // An option: the body is {option: value}; only that option, which must exist.
    const option = await api.patch(cfg(domain.id, 'identity', 'driver'), admin, { config: { driver: 'y' } });
    expect(option.body.config.identity).toEqual({ driver: 'y', list_limit: 5 });
    expectInvalid(
      await api.patch(cfg(domain.id, 'identity', 'driver'), admin, { config: { list_limit: 3 } }),
      'Trying to update option driver in group identity, but config provided contains option list_limit instead',
    );
    expectInvalid(
      await api.patch(cfg(domain.id, 'identity', 'driver'), admin, { config: { driver: 'y', list_limit: 3 } }),
      'Trying to update option driver in group identity, so that, and only that, option must be specified  in the config',
    );
    expectNotFound(
      await api.patch(cfg(domain.id, 'ldap', 'url'), admin, { config: { url: 'y' } }),
      'option url in group ldap',
      domain.id,
    );
    const otherDomain = await api.createDomain();
    expectNotFound(
      await api.patch(cfg(otherDomain.id, 'ldap'), admin, { config: { ldap: { url: 'y' } } }),
      'group ldap',
      otherDomain.id,
    );
    expectInvalid(await api.patch(cfg(domain.id), admin, { config: {} }), 'No options specified');
  });

  it('deletes an option, a group and the whole config', async () => {
    const domain = await api.createDomain();
    await api.put(cfg(domain.id), admin, { config: { identity: { driver: 'ldap' }, ldap: LDAP } });
    expectNotFound(
      await api.delete(cfg(domain.id, 'ldap', 'user_filter'), admin),
      'option user_filter in group ldap',
      domain.id,
    );
    expect((await api.delete(cfg(domain.id, 'ldap', 'url'), admin)).status).toBe(204);
    expect((await api.get(cfg(domain.id), admin)).body).toEqual({
      config: { identity: { driver: 'ldap' }, ldap: { user_tree_dn: LDAP.user_tree_dn } },
    });
    expect((await api.delete(cfg(domain.id, 'identity'), admin)).status).toBe(204);
    expectNotFound(await api.delete(cfg(domain.id, 'identity'), admin), 'group identity', domain.id);
    expect((await api.delete(cfg(domain.id), admin)).status).toBe(204);
    expectNotFound(await api.get(cfg(domain.id), admin), 'any options', domain.id);
    // Deleting a config that is not there is not an error.
    expect((await api.delete(cfg(domain.id), admin)).status).toBe(204);
  });

  it('answers 404 for an unknown domain, and forgets a deleted domain’s config', async () => {
    const missing = await api.put(cfg('nope'), admin, { config: { identity: { driver: 'ldap' } } });
    expectKeystoneError(missing, 404);
    expect(missing.body.error.message).toBe('Could not find domain: nope.');
    expectNotFound(await api.get(cfg('nope'), admin), 'any options', 'nope');
    expectKeystoneError(await api.patch(cfg('nope'), admin, { config: { identity: { driver: 'ldap' } } }), 404);
    expectKeystoneError(await api.delete(cfg('nope'), admin), 404);

    const domain = await api.createDomain();
    await api.put(cfg(domain.id), admin, { config: { identity: { driver: 'ldap' } } });
    expect((await api.patch(`/domains/${domain.id}`, admin, { domain: { enabled: false } })).status).toBe(200);
    expect((await api.delete(`/domains/${domain.id}`, admin)).status).toBe(204);
    // Were the options left behind, this would report the domain instead: the config is looked up first.
    expectNotFound(await api.get(cfg(domain.id), admin), 'any options', domain.id);
  });

  describe('defaults', () => {
    it('shows what a domain config overrides: every readable identity and ldap option', async () => {
      const all = await api.get('/domains/config/default', admin);
      expect(all.status, all.text).toBe(200);
      expect(Object.keys(all.body.config).sort()).toEqual(['identity', 'ldap']);
      expect(all.body.config.identity).toEqual({ driver: 'sql', list_limit: null });
      expect(all.body.config.ldap).toMatchObject({
        url: 'ldap://localhost',
        user_tree_dn: null,
        user_objectclass: 'inetOrgPerson',
        pool_size: 10,
      });
      expect(Object.keys(all.body.config.ldap)).toHaveLength(49);
      expect(all.body.config.ldap).not.toHaveProperty('password');
      expect((await api.get('/domains/config/identity/default', admin)).body).toEqual({
        config: { identity: { driver: 'sql', list_limit: null } },
      });
      expect((await api.get('/domains/config/ldap/url/default', admin)).body).toEqual({
        config: { url: 'ldap://localhost' },
      });
      expect((await api.head('/domains/config/default', admin)).status).toBe(200);
      expectInvalid(
        await api.get('/domains/config/ldap/password/default', admin),
        'Reading the default for option password in group ldap is not supported',
      );
      expectInvalid(
        await api.get('/domains/config/bogus/default', admin),
        'Group bogus is not supported for domain specific configurations',
      );
      expectInvalid(
        await api.get('/domains/config/ldap/bogus/default', admin),
        'Option bogus in group ldap is not supported for domain specific configurations',
      );
    });
  });

  describe('security compliance', () => {
    it('lets any token read the password rules of the default domain, and nothing else', async () => {
      const member = await api.userWithRole('member');
      const res = await api.get(cfg('default', 'security_compliance'), member.token);
      expect(res.status, res.text).toBe(200);
      expect(Object.keys(res.body.config.security_compliance).sort()).toEqual([
        'password_regex',
        'password_regex_description',
      ]);
      if (ours) {
        expect(res.body).toEqual({
          config: {
            security_compliance: { password_regex: PASSWORD_REGEX, password_regex_description: 'eight or more' },
          },
        });
        expect((await api.get(cfg('default', 'security_compliance', 'password_regex'), member.token)).body).toEqual({
          config: { password_regex: PASSWORD_REGEX },
        });
      }
      const domain = await api.createDomain();
      expectInvalid(
        await api.get(cfg(domain.id, 'security_compliance'), member.token),
        'Reading security compliance information for any domain other than the default domain is not allowed or supported.',
      );
      expectInvalid(
        await api.get(cfg('default', 'security_compliance', 'lockout_duration'), member.token),
        'Reading security compliance values other than password_regex and password_regex_description is not allowed.',
      );
      expectKeystoneError(await api.get(cfg('default', 'security_compliance')), 401);
      // It is not a group a domain config may hold.
      expectInvalid(
        await api.put(cfg(domain.id), admin, { config: { security_compliance: { password_regex: 'x' } } }),
        'Group security_compliance is not supported for domain specific configurations',
      );
    });
  });

  describe('policy', () => {
    it('lets a system reader read configs and defaults but not write; keeps project members out', async () => {
      const domain = await api.createDomain();
      await api.put(cfg(domain.id), admin, { config: { identity: { driver: 'ldap' } } });
      const reader = await api.createUser();
      await api.grant({ user: reader.id }, { system: 'all' }, 'reader');
      const sysReader = await api.token({ id: reader.id }, reader.password, { system: { all: true } });
      expect((await api.get(cfg(domain.id), sysReader)).status).toBe(200);
      expect((await api.get('/domains/config/default', sysReader)).status).toBe(200);
      expectKeystoneError(await api.put(cfg(domain.id), sysReader, { config: { identity: { driver: 'sql' } } }), 403);
      expectKeystoneError(await api.patch(cfg(domain.id), sysReader, { config: { identity: { driver: 'sql' } } }), 403);
      expectKeystoneError(await api.delete(cfg(domain.id), sysReader), 403);

      const member = await api.userWithRole('member');
      expectKeystoneError(await api.get(cfg(domain.id), member.token), 403);
      expectKeystoneError(await api.get('/domains/config/default', member.token), 403);
      expectKeystoneError(
        await api.put(cfg(domain.id), member.token, { config: { identity: { driver: 'sql' } } }),
        403,
      );
      expectKeystoneError(await api.get(cfg(domain.id)), 401);
    });
  });
});
