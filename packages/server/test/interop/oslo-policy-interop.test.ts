/**
 * Interop: our policy engine against the real oslo.policy (Debian package
 * python3-oslo.policy, run with /usr/bin/python3). The same rule strings,
 * credentials and targets go to both engines and the results must agree:
 *   1. parse shape (oslo.policy's str() of the tree, i.e. precedence/grouping),
 *   2. check evaluation over a corpus of tricky check strings plus every
 *      Keystone default check string, for many credentials × targets,
 *   3. full enforcement (scope_types + check) of every Keystone default rule for
 *      scoped personas, using oslo.policy's Enforcer with enforce_scope=True.
 *
 * Targets are given to us nested and to oslo.policy flattened, exactly as
 * Keystone flattens its policy dict, so this also proves nested lookups match.
 * Known, deliberate differences are not compared: unscoped tokens (oslo.policy
 * treats them as project-scoped; we refuse them for rules with scope_types) and
 * malformed rules (oslo.policy fails closed at request time; we throw at load —
 * part 1 checks oslo.policy does reject the same strings).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkToString } from '../../src/policy/check-tree.ts';
import { evaluateCheck } from '../../src/policy/checks.ts';
import { effectiveCredentials, type PolicyCredentials } from '../../src/policy/credentials.ts';
import { keystoneDefaultRules } from '../../src/policy/defaults/index.ts';
import { PolicyEnforcer } from '../../src/policy/enforcer.ts';
import { parseRule } from '../../src/policy/parser.ts';

const PYTHON = process.env.XLOUD_SYSTEM_PYTHON ?? '/usr/bin/python3';

const ORACLE = `
import json, sys
from oslo_config import cfg
from oslo_policy import _checks, _parser, policy

req = json.load(sys.stdin)
out = {}
def shape(rule):
    tree = _parser.parse_rule(rule)
    # oslo.policy 4.0 returns a bare token for e.g. "'member'" (master returns '!')
    return str(tree) if isinstance(tree, _checks.BaseCheck) else '<not a check>'

out['shapes'] = [shape(r) for r in req['shapes']]

class RulesOnly:
    def __init__(self, rules):
        self.rules = rules

named = RulesOnly(policy.Rules.from_dict(req['named']))
checks = []
for case in req['checks']:
    try:
        checks.append(bool(_checks._check(_parser.parse_rule(case['rule']), case['target'], dict(case['creds']), named, None)))
    except Exception as e:
        checks.append('raised ' + repr(e))
out['checks'] = checks

conf = cfg.ConfigOpts()
conf([], default_config_files=[])
enforcer = policy.Enforcer(conf, policy_file='xloud-no-such-policy-file.yaml')  # no file: defaults only
conf.set_override('enforce_scope', True, 'oslo_policy')
enforcer.register_defaults([policy.RuleDefault(r['name'], r['checkStr'], scope_types=r.get('scopeTypes')) for r in req['defaults']])
enforcer.load_rules()
decisions = []
for case in req['enforce']:
    try:
        enforcer.enforce(case['action'], case['target'], dict(case['creds']), do_raise=True)
        decisions.append('allowed')
    except policy.InvalidScope:
        decisions.append('scope')
    except policy.PolicyNotAuthorized:
        decisions.append('rule')
    except Exception as e:
        decisions.append('raised ' + repr(e))
out['enforce'] = decisions
json.dump(out, sys.stdout)
`;

type Dict = Record<string, unknown>;

/** Keystone's utils.flatten_dict: nested mappings become dotted keys. */
function flatten(dict: Dict, prefix = ''): Dict {
  const flat: Dict = {};
  for (const [key, value] of Object.entries(dict)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      Object.assign(flat, flatten(value as Dict, name));
    else flat[name] = value;
  }
  return flat;
}

// ---------- personas and targets ----------

const ADMIN = ['admin', 'manager', 'member', 'reader'];
const personas: Record<string, PolicyCredentials> = {
  sysAdmin: { user_id: 'u-sysAdmin', user_domain_id: 'default', system_scope: 'all', roles: ADMIN },
  sysReader: { user_id: 'u-sysReader', user_domain_id: 'default', system_scope: 'all', roles: ['reader'] },
  domAdmin: { user_id: 'u-domAdmin', user_domain_id: 'D1', domain_id: 'D1', roles: ADMIN },
  domManager: {
    user_id: 'u-domManager',
    user_domain_id: 'D1',
    domain_id: 'D1',
    roles: ['manager', 'member', 'reader'],
  },
  domReader: { user_id: 'u-domReader', user_domain_id: 'D1', domain_id: 'D1', roles: ['reader'] },
  projAdmin: { user_id: 'u-projAdmin', user_domain_id: 'D1', project_id: 'P1', project_domain_id: 'D1', roles: ADMIN },
  projManager: {
    user_id: 'u-projManager',
    user_domain_id: 'D1',
    project_id: 'P1',
    project_domain_id: 'D1',
    roles: ['manager', 'member', 'reader'],
  },
  projMember: {
    user_id: 'u-projMember',
    user_domain_id: 'D1',
    project_id: 'P1',
    project_domain_id: 'D1',
    roles: ['Member', 'reader'],
  },
  projReader: {
    user_id: 'u-projReader',
    user_domain_id: 'D2',
    project_id: 'P2',
    project_domain_id: 'D2',
    roles: ['reader'],
  },
  service: {
    user_id: 'u-service',
    user_domain_id: 'default',
    project_id: 'PS',
    project_domain_id: 'default',
    roles: ['service'],
  },
};
const unscoped: PolicyCredentials = { user_id: 'u-unscoped', user_domain_id: 'D1', roles: [] };

