import type { Session } from '../session.ts';
import { Collection } from './collection.ts';
import type { Links } from './types.ts';

/**
 * A stored policy blob (/v3/policies): Keystone keeps it for other services and does not interpret it.
 *
 * @example
 * ```ts
 * const p: Policy = await identity.policies.get(policyId);
 * console.log(p.type, JSON.parse(p.blob));
 * ```
 */
export interface Policy {
  id: string;
  blob: string;
  type: string;
  links?: Links;
  [key: string]: unknown;
}

/**
 * The body of a new policy.
 *
 * @example
 * ```ts
 * const body: PolicyCreate = { blob: '{"compute:start": ""}', type: 'application/json' };
 * ```
 */
export interface PolicyCreate {
  blob: string;
  type: string;
  [key: string]: unknown;
}

/**
 * /v3/policies. Filters: `type`.
 *
 * @example
 * ```ts
 * const p = await identity.policies.create({ blob: JSON.stringify(rules), type: 'application/json' });
 * ```
 */
export class Policies extends Collection<Policy, PolicyCreate> {
  constructor(session: Session) {
    super(session, { path: '/policies', key: 'policy', plural: 'policies' });
  }
}
