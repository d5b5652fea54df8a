import { describe, expect, it } from 'vitest';
import type { PolicyCredentials } from '../../src/policy/credentials.ts';
import { keystoneDefaultRules } from '../../src/policy/defaults/index.ts';
import { PolicyEnforcer } from '../../src/policy/enforcer.ts';

/*
 * Keystone's default policy (master) over realistic personas. Roles include the
 * implied ones, as Keystone puts them in tokens (admin ⊃ manager ⊃ member ⊃ reader).
 * Every persona is checked for every case: allowed, denied by scope, or denied by the rule.
 */

const ADMIN = ['admin', 'manager', 'member', 'reader'];
const MANAGER = ['manager', 'member', 'reader'];
const MEMBER = ['member', 'reader'];
const READER = ['reader'];

const system = (roles: string[]) => ({ system_scope: 'all' as const, user_domain_id: 'default', roles });
const domainD1 = (roles: string[]) => ({ domain_id: 'D1', user_domain_id: 'D1', roles });
const projectP1 = (roles: string[]) => ({ project_id: 'P1', project_domain_id: 'D1', user_domain_id: 'D1', roles });

const personaScopes = {
  sysAdmin: system(ADMIN),
  sysMember: system(MEMBER),
  sysReader: system(READER),
  domAdmin: domainD1(ADMIN),
  domManager: domainD1(MANAGER),
  domReader: domainD1(READER),
  projAdmin: projectP1(ADMIN),
  projManager: projectP1(MANAGER),
  projMember: projectP1(MEMBER),
  projReader: projectP1(READER),
  service: { project_id: 'PS', project_domain_id: 'default', user_domain_id: 'default', roles: ['service'] },
  unscoped: { user_domain_id: 'D1', roles: [] as string[] },
};
type Persona = keyof typeof personaScopes;
const PERSONAS = Object.keys(personaScopes) as Persona[];
const userOf = (persona: Persona) => `u-${persona}`;
const credsOf = (persona: Persona): PolicyCredentials => ({ user_id: userOf(persona), ...personaScopes[persona] });

const SYSTEM: Persona[] = ['sysAdmin', 'sysMember', 'sysReader'];
const DOMAIN: Persona[] = ['domAdmin', 'domManager', 'domReader'];
const EVERY_SCOPED = PERSONAS.filter((p) => p !== 'unscoped');

interface Case {
  action: string;
  what: string;
  target: Record<string, unknown>;
  allow: Persona[];
  /** Denied because the token's scope is not in scope_types; every other persona is denied by the rule. */
  scope: Persona[];
}

const grantTarget = (roleName: string, projectDomain = 'D1') => ({
  target: {
    user: { id: 'u-x', domain_id: 'D1' },
    project: { id: 'P2', domain_id: projectDomain },
    role: { id: `r-${roleName}`, name: roleName, domain_id: null },
  },
});

/**
 * Like oslo.policy, an unscoped token counts as project-scoped (with no roles), so it is refused for
 * scope exactly where project tokens are; the `unscoped` entries below document that it never passes.
 */
function deniedForScope(persona: Persona, scope: Persona[]): boolean {
  return persona === 'unscoped' ? scope.includes('projReader') : scope.includes(persona);
}

