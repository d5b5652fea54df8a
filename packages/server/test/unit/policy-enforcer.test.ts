import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { effectiveCredentials, type PolicyCredentials } from '../../src/policy/credentials.ts';
import { PolicyEnforcer } from '../../src/policy/enforcer.ts';
import { PolicyLoadError } from '../../src/policy/errors.ts';
import type { PolicyRule } from '../../src/policy/policy-rule.ts';

const rule = (name: string, checkStr: string, scopeTypes?: PolicyRule['scopeTypes']): PolicyRule => ({
  name,
  checkStr,
  scopeTypes,
  description: name,
  operations: [],
});

const defaults: PolicyRule[] = [
  rule('admin_required', 'role:admin'),
  rule('owner', 'user_id:%(user_id)s'),
  rule('demo:create_thing', 'rule:admin_required', ['system', 'project']),
  rule('demo:get_own_thing', 'rule:admin_required or rule:owner', ['system', 'domain', 'project']),
  rule('demo:read_domain', 'role:reader and domain_id:%(target.domain.id)s', ['domain']),
  rule('demo:discover', ''),
];

const projectAdmin: PolicyCredentials = { user_id: 'u1', project_id: 'p1', project_domain_id: 'd1', roles: ['admin'] };
const projectMember: PolicyCredentials = {
  user_id: 'u1',
  project_id: 'p1',
  project_domain_id: 'd1',
  roles: ['member'],
};
const domainAdmin: PolicyCredentials = { user_id: 'u2', domain_id: 'd1', roles: ['admin', 'reader'] };
const systemAdmin: PolicyCredentials = { user_id: 'u3', system_scope: 'all', roles: ['admin'] };
const unscoped: PolicyCredentials = { user_id: 'u1', roles: [] };

const dirs: string[] = [];
function policyFile(name: string, contents: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xloud-policy-'));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('PolicyEnforcer.enforce', () => {
  const enforcer = new PolicyEnforcer({ defaults });

  it('allows when scope and check string both pass', () => {
    expect(enforcer.enforce('demo:create_thing', {}, projectAdmin)).toEqual({ allowed: true });
    expect(enforcer.enforce('demo:create_thing', {}, systemAdmin)).toEqual({ allowed: true });
  });

  it('denies with reason "scope" when the token scope is not in scope_types, whatever the roles', () => {
    expect(enforcer.enforce('demo:create_thing', {}, domainAdmin)).toEqual({ allowed: false, reason: 'scope' });
    expect(enforcer.enforce('demo:read_domain', { target: { domain: { id: 'd1' } } }, projectAdmin)).toEqual({
      allowed: false,
      reason: 'scope',
    });
  });

  it('denies with reason "rule" when the scope fits but the check string fails', () => {
    expect(enforcer.enforce('demo:create_thing', {}, projectMember)).toEqual({ allowed: false, reason: 'rule' });
    expect(enforcer.enforce('demo:read_domain', { target: { domain: { id: 'd2' } } }, domainAdmin)).toEqual({
      allowed: false,
      reason: 'rule',
    });
  });

  it('treats unscoped tokens as project-scoped, as oslo.policy does', () => {
    expect(enforcer.enforce('demo:get_own_thing', { user_id: 'u1' }, unscoped)).toEqual({ allowed: true });
    expect(enforcer.enforce('demo:discover', {}, unscoped)).toEqual({ allowed: true });
  });

  it('derives the scope from the most specific marker (system, then domain, then project)', () => {
    const both: PolicyCredentials = { user_id: 'u', domain_id: 'd1', project_id: 'p1', roles: ['reader'] };
    expect(enforcer.enforce('demo:read_domain', { target: { domain: { id: 'd1' } } }, both)).toEqual({ allowed: true });
  });

  it('reports unknown actions', () => {
    expect(enforcer.enforce('demo:nope', {}, systemAdmin)).toEqual({ allowed: false, reason: 'unknown_action' });
  });

  it('takes %(user_id)s from the target dict, i.e. the URL parameters', () => {
    expect(enforcer.enforce('demo:get_own_thing', { user_id: 'u1' }, projectMember)).toEqual({ allowed: true });
    expect(enforcer.enforce('demo:get_own_thing', { user_id: 'u9' }, projectMember)).toEqual({
      allowed: false,
      reason: 'rule',
    });
  });
});

