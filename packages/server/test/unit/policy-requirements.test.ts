import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPolicyRules, keystoneDefaultRules } from '../../src/policy/defaults/index.ts';
import { xloudExtensionRules } from '../../src/policy/defaults/xloud.ts';
import { PolicyEnforcer } from '../../src/policy/enforcer.ts';
import { parseRule } from '../../src/policy/parser.ts';
import type { PolicyRule, ScopeType } from '../../src/policy/policy-rule.ts';
import { summarizeRequirements } from '../../src/policy/requirements.ts';

/** The hints for a check string, with `rule:` references resolved against `named`. */
function hints(checkStr: string, scopeTypes?: ScopeType[], named: Record<string, string> = {}): string[] {
  return summarizeRequirements(parseRule(checkStr), scopeTypes, (name) =>
    name in named ? parseRule(named[name]!) : undefined,
  );
}

const ANY: ScopeType[] = ['system', 'domain', 'project'];

describe('summarizeRequirements', () => {
  it('a role without a scope check applies on every scope the rule allows', () => {
    expect(hints('role:admin', ['system', 'project'])).toEqual(['admin on system', 'admin on project']);
    expect(hints('role:Admin')).toEqual(['admin']);
  });

  it('scope checks pick the scope: system_scope, domain_id / token.domain, project_id / token.project', () => {
    expect(hints('role:reader and system_scope:all', ANY)).toEqual(['reader on system']);
    expect(hints('role:reader and domain_id:%(target.domain_id)s', ANY)).toEqual(['reader on domain']);
    expect(hints('role:reader and token.domain.id:%(target.user.domain_id)s', ANY)).toEqual(['reader on domain']);
    expect(hints('role:member and project_id:%(target.project.id)s', ANY)).toEqual(['member on project']);
    expect(hints('project_id:%(target.project.id)s', ANY)).toEqual(['any role on project']);
  });

  it('ownership checks are "owner"; a role and ownership together say both', () => {
    expect(hints('user_id:%(target.user.id)s', ANY)).toEqual(['owner']);
    expect(hints('user_id:%(user_id)s or token.user.id:%(x)s')).toEqual(['owner']);
    expect(hints('role:member and user_id:%(target.user.id)s', ['project'])).toEqual(['member on project (owner)']);
  });

  it('expands rule: references and OR-branches in order, without duplicates', () => {
    const named = { admin_required: 'role:admin or is_admin:1', owner: 'user_id:%(user_id)s' };
    expect(
      hints(
        'rule:admin_required or (role:reader and system_scope:all) or rule:owner or rule:admin_required',
        ANY,
        named,
      ),
    ).toEqual(['admin on system', 'admin on domain', 'admin on project', 'reader on system', 'owner']);
  });

  it('distributes AND over OR', () => {
    expect(hints('(role:admin or role:manager) and domain_id:%(target.domain_id)s', ANY)).toEqual([
      'admin on domain',
      'manager on domain',
    ]);
  });

  it('drops what no role grant can satisfy: negations, contradictory scopes, scopes the rule forbids, "!"', () => {
    expect(hints('role:reader and not role:admin', ANY)).toEqual([
      'reader on system',
      'reader on domain',
      'reader on project',
    ]);
    expect(hints('role:reader and system_scope:all and domain_id:%(target.domain_id)s', ANY)).toEqual([]);
    expect(hints('role:reader and system_scope:all', ['project'])).toEqual([]);
    expect(hints('!', ANY)).toEqual([]);
    expect(hints('is_admin:1', ANY)).toEqual([]);
    expect(hints('role:%(target.role.name)s', ANY)).toEqual([]);
    expect(hints('domain_id:None and role:reader', ANY)).toEqual([
      'reader on system',
      'reader on domain',
      'reader on project',
    ]);
  });

  it('a rule anyone may use needs nothing', () => {
    expect(hints('', undefined)).toEqual([]);
    expect(hints('@', ANY)).toEqual([]);
  });

  it('an unknown rule reference is false, as in oslo.policy', () => {
    expect(hints('rule:nowhere or role:admin', ['system'])).toEqual(['admin on system']);
  });

  it('stays bounded on a rule whose expansion explodes', () => {
    const wide = Array.from({ length: 12 }, (_, i) => `(role:a${i} or role:b${i})`).join(' and ');
    const out = hints(wide, ['project']);
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(256);
  });
});