function keystoneTarget(opts: {
  domain: string;
  projectDomain: string | null;
  user: string;
  roleName: string;
  roleDomain: string | null;
}): Dict {
  return {
    user_id: opts.user,
    domain_id: opts.domain,
    project_id: 'P1',
    target: {
      domain_id: opts.domain,
      domain: { id: opts.domain },
      user: { id: opts.user, domain_id: opts.domain },
      group: { id: 'g1', domain_id: opts.domain },
      project: { id: 'P1', domain_id: opts.projectDomain },
      role: { id: 'r1', name: opts.roleName, domain_id: opts.roleDomain },
      token: { user_id: opts.user },
      credential: { user_id: opts.user },
      trust: { trustor_user_id: opts.user, trustee_user_id: 'u-projReader' },
    },
  };
}

const targets: Dict[] = [
  keystoneTarget({ domain: 'D1', projectDomain: 'D1', user: 'u-projMember', roleName: 'member', roleDomain: null }),
  keystoneTarget({ domain: 'D1', projectDomain: 'D1', user: 'u-domManager', roleName: 'admin', roleDomain: 'D1' }),
  keystoneTarget({ domain: 'D2', projectDomain: 'D2', user: 'u-projReader', roleName: 'reader', roleDomain: 'D2' }),
  keystoneTarget({ domain: 'D1', projectDomain: null, user: 'u-x', roleName: 'manager', roleDomain: null }),
  { user_id: 'u-projMember', target: { token: { user_id: 'u-projMember' } } },
  { target: {} },
];

// ---------- corpus of check strings ----------

const trickyRules = [
  '@',
  '!',
  '',
  'rule:admin_required',
  'rule:owner',
  'rule:not_defined',
  'not rule:not_defined',
  'role:admin',
  'role:ADMIN',
  'role:member',
  'role:%(target.role.name)s',
  'role:compute:admin',
  'user_id:%(user_id)s',
  'user_id:%(target.user.id)s',
  'user_id:%(target.token.user_id)s',
  "'member':%(target.role.name)s",
  '"reader":%(target.role.name)s',
  "'D1':%(target.domain.id)s",
  'True:%(target.flag)s',
  'False:%(target.flag)s',
  'None:%(target.role.domain_id)s',
  'not None:%(target.project.domain_id)s',
  '1:%(target.count)s',
  '1.5:%(target.ratio)s',
  'is_admin:1',
  'is_admin:True',
  'is_admin_project:True',
  'domain_id:None',
  'not domain_id:None',
  'system_scope:all',
  'system_scope:None',
  'project_domain_id:%(target.project.domain_id)s',
  'token.project.domain.id:%(target.domain.id)s',
  'token.domain.id:%(target.domain.id)s',
  'token.user.id:%(user_id)s',
  'token.system.all:True',
  'tags:gold',
  'groups.id:g2',
  'groups.name:%(target.group.name)s',
  'missing.path:x',
  'name:pre-%(target.domain.id)s',
  'literal:%%(x)s',
  'count:%(target.count)s',
  'role:reader and system_scope:all or user_id:%(user_id)s',
  'role:admin or role:reader and domain_id:%(target.domain_id)s',
  'role:admin or (role:reader and domain_id:%(target.domain_id)s) and not role:service',
  'not role:admin and role:reader',
  'not (role:admin or role:reader)',
  'not not role:reader',
  '(role:admin or role:member) and not role:reader',
  'role:a or role:b and role:c or role:d',
  'role:reader AND (role:admin OR NOT role:member)',
  '((role:reader))',
  '(rule:admin_required) or (role:reader and domain_id:%(target.domain_id)s and not None:%(target.domain_id)s)',
];
const keystoneCheckStrings = [...new Set(keystoneDefaultRules.map((rule) => rule.checkStr))];
const corpus = [...new Set([...trickyRules, ...keystoneCheckStrings])];

const named: Record<string, string> = Object.fromEntries(
  keystoneDefaultRules.map((rule) => [rule.name, rule.checkStr]),
);

