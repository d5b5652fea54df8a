/** Public surface of the policy engine (oslo.policy-compatible RBAC with Keystone's defaults). */
export { PolicyEnforcer, type PolicyDecision, type PolicyDescription } from './enforcer.ts';
export { effectiveCredentials, type PolicyCredentials } from './credentials.ts';
export type { PolicyOperation, PolicyRule, ScopeType } from './policy-rule.ts';
export { PolicyLoadError, PolicyParseError } from './errors.ts';
export { parseRule } from './parser.ts';
export { checkToString, type CheckNode } from './check-tree.ts';
export { tokenScopeOf, type TokenScope } from './scope.ts';
export { readPolicyOverrideFile } from './override-file.ts';
export { renderPolicySample } from './policy-sample.ts';
export { defaultPolicyRules, keystoneDefaultRules } from './defaults/index.ts';