describe('PolicyEnforcer overrides', () => {
  it('replace the check string but keep the default scope_types', () => {
    const enforcer = new PolicyEnforcer({ defaults, overrides: { 'demo:create_thing': 'role:member' } });
    expect(enforcer.checkStringOf('demo:create_thing')).toBe('role:member');
    expect(enforcer.enforce('demo:create_thing', {}, projectMember)).toEqual({ allowed: true });
    expect(enforcer.enforce('demo:create_thing', {}, projectAdmin)).toEqual({ allowed: false, reason: 'rule' });
    expect(enforcer.enforce('demo:create_thing', {}, { ...domainAdmin, roles: ['member'] })).toEqual({
      allowed: false,
      reason: 'scope',
    });
  });

  it('change rules that others reference', () => {
    const enforcer = new PolicyEnforcer({ defaults, overrides: { admin_required: 'role:admin and system_scope:all' } });
    expect(enforcer.enforce('demo:create_thing', {}, projectAdmin)).toEqual({ allowed: false, reason: 'rule' });
    expect(enforcer.enforce('demo:create_thing', {}, systemAdmin)).toEqual({ allowed: true });
  });

  it('may add new rules, which have no scope restriction', () => {
    const enforcer = new PolicyEnforcer({
      defaults,
      overrides: { cloud_admin: 'role:admin and system_scope:all', 'demo:create_thing': 'rule:cloud_admin' },
    });
    expect(enforcer.enforce('cloud_admin', {}, systemAdmin)).toEqual({ allowed: true });
    expect(enforcer.enforce('demo:create_thing', {}, projectAdmin)).toEqual({ allowed: false, reason: 'rule' });
  });

  it('are read from a YAML file', () => {
    const path = policyFile(
      'policy.yaml',
      '# operator policy\n"demo:create_thing": "role:member"\ndemo:discover: "!"\n',
    );
    const enforcer = PolicyEnforcer.fromFile(path, defaults);
    expect(enforcer.enforce('demo:create_thing', {}, projectMember)).toEqual({ allowed: true });
    expect(enforcer.enforce('demo:discover', {}, projectMember)).toEqual({ allowed: false, reason: 'rule' });
  });

  it('are read from a JSON file', () => {
    const path = policyFile('policy.json', JSON.stringify({ 'demo:create_thing': 'role:member' }));
    expect(PolicyEnforcer.fromFile(path, defaults).enforce('demo:create_thing', {}, projectMember)).toEqual({
      allowed: true,
    });
  });

  it('may come from an empty file', () => {
    const path = policyFile('empty.yaml', '# nothing overridden\n');
    expect(PolicyEnforcer.fromFile(path, defaults).checkStringOf('demo:create_thing')).toBe('rule:admin_required');
  });
});

describe('PolicyEnforcer load errors', () => {
  it('names the rule whose check string is malformed', () => {
    expect(() => new PolicyEnforcer({ defaults, overrides: { 'demo:create_thing': 'role:admin or' } })).toThrow(
      /overridden rule "demo:create_thing": invalid policy check string "role:admin or"/,
    );
  });

  it('rejects references to undefined rules (typos would otherwise deny silently)', () => {
    expect(() => new PolicyEnforcer({ defaults, overrides: { 'demo:create_thing': 'rule:admin_requried' } })).toThrow(
      /"demo:create_thing" refers to undefined rule "rule:admin_requried"/,
    );
  });

  it('rejects reference cycles', () => {
    expect(() => new PolicyEnforcer({ defaults, overrides: { a: 'rule:b', b: 'role:x or rule:a' } })).toThrow(
      /cycle: a -> b -> a/,
    );
    expect(() => new PolicyEnforcer({ defaults, overrides: { a: 'rule:a' } })).toThrow(PolicyLoadError);
  });

  it('rejects duplicate defaults', () => {
    expect(() => new PolicyEnforcer({ defaults: [...defaults, rule('owner', '@')] })).toThrow(
      /"owner" is defined twice/,
    );
  });

  it('rejects files that are not a mapping of names to strings', () => {
    expect(() => PolicyEnforcer.fromFile(policyFile('list.yaml', '- role:admin\n'), defaults)).toThrow(
      /must be a mapping/,
    );
    expect(() => PolicyEnforcer.fromFile(policyFile('nul.yaml', 'demo:create_thing:\n'), defaults)).toThrow(
      /"demo:create_thing" must map to a check string/,
    );
    expect(() => PolicyEnforcer.fromFile(policyFile('bad.yaml', 'a: "x\n'), defaults)).toThrow(
      /cannot read policy file/,
    );
    expect(() => PolicyEnforcer.fromFile('/nonexistent/policy.yaml', defaults)).toThrow(PolicyLoadError);
  });
});

describe('effectiveCredentials', () => {
  it("fills in Keystone's rendered-token view from the flat fields", () => {
    expect(effectiveCredentials(projectMember).token).toEqual({
      user_id: 'u1',
      user: { id: 'u1' },
      project: { id: 'p1', domain: { id: 'd1' } },
    });
    expect(effectiveCredentials(domainAdmin).token).toMatchObject({ domain: { id: 'd1' } });
    expect(effectiveCredentials(systemAdmin).token).toMatchObject({ system: { all: true } });
  });

  it("always carries oslo.context's keys, unset ones as None, as Keystone's credentials do", () => {
    expect(effectiveCredentials(projectMember)).toMatchObject({
      domain_id: null,
      system_scope: null,
      is_admin_project: true,
    });
    expect(effectiveCredentials({ ...projectMember, domain_id: undefined })).toMatchObject({ domain_id: null });
    const enforcer = new PolicyEnforcer({ defaults: [rule('demo:domain_only', 'not domain_id:None')] });
    expect(enforcer.enforce('demo:domain_only', {}, projectMember)).toEqual({ allowed: false, reason: 'rule' });
    expect(enforcer.enforce('demo:domain_only', {}, domainAdmin)).toEqual({ allowed: true });
  });

  it('lets an explicitly supplied token body win', () => {
    const creds: PolicyCredentials = {
      ...projectMember,
      token: { user_id: 'u1', project: { domain: { id: 'other' } } },
    };
    expect(effectiveCredentials(creds).token).toMatchObject({ project: { id: 'p1', domain: { id: 'other' } } });
  });
});
