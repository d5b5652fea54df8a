/**
 * The renderers build exactly the wire format @xloud/identity-schemas publishes: each is called with
 * representative records (every optional attribute set, and none) and its output checked against the response
 * schema. The API suite checks every route's real answers the same way (test/api/response-schema-check.ts).
 */
import {
  DomainList,
  DomainResponse,
  Endpoint,
  Group,
  Project,
  ProjectList,
  Region,
  Role,
  Service,
  TokenResponse,
  User,
  UserList,
} from '@xloud/identity-schemas';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { paginated } from '../../src/http/render/pagination.ts';
import {
  collection,
  renderDomain,
  renderEndpoint,
  renderGroup,
  renderProject,
  renderRegion,
  renderRole,
  renderService,
  renderUser,
} from '../../src/http/render/resources.ts';
import { renderTokenBody } from '../../src/http/render/token-body.ts';
import type { RoleRecord } from '../../src/services/assignment/assignment-driver.ts';
import type { TokenModel } from '../../src/services/auth/token-model.ts';
import type { UserRecord } from '../../src/services/identity/identity-driver.ts';
import { unsetUserAttributes } from '../../src/services/identity/user-attributes.ts';
import type { ProjectRecord } from '../../src/services/resource/resource-driver.ts';

const V3 = 'http://identity.example/v3';

/** Fails with every schema error, so a broken renderer says which attribute is wrong. */
function expectMatches(schema: TSchema, value: unknown): void {
  const errors = Value.Errors(schema, value).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  expect(errors).toEqual([]);
}

const domain: ProjectRecord = {
  id: 'default',
  name: 'Default',
  domainId: '<<keystone.domain.root>>',
  parentId: null,
  isDomain: true,
  enabled: true,
  description: null,
  extra: {},
};
const project: ProjectRecord = {
  id: 'p1',
  name: 'demo',
  domainId: 'default',
  parentId: 'default',
  isDomain: false,
  enabled: true,
  description: 'a project',
  extra: { owner: 'ops' },
};

const bareUser: UserRecord = {
  id: 'u1',
  domainId: 'default',
  name: 'alice',
  enabled: true,
  ...unsetUserAttributes(),
  extra: {},
  options: {},
  passwordHash: null,
  passwordCreatedAt: null,
  passwordExpiresAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastActiveAt: null,
  failedAuthCount: 0,
  failedAuthAt: null,
};
const fullUser: UserRecord = {
  ...bareUser,
  defaultProjectId: 'p1',
  description: 'Alice',
  email: 'alice@example.com',
  extra: { first_name: 'Alice' },
  options: { lock_password: true, ignore_password_expiry: false, multi_factor_auth_rules: [] },
  passwordExpiresAt: '2026-06-01T00:00:00.000Z',
};

const globalRole: RoleRecord = { id: 'r1', name: 'reader', domainId: null, description: null, options: {}, extra: {} };
const domainRole: RoleRecord = {
  id: 'r2',
  name: 'auditor',
  domainId: 'default',
  description: 'reads logs',
  options: { immutable: true },
  extra: { colour: 'red' },
};

describe('resource renderers match the response schemas', () => {
  it('renderDomain', () => {
    expectMatches(DomainResponse, { domain: renderDomain(domain, V3) });
    expectMatches(DomainResponse, {
      domain: renderDomain({ ...domain, description: 'd', extra: { x: 1 } }, V3, ['a', 'b']),
    });
  });

  it('renderProject (a project, and a project acting as a domain)', () => {
    expectMatches(Project, renderProject({ ...project, tags: ['prod'] }, V3));
    expectMatches(Project, renderProject(domain, V3));
  });

  it('renderUser, bare and with every optional attribute', () => {
    expectMatches(User, renderUser(bareUser, V3));
    expectMatches(User, renderUser(fullUser, V3));
    // Unset attributes are absent, not null (Keystone never shows default_project_id: null).
    expect(renderUser(bareUser, V3)).not.toHaveProperty('default_project_id');
  });

  it('renderGroup', () => {
    expectMatches(
      Group,
      renderGroup({ id: 'g1', domainId: 'default', name: 'devs', description: null, extra: {} }, V3),
    );
    expectMatches(
      Group,
      renderGroup({ id: 'g1', domainId: 'default', name: 'devs', description: 'developers', extra: { team: 'x' } }, V3),
    );
  });

  it('renderRole, global and domain-specific', () => {
    expectMatches(Role, renderRole(globalRole, V3));
    expectMatches(Role, renderRole(domainRole, V3));
  });

  it('renderRegion, renderService, renderEndpoint', () => {
    expectMatches(Region, renderRegion({ id: 'RegionOne', description: '', parentRegionId: null, extra: {} }, V3));
    expectMatches(
      Region,
      renderRegion({ id: 'RegionTwo', description: 'two', parentRegionId: 'RegionOne', extra: { zone: 'b' } }, V3),
    );
    expectMatches(
      Service,
      renderService(
        { id: 's1', type: 'identity', enabled: true, extra: { name: 'keystone', description: 'Identity' } },
        V3,
      ),
    );
    expectMatches(Service, renderService({ id: 's2', type: 'compute', enabled: false, extra: {} }, V3));
    expectMatches(
      Endpoint,
      renderEndpoint(
        {
          id: 'e1',
          interface: 'public',
          serviceId: 's1',
          url: 'http://x/v3',
          regionId: 'RegionOne',
          enabled: true,
          extra: {},
        },
        V3,
      ),
    );
    expectMatches(
      Endpoint,
      renderEndpoint(
        {
          id: 'e2',
          interface: 'admin',
          serviceId: 's1',
          url: 'http://x/v3',
          regionId: null,
          enabled: false,
          extra: {},
        },
        V3,
      ),
    );
  });

  it('renderers never let an extra attribute replace a modelled one', () => {
    const rendered = renderUser({ ...bareUser, extra: { enabled: 'yes', links: 'nope' } }, V3);
    expectMatches(User, rendered);
  });
});

