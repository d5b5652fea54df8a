/** Public surface of the policy engine (oslo.policy-compatible RBAC with Keystone's defaults). */
export { PolicyEnforcer, type PolicyDescription } from './enforcer.ts';
export type { PolicyCredentials } from './credentials.ts';
export { renderPolicySample } from './policy-sample.ts';
export { defaultPolicyRules } from './defaults/index.ts';
