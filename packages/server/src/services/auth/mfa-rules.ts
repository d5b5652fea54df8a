/**
 * A user's multi-factor rules, as Keystone applies them (keystone/auth/core.py UserMFARulesValidator and
 * models/receipt_model.py): user option multi_factor_auth_rules is a list of rules, each a list of method
 * names; a sign-in must have proved every method of at least one rule. Only methods this server has enabled
 * ([auth] methods) count in a rule, so that a configuration change cannot lock users out. The rules apply
 * unless multi_factor_auth_enabled is false (unset means on).
 */
export interface UserMfaOptions {
  multi_factor_auth_rules?: unknown;
  multi_factor_auth_enabled?: unknown;
}

/** Well-formed rules only, each without repeats; stored data that is not a list of lists of strings is no rule. */
function parseRules(rules: unknown): string[][] {
  if (!Array.isArray(rules)) return [];
  return rules
    .filter(
      (rule): rule is string[] =>
        Array.isArray(rule) && rule.length > 0 && rule.every((method) => typeof method === 'string'),
    )
    .map((rule) => [...new Set(rule)]);
}

export class MfaRules {
  private readonly enabledMethods: ReadonlySet<string>;

  constructor(enabledMethods: readonly string[]) {
    this.enabledMethods = new Set(enabledMethods);
  }

  /** The user's rules reduced to the enabled methods; empty when none apply. */
  private activeRules(options: UserMfaOptions): string[][] {
    if (options.multi_factor_auth_enabled === false) return [];
    return parseRules(options.multi_factor_auth_rules).map((rule) =>
      rule.filter((method) => this.enabledMethods.has(method)),
    );
  }

  /** True when the proved methods satisfy a rule, or the user has no rule that applies. */
  satisfiedBy(options: UserMfaOptions, proved: readonly string[]): boolean {
    const rules = this.activeRules(options);
    if (rules.length === 0) return true;
    const have = new Set(proved);
    return rules.some((rule) => rule.every((method) => have.has(method)));
  }

  /** A receipt's required_auth_methods: every rule that shares a method with what was proved (Keystone's order). */
  requiredMethods(options: UserMfaOptions, proved: readonly string[]): string[][] {
    const have = new Set(proved);
    return this.activeRules(options).filter((rule) => rule.some((method) => have.has(method)));
  }
}
