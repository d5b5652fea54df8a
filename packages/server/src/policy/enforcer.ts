import type { CheckNode } from './check-tree.ts';
import { evaluateCheck } from './checks.ts';
import { effectiveCredentials, type PolicyCredentials } from './credentials.ts';
import { PolicyLoadError, PolicyParseError } from './errors.ts';
import { readPolicyOverrideFile } from './override-file.ts';
import { parseRule } from './parser.ts';
import type { PolicyRule, ScopeType } from './policy-rule.ts';
import { summarizeRequirements } from './requirements.ts';
import { assertRuleGraphIsSound } from './rule-graph.ts';
import { scopeAllows, tokenScopeOf } from './scope.ts';

export type { PolicyCredentials } from './credentials.ts';

export type PolicyDecision = { allowed: true } | { allowed: false; reason: 'scope' | 'rule' | 'unknown_action' };

/** What a rule asks for, for explaining a decision to a person (never used to decide). */
export interface PolicyDescription {
  /** Empty means the rule has no scope restriction. */
  scopeTypes: ScopeType[];
  /** Best-effort hints such as "reader on system", "admin on domain", "owner". */
  requires: string[];
}

interface LoadedRule {
  checkStr: string;
  tree: CheckNode;
  scopeTypes?: ScopeType[];
}

function parseNamed(name: string, checkStr: string, origin: string): CheckNode {
  try {
    return parseRule(checkStr);
  } catch (error) {
    if (error instanceof PolicyParseError) {
      throw new PolicyLoadError(`${origin} rule "${name}": ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Decides whether a caller may perform an action, the way Keystone's use of
 * oslo.policy does: defaults registered in code, optionally overridden per rule
 * by an operator's policy file, with scope_types always enforced.
 *
 * An override replaces only the check string; the rule keeps the scope_types of
 * its default (as in oslo.policy). Rules that exist only in the override file
 * have no scope restriction and can be referenced with `rule:NAME`.
 */
export interface EnforcerOptions {
  defaults: PolicyRule[];
  overrides?: Record<string, string>;
  /**
   * [oslo_policy] enforce_scope (default true). False: as oslo.policy, a token whose scope is not among the rule's
   * scope_types is reported to onScopeMismatch and the rule's check string still decides.
   */
  enforceScope?: boolean;
  onScopeMismatch?: (action: string) => void;
}

export class PolicyEnforcer {
  private readonly rules = new Map<string, LoadedRule>();
  /** Rules never change after construction, so each description is computed once. */
  private readonly descriptions = new Map<string, PolicyDescription>();
  private readonly enforceScope: boolean;
  private readonly onScopeMismatch: (action: string) => void;

  constructor(opts: EnforcerOptions) {
    this.enforceScope = opts.enforceScope ?? true;
    this.onScopeMismatch = opts.onScopeMismatch ?? (() => undefined);
    for (const rule of opts.defaults) {
      if (this.rules.has(rule.name)) throw new PolicyLoadError(`default rule "${rule.name}" is defined twice`);
      const tree = parseNamed(rule.name, rule.checkStr, 'default');
      this.rules.set(rule.name, { checkStr: rule.checkStr, tree, scopeTypes: rule.scopeTypes });
    }
    for (const [name, checkStr] of Object.entries(opts.overrides ?? {})) {
      const tree = parseNamed(name, checkStr, 'overridden');
      this.rules.set(name, { checkStr, tree, scopeTypes: this.rules.get(name)?.scopeTypes });
    }
    const trees = new Map([...this.rules].map(([name, rule]) => [name, rule.tree]));
    assertRuleGraphIsSound(trees);
  }

  /** Defaults plus the overrides in a policy.yaml (or policy.json) file. */
  static fromFile(
    path: string,
    defaults: PolicyRule[],
    options: Omit<EnforcerOptions, 'defaults' | 'overrides'> = {},
  ): PolicyEnforcer {
    return new PolicyEnforcer({ ...options, defaults, overrides: readPolicyOverrideFile(path) });
  }

  /**
   * `target` is the dict `%(key)s` substitutions read from: Keystone-style
   * (URL parameters at the top level plus a `target` section, nested or
   * flattened) or just the target object itself.
   */
  enforce(action: string, target: Record<string, unknown>, creds: PolicyCredentials): PolicyDecision {
    const rule = this.rules.get(action);
    if (!rule) return { allowed: false, reason: 'unknown_action' };
    if (!scopeAllows(rule.scopeTypes, tokenScopeOf(creds))) {
      if (this.enforceScope) return { allowed: false, reason: 'scope' };
      this.onScopeMismatch(action);
    }
    const allowed = evaluateCheck(rule.tree, target, effectiveCredentials(creds), (name) => this.rules.get(name)?.tree);
    return allowed ? { allowed: true } : { allowed: false, reason: 'rule' };
  }

  /** The rule's scope_types and a summary of the roles and scopes that satisfy it; undefined for an unknown rule. */
  describe(name: string): PolicyDescription | undefined {
    const cached = this.descriptions.get(name);
    if (cached) return cached;
    const rule = this.rules.get(name);
    if (!rule) return undefined;
    const description: PolicyDescription = {
      scopeTypes: [...(rule.scopeTypes ?? [])],
      requires: summarizeRequirements(rule.tree, rule.scopeTypes, (ref) => this.rules.get(ref)?.tree),
    };
    this.descriptions.set(name, description);
    return description;
  }

  hasRule(name: string): boolean {
    return this.rules.has(name);
  }

  /** The check string in force for a rule (after overrides), for diagnostics. */
  checkStringOf(name: string): string | undefined {
    return this.rules.get(name)?.checkStr;
  }

  ruleNames(): string[] {
    return [...this.rules.keys()];
  }
}
