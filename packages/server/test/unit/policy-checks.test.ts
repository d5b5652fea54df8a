import { describe, expect, it } from 'vitest';
import { evaluateCheck, type Credentials, type Target } from '../../src/policy/checks.ts';
import { parseRule } from '../../src/policy/parser.ts';
import { lookupTargetValue } from '../../src/policy/target-lookup.ts';

const named: Record<string, string> = {
  admin_required: 'role:admin or is_admin:1',
  owner: 'user_id:%(user_id)s',
  admin_or_owner: 'rule:admin_required or rule:owner',
};

function check(rule: string, target: Target, creds: Credentials): boolean {
  const resolve = (name: string) => (name in named ? parseRule(named[name]) : undefined);
  return evaluateCheck(parseRule(rule), target, creds, resolve);
}

const alice: Credentials = {
  user_id: 'alice',
  domain_id: 'd1',
  roles: ['Reader', 'member'],
  token: { user: { id: 'alice' } },
};

describe('role checks', () => {
  it('compare role names case-insensitively', () => {
    expect(check('role:reader', {}, alice)).toBe(true);
    expect(check('role:MEMBER', {}, alice)).toBe(true);
    expect(check('role:admin', {}, alice)).toBe(false);
  });

  it('may take the role name from the target', () => {
    expect(check('role:%(target.role.name)s', { target: { role: { name: 'member' } } }, alice)).toBe(true);
    expect(check('role:%(target.role.name)s', {}, alice)).toBe(false);
  });

  it('are false without a roles list', () => {
    expect(check('role:reader', {}, { user_id: 'x' })).toBe(false);
  });
});

describe('generic checks', () => {
  it('compare a credential with a target value', () => {
    expect(check('user_id:%(user_id)s', { user_id: 'alice' }, alice)).toBe(true);
    expect(check('user_id:%(user_id)s', { user_id: 'bob' }, alice)).toBe(false);
  });

  it('compare a credential with a constant', () => {
    expect(check('domain_id:d1', {}, alice)).toBe(true);
    expect(check('domain_id:d2', {}, alice)).toBe(false);
  });

  it('walk dotted credential paths', () => {
    expect(check('token.user.id:%(target.token.user_id)s', { target: { token: { user_id: 'alice' } } }, alice)).toBe(
      true,
    );
    expect(check('token.project.id:%(x)s', { x: 'p' }, alice)).toBe(false);
  });

  it('match any element when a credential path crosses a list', () => {
    const creds = { user_id: 'u', groups: [{ id: 'g1' }, { id: 'g2' }], tags: ['a', 'b'] };
    expect(check('groups.id:g2', {}, creds)).toBe(true);
    expect(check('groups.id:g3', {}, creds)).toBe(false);
    expect(check('tags:b', {}, creds)).toBe(true);
  });

  it('compare Python string forms, so booleans are True/False and null is None', () => {
    expect(check('enabled:True', {}, { enabled: true })).toBe(true);
    expect(check('enabled:true', {}, { enabled: true })).toBe(false);
    expect(check('is_admin:1', {}, { is_admin: true })).toBe(false); // exactly as oslo.policy: str(True) != '1'
    expect(check('is_admin:1', {}, { is_admin: 1 })).toBe(true);
    expect(check('domain_id:None', {}, { domain_id: null })).toBe(true);
    expect(check('count:%(n)s', { n: 3 }, { count: 3 })).toBe(true);
  });

  it('compare a quoted literal with the target value (left side is not a credential)', () => {
    const target = { target: { role: { name: 'member' } } };
    expect(check("'member':%(target.role.name)s", target, {})).toBe(true);
    expect(check("'admin':%(target.role.name)s", target, { admin: 'member' })).toBe(false);
    expect(check('True:%(target.user.enabled)s', { target: { user: { enabled: true } } }, {})).toBe(true);
    expect(check('None:%(target.role.domain_id)s', { target: { role: { domain_id: null } } }, {})).toBe(true);
    expect(check('None:%(target.role.domain_id)s', { target: { role: { domain_id: 'd1' } } }, {})).toBe(false);
  });

  it('are false, never throwing, when the target value or credential is missing', () => {
    expect(check('user_id:%(user_id)s', {}, alice)).toBe(false);
    expect(check('None:%(target.role.domain_id)s', {}, {})).toBe(false);
    expect(check('token.user.id.deeper:%(x)s', { x: 'alice' }, alice)).toBe(false);
    expect(check('missing:%(x)s', { x: 'None' }, alice)).toBe(false);
  });

  it('make `not` of a missing value true, as oslo.policy does', () => {
    expect(check('not None:%(target.project.domain_id)s', {}, {})).toBe(true);
    expect(check('not None:%(target.project.domain_id)s', { target: { project: { domain_id: null } } }, {})).toBe(
      false,
    );
  });
});

describe('rule references', () => {
  it('evaluate the named rule', () => {
    expect(check('rule:admin_or_owner', { user_id: 'alice' }, alice)).toBe(true);
    expect(check('rule:admin_or_owner', { user_id: 'bob' }, alice)).toBe(false);
    expect(check('rule:admin_or_owner', { user_id: 'bob' }, { ...alice, roles: ['admin'] })).toBe(true);
  });

  it('fail closed for an unknown rule', () => {
    expect(check('rule:nope', {}, alice)).toBe(false);
    expect(check('not rule:nope', {}, alice)).toBe(true);
  });
});

describe('target lookups', () => {
  const value = (dict: Record<string, unknown>, key: string) => lookupTargetValue(dict, key);

  it('read nested, flattened and mixed spellings alike', () => {
    const expected = { found: true, value: 'd1' };
    expect(value({ target: { user: { domain_id: 'd1' } } }, 'target.user.domain_id')).toEqual(expected);
    expect(value({ 'target.user.domain_id': 'd1' }, 'target.user.domain_id')).toEqual(expected);
    expect(value({ 'target.user': { domain_id: 'd1' } }, 'target.user.domain_id')).toEqual(expected);
    expect(value({ target: { 'user.domain_id': 'd1' } }, 'target.user.domain_id')).toEqual(expected);
  });

  it('prefer the exact flattened key', () => {
    expect(value({ 'a.b': 'flat', a: { b: 'nested' } }, 'a.b')).toEqual({ found: true, value: 'flat' });
  });

  it('resolve target.* against a bare target object', () => {
    expect(value({ user: { domain_id: 'd1' } }, 'target.user.domain_id')).toEqual({ found: true, value: 'd1' });
  });

  it('never let top-level URL parameters stand in for a missing target section entry', () => {
    expect(value({ domain_id: 'url-param', target: { user: {} } }, 'target.domain_id')).toEqual({ found: false });
    expect(value({ domain_id: 'url-param', 'target.user.id': 'u' }, 'target.domain_id')).toEqual({ found: false });
  });

  it('report null as found (it renders as None) and undefined as missing', () => {
    expect(value({ a: null }, 'a')).toEqual({ found: true, value: null });
    expect(value({ a: undefined }, 'a')).toEqual({ found: false });
    expect(value({ a: ['x'] }, 'a.0')).toEqual({ found: false });
  });

  it('render non-string target values the way Python str() does', () => {
    expect(check('x:%(v)s', { v: false }, { x: 'False' })).toBe(true);
    expect(check('x:%(v)s', { v: ['a', 1] }, { x: "['a', 1]" })).toBe(true);
    expect(check('x:%(v)s', { v: 1.5 }, { x: '1.5' })).toBe(true);
  });
});