const extraCreds: Dict[] = [
  { user_id: 'u1', roles: ['admin'], is_admin: true },
  { user_id: 'u1', roles: ['reader'], is_admin: 1, domain_id: 'D1' },
  {
    user_id: 'u1',
    roles: [],
    tags: ['silver', 'gold'],
    groups: [
      { id: 'g1', name: 'ops' },
      { id: 'g2', name: 'dev' },
    ],
    count: 3,
    name: 'pre-D1',
    literal: '%(x)s',
  },
  {},
];
const checkCreds: Dict[] = [...Object.values(personas), unscoped].map(effectiveCredentials).concat(extraCreds);
const checkTargets: Dict[] = [
  ...targets,
  {
    target: {
      flag: true,
      count: 1,
      ratio: 1.5,
      group: { name: 'dev' },
      domain: { id: 'D1' },
      role: { name: 'Member' },
    },
  },
  { target: { flag: false, count: 3, domain_id: null, project: { domain_id: null } } },
];

// ---------- run both engines ----------

interface OracleAnswer {
  shapes: string[];
  checks: Array<boolean | string>;
  enforce: string[];
}

const malformed = [
  'role:admin or',
  'or role:admin',
  'role:a role:b',
  '(role:admin',
  'role:admin)',
  'admin',
  'True',
  "'member'",
  '   ',
  'not',
];

const checkCases = corpus.flatMap((rule) =>
  checkCreds.flatMap((creds) => checkTargets.map((target) => ({ rule, creds, target }))),
);

const scopedRules = keystoneDefaultRules.filter((rule) => rule.name.startsWith('identity:'));
const enforceCases = scopedRules.flatMap((rule) =>
  Object.entries(personas).flatMap(([persona, creds]) =>
    targets.map((target) => ({ action: rule.name, persona, creds, target })),
  ),
);

function askOsloPolicy(): OracleAnswer {
  const request = {
    shapes: [...corpus, ...malformed],
    named,
    checks: checkCases.map(({ rule, creds, target }) => ({ rule, creds, target: flatten(target) })),
    defaults: keystoneDefaultRules,
    enforce: enforceCases.map(({ action, creds, target }) => ({
      action,
      creds: effectiveCredentials(creds),
      target: flatten(target),
    })),
  };
  const run = spawnSync(PYTHON, ['-c', ORACLE], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error || run.status !== 0) {
    throw new Error(
      `oslo.policy oracle failed (${run.error?.message ?? `exit ${run.status}`}). ` +
        `It needs the Debian package python3-oslo.policy: apt-get install -y python3-oslo.policy\n${run.stderr.slice(-2000)}`,
    );
  }
  return JSON.parse(run.stdout) as OracleAnswer;
}

describe('oslo.policy interop', () => {
  const oslo = askOsloPolicy();

  it('parses every rule into the same tree shape', () => {
    const ours = corpus.map((rule) => checkToString(parseRule(rule)));
    expect(ours).toEqual(oslo.shapes.slice(0, corpus.length));
  });

  it('rejects at load time what oslo.policy can only fail on at request time', () => {
    for (const shape of oslo.shapes.slice(corpus.length)) expect(['!', '<not a check>']).toContain(shape);
    for (const rule of malformed) expect(() => parseRule(rule)).toThrow();
  });

  it(`evaluates ${checkCases.length} rule × credential × target combinations identically`, () => {
    const resolve = (name: string) => (name in named ? parseRule(named[name]) : undefined);
    const mismatches = checkCases
      .map(({ rule, creds, target }, i) => ({
        rule,
        creds,
        target,
        ours: evaluateCheck(parseRule(rule), target, creds, resolve),
        oslo: oslo.checks[i],
      }))
      .filter((result) => result.ours !== result.oslo);
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Guard against a vacuous corpus: both outcomes must occur plenty.
    expect(oslo.checks.filter((result) => result === true).length).toBeGreaterThan(500);
    expect(oslo.checks.filter((result) => result === false).length).toBeGreaterThan(500);
  });

  it(`enforces every Keystone default for scoped personas identically (${enforceCases.length} decisions)`, () => {
    const enforcer = new PolicyEnforcer({ defaults: keystoneDefaultRules });
    const mismatches = enforceCases
      .map(({ action, persona, creds, target }, i) => {
        const decision = enforcer.enforce(action, target, creds);
        return {
          action,
          persona,
          target: JSON.stringify(target).slice(0, 120),
          ours: decision.allowed ? 'allowed' : decision.reason,
          oslo: oslo.enforce[i],
        };
      })
      .filter((result) => result.ours !== result.oslo);
    expect(mismatches.slice(0, 5)).toEqual([]);
    for (const outcome of ['allowed', 'scope', 'rule']) expect(oslo.enforce).toContain(outcome);
  });
});