const cases: Case[] = [
  {
    action: 'identity:list_users',
    what: 'in D1 (target.domain_id as Keystone sets it for domain tokens)',
    target: { target: { domain_id: 'D1' } },
    allow: [...SYSTEM, ...DOMAIN, 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:list_users',
    what: 'in another domain',
    target: { target: { domain_id: 'D2' } },
    allow: [...SYSTEM, 'domAdmin', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:list_projects',
    what: 'in D1',
    target: { target: { domain_id: 'D1' } },
    allow: [...SYSTEM, ...DOMAIN, 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:create_domain',
    what: '(project-scoped admin passes admin_required, as in master)',
    target: {},
    allow: ['sysAdmin', 'projAdmin'],
    scope: [...DOMAIN, 'unscoped'],
  },
  {
    action: 'identity:get_user',
    what: 'of projMember (self)',
    target: { user_id: userOf('projMember'), target: { user: { id: userOf('projMember'), domain_id: 'D1' } } },
    allow: [...SYSTEM, ...DOMAIN, 'projAdmin', 'projMember'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:get_user',
    what: 'of a user in another domain',
    target: { user_id: 'u-x', target: { user: { id: 'u-x', domain_id: 'D2' } } },
    allow: [...SYSTEM, 'domAdmin', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:validate_token',
    what: "of projReader's token",
    target: { target: { token: { user_id: userOf('projReader') } } },
    allow: [...SYSTEM, 'domAdmin', 'projAdmin', 'projReader', 'service'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:check_token',
    what: "of projReader's token (no service clause)",
    target: { target: { token: { user_id: userOf('projReader') } } },
    allow: [...SYSTEM, 'domAdmin', 'projAdmin', 'projReader'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:revoke_token',
    what: "of projReader's token",
    target: { target: { token: { user_id: userOf('projReader') } } },
    allow: ['sysAdmin', 'domAdmin', 'projAdmin', 'projReader'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:create_application_credential',
    what: 'for projMember (owner only, project scope only)',
    target: { user_id: userOf('projMember') },
    allow: ['projMember'],
    scope: [...SYSTEM, ...DOMAIN, 'unscoped'],
  },
  {
    action: 'identity:create_grant',
    what: "of role 'member' on a D1 project to a D1 user",
    target: grantTarget('member'),
    allow: ['sysAdmin', 'domAdmin', 'domManager', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:create_grant',
    what: "of role 'admin' (beyond what a domain manager may grant)",
    target: grantTarget('admin'),
    allow: ['sysAdmin', 'domAdmin', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:create_grant',
    what: "of role 'member' on a project outside the caller's domain (a domain admin is still an admin)",
    target: grantTarget('member', 'D2'),
    allow: ['sysAdmin', 'domAdmin', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:create_grant',
    what: 'of a role specific to another domain (managers are limited by role name only)',
    target: { target: { ...grantTarget('member').target, role: { name: 'member', domain_id: 'D2' } } },
    allow: ['sysAdmin', 'domAdmin', 'domManager', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:get_domain',
    what: 'D1 (any token scoped to D1 or to a project in it)',
    target: { domain_id: 'D1', target: { domain: { id: 'D1' } } },
    allow: EVERY_SCOPED.filter((p) => p !== 'service'),
    scope: ['unscoped'],
  },
  {
    action: 'identity:get_domain',
    what: 'of another domain',
    target: { domain_id: 'D2', target: { domain: { id: 'D2' } } },
    allow: [...SYSTEM, 'domAdmin', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:create_project',
    what: 'in D1',
    target: { target: { project: { domain_id: 'D1' } } },
    allow: ['sysAdmin', 'domAdmin', 'domManager', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:list_roles',
    what: '(domain managers only from a domain-scoped token)',
    target: {},
    allow: [...SYSTEM, 'domAdmin', 'domManager', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:get_role',
    what: "'admin'",
    target: { target: { role: { name: 'admin' } } },
    allow: [...SYSTEM, 'domAdmin', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:get_role',
    what: "'reader' (one a manager may hand out)",
    target: { target: { role: { name: 'reader' } } },
    allow: [...SYSTEM, 'domAdmin', 'domManager', 'projAdmin', 'projManager'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:add_user_to_group',
    what: 'group and user in D1',
    target: { target: { group: { domain_id: 'D1' }, user: { domain_id: 'D1' } } },
    allow: ['sysAdmin', 'domAdmin', 'domManager', 'projAdmin'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:create_region',
    what: '(admin only)',
    target: {},
    allow: ['sysAdmin', 'projAdmin'],
    scope: [...DOMAIN, 'unscoped'],
  },
  { action: 'identity:get_region', what: '(any token: empty check string)', target: {}, allow: PERSONAS, scope: [] },
  { action: 'identity:get_auth_projects', what: '(any token, even unscoped)', target: {}, allow: PERSONAS, scope: [] },
  {
    action: 'identity:list_revoke_events',
    what: '(admin or service)',
    target: {},
    allow: ['sysAdmin', 'projAdmin', 'service'],
    scope: [...DOMAIN, 'unscoped'],
  },
  {
    action: 'identity:revocation_list',
    what: '(admin or service)',
    target: {},
    allow: ['sysAdmin', 'projAdmin', 'service'],
    scope: [...DOMAIN, 'unscoped'],
  },
  {
    action: 'identity:get_credential',
    what: "of projMember's credential",
    target: { target: { credential: { user_id: userOf('projMember') } } },
    allow: [...SYSTEM, 'domAdmin', 'projAdmin', 'projMember'],
    scope: ['unscoped'],
  },
  {
    action: 'identity:create_trust',
    what: 'with projMember as trustor',
    target: { target: { trust: { trustor_user_id: userOf('projMember') } } },
    allow: ['projMember'],
    scope: [...SYSTEM, ...DOMAIN, 'unscoped'],
  },
  {
    action: 'identity:delete_access_rule',
    what: "of projMember's (system admin or owner; a project admin is not enough)",
    target: { user_id: userOf('projMember'), target: { user: { id: userOf('projMember') } } },
    allow: ['sysAdmin', 'projMember'],
    scope: [...DOMAIN, 'unscoped'],
  },
];

const enforcer = new PolicyEnforcer({ defaults: keystoneDefaultRules });

describe('Keystone default policy by persona', () => {
  describe.each(cases)('$action $what', ({ action, target, allow, scope }) => {
    it.each(PERSONAS)('%s', (persona) => {
      const expected = allow.includes(persona)
        ? { allowed: true }
        : { allowed: false, reason: deniedForScope(persona, scope) ? 'scope' : 'rule' };
      expect(enforcer.enforce(action, target, credsOf(persona))).toEqual(expected);
    });
  });
});

describe('keystoneDefaultRules', () => {
  const names = keystoneDefaultRules.map((rule) => rule.name);

  it('loads into an enforcer: every rule parses and every rule: reference resolves', () => {
    expect(enforcer.ruleNames()).toHaveLength(keystoneDefaultRules.length);
  });

  it('has unique names', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it('covers every API area Xloud Identity serves', () => {
    const expected = [
      'admin_required',
      'service_role',
      'service_or_admin',
      'owner',
      'admin_or_owner',
      'token_subject',
      'admin_or_token_subject',
      'service_admin_or_token_subject',
      'domain_managed_target_role',
      'identity:check_token',
      'identity:validate_token',
      'identity:revoke_token',
      'identity:revocation_list',
      'identity:get_auth_catalog',
      'identity:get_auth_projects',
      'identity:get_auth_domains',
      'identity:get_auth_system',
      'identity:get_domain',
      'identity:list_domains',
      'identity:create_domain',
      'identity:update_domain',
      'identity:delete_domain',
      'identity:get_project',
      'identity:list_projects',
      'identity:list_user_projects',
      'identity:create_project',
      'identity:update_project',
      'identity:delete_project',
      'identity:list_project_tags',
      'identity:get_project_tag',
      'identity:update_project_tags',
      'identity:create_project_tag',
      'identity:delete_project_tags',
      'identity:delete_project_tag',
      'identity:get_user',
      'identity:list_users',
      'identity:list_projects_for_user',
      'identity:list_domains_for_user',
      'identity:create_user',
      'identity:update_user',
      'identity:delete_user',
      'identity:get_group',
      'identity:list_groups',
      'identity:list_groups_for_user',
      'identity:create_group',
      'identity:update_group',
      'identity:delete_group',
      'identity:list_users_in_group',
      'identity:remove_user_from_group',
      'identity:check_user_in_group',
      'identity:add_user_to_group',
      'identity:get_role',
      'identity:list_roles',
      'identity:create_role',
      'identity:update_role',
      'identity:delete_role',
      'identity:get_domain_role',
      'identity:list_domain_roles',
      'identity:create_domain_role',
      'identity:update_domain_role',
      'identity:delete_domain_role',
      'identity:get_implied_role',
      'identity:list_implied_roles',
      'identity:create_implied_role',
      'identity:delete_implied_role',
      'identity:list_role_inference_rules',
      'identity:check_implied_role',
      'identity:check_grant',
      'identity:list_grants',
      'identity:create_grant',
      'identity:revoke_grant',
      'identity:list_system_grants_for_user',
      'identity:check_system_grant_for_user',
      'identity:create_system_grant_for_user',
      'identity:revoke_system_grant_for_user',
      'identity:list_system_grants_for_group',
      'identity:check_system_grant_for_group',
      'identity:create_system_grant_for_group',
      'identity:revoke_system_grant_for_group',
      'identity:list_role_assignments',
      'identity:list_role_assignments_for_tree',
      'identity:get_region',
      'identity:list_regions',
      'identity:create_region',
      'identity:update_region',
      'identity:delete_region',
      'identity:get_service',
      'identity:list_services',
      'identity:create_service',
      'identity:update_service',
      'identity:delete_service',
      'identity:get_endpoint',
      'identity:list_endpoints',
      'identity:create_endpoint',
      'identity:update_endpoint',
      'identity:delete_endpoint',
      'identity:get_application_credential',
      'identity:list_application_credentials',
      'identity:create_application_credential',
      'identity:delete_application_credential',
      'identity:get_access_rule',
      'identity:list_access_rules',
      'identity:delete_access_rule',
      'identity:get_credential',
      'identity:list_credentials',
      'identity:create_credential',
      'identity:update_credential',
      'identity:delete_credential',
      'identity:get_policy',
      'identity:list_policies',
      'identity:create_policy',
      'identity:update_policy',
      'identity:delete_policy',
      'identity:create_trust',
      'identity:list_trusts',
      'identity:list_trusts_for_trustor',
      'identity:list_trusts_for_trustee',
      'identity:list_roles_for_trust',
      'identity:get_role_for_trust',
      'identity:delete_trust',
      'identity:get_trust',
      'identity:get_consumer',
      'identity:list_consumers',
      'identity:create_consumer',
      'identity:update_consumer',
      'identity:delete_consumer',
      'identity:authorize_request_token',
      'identity:get_access_token',
      'identity:get_access_token_role',
      'identity:list_access_tokens',
      'identity:list_access_token_roles',
      'identity:delete_access_token',
      'identity:list_revoke_events',
      'identity:ec2_get_credential',
      'identity:ec2_list_credentials',
      'identity:ec2_create_credential',
      'identity:ec2_delete_credential',
      'identity:create_endpoint_group',
      'identity:list_endpoint_groups',
      'identity:get_endpoint_group',
      'identity:update_endpoint_group',
      'identity:delete_endpoint_group',
      'identity:list_projects_associated_with_endpoint_group',
      'identity:list_endpoints_associated_with_endpoint_group',
      'identity:get_endpoint_group_in_project',
      'identity:list_endpoint_groups_for_project',
      'identity:add_endpoint_group_to_project',
      'identity:remove_endpoint_group_from_project',
      'identity:list_projects_for_endpoint',
      'identity:add_endpoint_to_project',
      'identity:check_endpoint_in_project',
      'identity:list_endpoints_for_project',
      'identity:remove_endpoint_from_project',
      'identity:create_domain_config',
      'identity:get_domain_config',
      'identity:get_security_compliance_domain_config',
      'identity:update_domain_config',
      'identity:delete_domain_config',
      'identity:get_domain_config_default',
    ];
    expect([...names].sort()).toEqual([...expected].sort());
  });

  it('documents the operations of every identity:* rule, with absolute /v3 paths', () => {
    for (const rule of keystoneDefaultRules.filter((r) => r.name.startsWith('identity:'))) {
      expect(rule.operations.length, rule.name).toBeGreaterThan(0);
      for (const { method, path } of rule.operations) {
        expect(method).toMatch(/^(GET|HEAD|POST|PUT|PATCH|DELETE)$/);
        expect(path).toMatch(/^\/v3\//);
      }
    }
  });

  it('gives admin-only rules a scope list that includes project, as master does', () => {
    // Keystone's OS-OAUTH1 access-token rules are project-scoped only: a request token names a project.
    const projectOnly = new Set([
      'identity:authorize_request_token',
      'identity:get_access_token',
      'identity:get_access_token_role',
      'identity:list_access_tokens',
      'identity:list_access_token_roles',
      'identity:delete_access_token',
    ]);
    const adminOnly = keystoneDefaultRules.filter(
      (r) => r.checkStr === 'rule:admin_required' && !projectOnly.has(r.name),
    );
    expect(adminOnly.length).toBeGreaterThan(20);
    for (const rule of adminOnly) expect(rule.scopeTypes, rule.name).toEqual(['system', 'project']);
  });
});