describe('collections match the list schemas', () => {
  const users = [bareUser, { ...fullUser, id: 'u2' }, { ...bareUser, id: 'u3' }];

  it('collection, with and without a list_limit that truncates', () => {
    expectMatches(
      UserList,
      collection(
        'users',
        users.map((u) => renderUser(u, V3)),
        `${V3}/users`,
      ),
    );
    const truncated = collection(
      'users',
      users.map((u) => renderUser(u, V3)),
      `${V3}/users`,
      2,
    );
    expectMatches(UserList, truncated);
    expect(truncated.truncated).toBe(true);
  });

  it('paginated: a page with a next link, the last page, and a truncated list', async () => {
    const render = (u: UserRecord) => renderUser(u, V3);
    // The storage's part: id order, after the marker, at most `take`.
    const reader =
      <T extends { id: string }>(records: T[]) =>
      async (page: { after?: string; take?: number }) =>
        records
          .filter((r) => page.after === undefined || r.id > page.after)
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, page.take);
    const first = await paginated('users', { limit: '2' }, `${V3}/users`, render, undefined, reader(users));
    expectMatches(UserList, first);
    expect((first.links as { next: string | null }).next).toContain('marker=u2');
    expectMatches(
      UserList,
      await paginated('users', { limit: '2', marker: 'u2' }, `${V3}/users`, render, undefined, reader(users)),
    );
    expectMatches(UserList, await paginated('users', {}, `${V3}/users`, render, 1, reader(users)));
    expectMatches(
      DomainList,
      await paginated(
        'domains',
        {},
        `${V3}/domains`,
        (d: ProjectRecord) => renderDomain(d, V3),
        undefined,
        reader([domain]),
      ),
    );
    expectMatches(
      ProjectList,
      await paginated(
        'projects',
        {},
        `${V3}/projects`,
        (p: ProjectRecord & { tags?: string[] }) => renderProject({ ...p, tags: p.tags ?? [] }, V3),
        undefined,
        reader([project]),
      ),
    );
  });
});

describe('renderTokenBody matches TokenResponse', () => {
  const base: TokenModel = {
    id: 'gAAAA',
    user: fullUser,
    userDomain: domain,
    methods: ['password'],
    auditIds: ['AAAAAAAAAAAAAAAAAAAAAA'],
    issuedAt: new Date('2026-03-19T10:00:00Z'),
    expiresAt: new Date('2026-03-19T11:00:00Z'),
    roles: [globalRole, domainRole],
  };
  const catalog = [
    {
      id: 's1',
      type: 'identity',
      name: 'keystone',
      endpoints: [{ id: 'e1', interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: 'http://x/v3' }],
    },
  ];

  it('unscoped', () => {
    expectMatches(TokenResponse, renderTokenBody({ ...base, roles: [] }, undefined));
  });

  it('project-scoped, with catalog and is_admin_project', () => {
    expectMatches(
      TokenResponse,
      renderTokenBody({ ...base, project, projectDomain: domain, isAdminProject: false }, catalog),
    );
  });

  it('domain- and system-scoped, without catalog (?nocatalog)', () => {
    expectMatches(TokenResponse, renderTokenBody({ ...base, domain }, undefined));
    expectMatches(TokenResponse, renderTokenBody({ ...base, system: 'all' }, catalog));
  });

  it('application credential with access rules, and a trust', () => {
    const applicationCredential = {
      id: 'ac1',
      name: 'ci',
      secretHash: 'x',
      description: null,
      userId: 'u1',
      projectId: 'p1',
      system: null,
      expiresAt: null,
      unrestricted: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      roleIds: ['r1'],
      accessRules: [{ id: 'ar1', service: 'compute', path: '/v2.1/servers', method: 'GET' as const }],
    };
    expectMatches(
      TokenResponse,
      renderTokenBody(
        { ...base, project, projectDomain: domain, methods: ['application_credential'], applicationCredential },
        catalog,
      ),
    );
    const trust = {
      id: 't1',
      trustorUserId: 'u0',
      trusteeUserId: 'u1',
      projectId: 'p1',
      impersonation: true,
      expiresAt: null,
      remainingUses: null,
      allowRedelegation: false,
      redelegatedTrustId: null,
      redelegationCount: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      extra: {},
      roleIds: ['r1'],
    };
    expectMatches(TokenResponse, renderTokenBody({ ...base, project, projectDomain: domain, trust }, catalog));
  });
});
