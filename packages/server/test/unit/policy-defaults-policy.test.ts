import { describe, expect, it } from 'vitest';
import type { PolicyCredentials } from '../../src/policy/credentials.ts';
import { keystoneDefaultRules } from '../../src/policy/defaults/index.ts';
import { PolicyEnforcer } from '../../src/policy/enforcer.ts';

/*
 * identity:*_policy (the /v3/policies blob API) over personas, as Keystone master defines them
 * (keystone/common/policies/policy.py): admins read and write, system readers read, scope system or project.
 */

const enforcer = new PolicyEnforcer({ defaults: keystoneDefaultRules });
const ADMIN = ['admin', 'manager', 'member', 'reader'];

const personas: Record<string, PolicyCredentials> = {
  sysAdmin: { user_id: 'u1', system_scope: 'all', roles: ADMIN },
  sysReader: { user_id: 'u2', system_scope: 'all', roles: ['reader'] },
  domAdmin: { user_id: 'u3', domain_id: 'D1', roles: ADMIN },
  projAdmin: { user_id: 'u4', project_id: 'P1', project_domain_id: 'D1', roles: ADMIN },
  projMember: { user_id: 'u5', project_id: 'P1', project_domain_id: 'D1', roles: ['member', 'reader'] },
};

const allowed = (action: string) =>
  Object.keys(personas)
    .filter((p) => enforcer.enforce(action, {}, personas[p]!).allowed)
    .sort();

describe('policy blob rules', () => {
  it.each(['identity:get_policy', 'identity:list_policies'])(
    '%s: admins (system or project) and system readers',
    (action) => {
      expect(allowed(action)).toEqual(['projAdmin', 'sysAdmin', 'sysReader']);
    },
  );

  it.each(['identity:create_policy', 'identity:update_policy', 'identity:delete_policy'])(
    '%s: admins only, never domain-scoped',
    (action) => {
      expect(allowed(action)).toEqual(['projAdmin', 'sysAdmin']);
    },
  );

  it('keeps Keystone master check strings and scope types', () => {
    const rules = keystoneDefaultRules.filter((r) =>
      /^identity:(get|list|create|update|delete)_polic(y|ies)$/.test(r.name),
    );
    expect(rules.map((r) => [r.name, r.checkStr, r.scopeTypes])).toEqual([
      ['identity:get_policy', 'rule:admin_required or (role:reader and system_scope:all)', ['system', 'project']],
      ['identity:list_policies', 'rule:admin_required or (role:reader and system_scope:all)', ['system', 'project']],
      ['identity:create_policy', 'rule:admin_required', ['system', 'project']],
      ['identity:update_policy', 'rule:admin_required', ['system', 'project']],
      ['identity:delete_policy', 'rule:admin_required', ['system', 'project']],
    ]);
  });
});
