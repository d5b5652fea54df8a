import { describe, expect, it } from 'vitest';
import { checkToString } from '../../src/policy/check-tree.ts';
import { PolicyParseError } from '../../src/policy/errors.ts';
import { parseRule } from '../../src/policy/parser.ts';

/** Fully parenthesised rendering, the same shape oslo.policy's str() gives. */
const shape = (rule: string) => checkToString(parseRule(rule));

describe('parseRule: precedence and grouping (as oslo.policy)', () => {
  it('binds and tighter than or, on either side', () => {
    expect(shape('a:1 or b:2 and c:3')).toBe('(a:1 or (b:2 and c:3))');
    expect(shape('a:1 and b:2 or c:3')).toBe('((a:1 and b:2) or c:3)');
    expect(shape('a:1 and b:2 or c:3 and d:4')).toBe('((a:1 and b:2) or (c:3 and d:4))');
    expect(shape('a:1 or b:2 and c:3 and d:4')).toBe('(a:1 or (b:2 and c:3 and d:4))');
  });

  it('flattens chains of the same operator', () => {
    expect(shape('a:1 or b:2 or c:3')).toBe('(a:1 or b:2 or c:3)');
    expect(shape('a:1 and b:2 and c:3')).toBe('(a:1 and b:2 and c:3)');
  });

  it('lets parentheses override precedence', () => {
    expect(shape('(a:1 or b:2) and c:3')).toBe('((a:1 or b:2) and c:3)');
    expect(shape('a:1 and (b:2 or c:3)')).toBe('(a:1 and (b:2 or c:3))');
    expect(shape('((a:1))')).toBe('a:1');
    expect(shape('( a:1 or b:2 )')).toBe('(a:1 or b:2)');
  });

  it('applies not to the next check or group only', () => {
    expect(shape('not a:1 and b:2')).toBe('(not a:1 and b:2)');
    expect(shape('not (a:1 and b:2)')).toBe('not (a:1 and b:2)');
    expect(shape('a:1 or not b:2 and c:3')).toBe('(a:1 or (not b:2 and c:3))');
    expect(shape('not not a:1')).toBe('not not a:1');
  });

  it('accepts operators in any case', () => {
    expect(shape('a:1 AND b:2 Or NOT c:3')).toBe('((a:1 and b:2) or not c:3)');
  });

  it('parses Keystone create_grant, whose and/or mix relies on precedence', () => {
    const rule =
      '(rule:admin_required) or (role:admin and d:1) and (r:1 or None:%(target.role.domain_id)s) ' +
      'or (role:manager and d:1) and rule:domain_managed_target_role';
    // Like oslo.policy, a parenthesised `and` that follows an `or` absorbs the next `and` operand.
    expect(shape(rule)).toBe(
      '(rule:admin_required or (role:admin and d:1 and (r:1 or None:%(target.role.domain_id)s)) ' +
        'or (role:manager and d:1 and rule:domain_managed_target_role))',
    );
  });
});

describe('parseRule: checks', () => {
  it('recognises the special checks and the empty rule', () => {
    expect(parseRule('')).toEqual({ type: 'true' });
    expect(parseRule('@')).toEqual({ type: 'true' });
    expect(parseRule('!')).toEqual({ type: 'false' });
  });

  it('parses rule: and role: checks', () => {
    expect(parseRule('rule:admin_required')).toEqual({ type: 'rule', name: 'admin_required' });
    expect(parseRule('role:admin')).toMatchObject({ type: 'role', match: { parts: [{ text: 'admin' }] } });
  });

  it('splits only on the first colon', () => {
    expect(parseRule('role:compute:admin')).toMatchObject({ type: 'role', match: { source: 'compute:admin' } });
  });

  it('reads %(key)s substitutions, including dotted keys and surrounding text', () => {
    expect(parseRule('user_id:%(target.token.user_id)s')).toMatchObject({
      type: 'generic',
      credentialPath: ['user_id'],
      literal: undefined,
      match: { parts: [{ targetKey: 'target.token.user_id' }] },
    });
    expect(parseRule('name:pre-%(a)s-%(b)s%%')).toMatchObject({
      match: { parts: [{ text: 'pre-' }, { targetKey: 'a' }, { text: '-' }, { targetKey: 'b' }, { text: '%' }] },
    });
  });

  it('keeps parentheses inside a substitution at the end of a group', () => {
    expect(shape('(role:reader and domain_id:%(target.domain_id)s)')).toBe(
      '(role:reader and domain_id:%(target.domain_id)s)',
    );
  });

  it('treats a Python literal on the left as a constant compared with the target value', () => {
    expect(parseRule("'member':%(target.role.name)s")).toMatchObject({ type: 'generic', literal: 'member' });
    expect(parseRule('"reader":%(target.role.name)s')).toMatchObject({ literal: 'reader' });
    expect(parseRule('True:%(target.user.enabled)s')).toMatchObject({ literal: 'True' });
    expect(parseRule('None:%(target.role.domain_id)s')).toMatchObject({ literal: 'None' });
    expect(parseRule('1:%(x)s')).toMatchObject({ literal: '1' });
  });

  it('treats any other left side as a dotted credential path', () => {
    expect(parseRule('token.project.domain.id:%(target.domain.id)s')).toMatchObject({
      literal: undefined,
      credentialPath: ['token', 'project', 'domain', 'id'],
    });
    expect(parseRule('is_admin:1')).toMatchObject({ credentialPath: ['is_admin'], match: { source: '1' } });
  });

  it('returns the same tree for the same string (parsed once)', () => {
    expect(parseRule('role:reader and system_scope:all')).toBe(parseRule('role:reader and system_scope:all'));
  });
});

describe('parseRule: malformed rules fail at load time with a clear error', () => {
  const malformed: Array<[string, RegExp]> = [
    ['role:admin or', /single expression/],
    ['or role:admin', /single expression/],
    ['role:admin and and role:x', /single expression/],
    ['role:a role:b', /single expression/],
    ['not', /single expression/],
    ['(role:admin', /unbalanced parentheses/],
    ['role:admin)', /unbalanced parentheses/],
    ['()', /single expression|unbalanced/],
    ['admin', /not a check; expected kind:match/],
    ['True', /not a check/],
    ["'member'", /quoted word "member"/],
    ['   ', /blank rule/],
    [':admin', /empty kind/],
    ['user_id:%(user_id)d', /unsupported '%'/],
    ['role:100%', /unsupported '%'/],
  ];

  it.each(malformed)('%j', (rule, message) => {
    expect(() => parseRule(rule)).toThrow(PolicyParseError);
    expect(() => parseRule(rule)).toThrow(message);
  });

  it('names the offending rule text', () => {
    expect(() => parseRule('role:admin or')).toThrow('"role:admin or"');
  });
});