describe('PolicyEnforcer.describe', () => {
  const enforcer = new PolicyEnforcer({ defaults: defaultPolicyRules });

  it("summarises Keystone's defaults", () => {
    expect(enforcer.describe('identity:list_users')).toEqual({
      scopeTypes: ['system', 'domain', 'project'],
      requires: ['admin on system', 'admin on domain', 'admin on project', 'reader on system', 'reader on domain'],
    });
    expect(enforcer.describe('identity:create_domain')).toEqual({
      scopeTypes: ['system', 'project'],
      requires: ['admin on system', 'admin on project'],
    });
    expect(enforcer.describe('identity:no_such_rule')).toBeUndefined();
  });

  it('follows a policy.yaml override', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xloud-requirements-'));
    try {
      const path = join(dir, 'policy.yaml');
      writeFileSync(path, '"identity:list_sign_ins": "role:auditor and system_scope:all"\n');
      const overridden = PolicyEnforcer.fromFile(path, defaultPolicyRules);
      expect(overridden.describe('identity:list_sign_ins')).toEqual({
        scopeTypes: ['system', 'domain', 'project'],
        requires: ['auditor on system'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('OS-XLOUD default rules', () => {
  const enforcer = new PolicyEnforcer({ defaults: defaultPolicyRules });
  const member = { user_id: 'u1', project_id: 'p1', project_domain_id: 'd1', roles: ['member', 'reader'] };
  const projectAdmin = {
    user_id: 'u2',
    project_id: 'p1',
    project_domain_id: 'd1',
    roles: ['admin', 'member', 'reader'],
  };
  const unscoped = { user_id: 'u1', roles: [] };
  const targetOf = (userId: string) => ({ user_id: userId, target: { user: { id: userId, domain_id: 'd1' } } });

  it("come after Keystone's, with names of their own and documented operations", () => {
    expect(defaultPolicyRules).toEqual([...keystoneDefaultRules, ...xloudExtensionRules]);
    const keystoneNames = new Set(keystoneDefaultRules.map((r: PolicyRule) => r.name));
    for (const rule of xloudExtensionRules) {
      expect(keystoneNames.has(rule.name), rule.name).toBe(false);
      expect(
        // /v3/OS-XLOUD/…, or an OS-XLOUD sub-resource of a Keystone one (/v3/users/{user_id}/OS-XLOUD/mfa).
        rule.operations.map((o) => o.path).every((p) => /^\/v3\/(?:[^/]+\/\{[a-z_]+\}\/)?OS-XLOUD\//.test(p)),
        rule.name,
      ).toBe(true);
    }
  });

  it('identity:update_own_profile: only yourself, whatever your roles, unscoped too', () => {
    expect(enforcer.enforce('identity:update_own_profile', targetOf('u1'), member)).toEqual({ allowed: true });
    expect(enforcer.enforce('identity:update_own_profile', targetOf('u1'), unscoped)).toEqual({ allowed: true });
    expect(enforcer.enforce('identity:update_own_profile', targetOf('u1'), projectAdmin).allowed).toBe(false);
  });

  it.each(['identity:list_sign_ins', 'identity:revoke_user_tokens'])('%s: yourself or an admin', (action) => {
    expect(enforcer.enforce(action, targetOf('u1'), member).allowed).toBe(true);
    expect(enforcer.enforce(action, targetOf('u9'), member).allowed).toBe(false);
    expect(enforcer.enforce(action, targetOf('u9'), projectAdmin).allowed).toBe(true);
  });

  it('identity:xloud_manage_own_mfa: only yourself, whatever your roles', () => {
    expect(enforcer.enforce('identity:xloud_manage_own_mfa', targetOf('u1'), member)).toEqual({ allowed: true });
    expect(enforcer.enforce('identity:xloud_manage_own_mfa', targetOf('u1'), projectAdmin).allowed).toBe(false);
  });

  it("identity:xloud_reset_mfa mirrors identity:update_user: an admin, or a manager of the user's domain", () => {
    const domainManager = (domainId: string) => ({ user_id: 'u3', domain_id: domainId, roles: ['manager', 'member'] });
    for (const action of ['identity:xloud_reset_mfa', 'identity:update_user']) {
      expect(enforcer.enforce(action, targetOf('u9'), projectAdmin).allowed, action).toBe(true);
      expect(enforcer.enforce(action, targetOf('u9'), domainManager('d1')).allowed, action).toBe(true);
      expect(enforcer.enforce(action, targetOf('u9'), domainManager('d2')).allowed, action).toBe(false);
      expect(enforcer.enforce(action, targetOf('u1'), member).allowed, action).toBe(false);
    }
    // identity:xloud_get_mfa: those, and the user themself.
    expect(enforcer.enforce('identity:xloud_get_mfa', targetOf('u1'), member).allowed).toBe(true);
    expect(enforcer.enforce('identity:xloud_get_mfa', targetOf('u9'), member).allowed).toBe(false);
    expect(enforcer.enforce('identity:xloud_get_mfa', targetOf('u9'), domainManager('d1')).allowed).toBe(true);
  });
});
