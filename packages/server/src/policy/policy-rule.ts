/** The token scope kinds a Keystone policy rule can be restricted to. */
export type ScopeType = 'system' | 'domain' | 'project';

/** One API operation a rule protects (documentation only; not used to enforce). */
export interface PolicyOperation {
  method: string;
  path: string;
}

/**
 * A default policy rule, the data form of oslo.policy's DocumentedRuleDefault.
 * `checkStr` is written in the oslo.policy language so operators can override it
 * in policy.yaml exactly as they would for Keystone.
 */
export interface PolicyRule {
  name: string;
  checkStr: string;
  /** Absent means "no scope restriction" (oslo.policy semantics). */
  scopeTypes?: ScopeType[];
  description: string;
  operations: PolicyOperation[];
}
