import type { PolicyCheckRequest, PolicyCheckResult } from '@xloud/identity-schemas';
import { ValidationError } from '../../errors.ts';
import type { RouteHandler } from '../route-entry.ts';

/**
 * POST /v3/OS-XLOUD/policy-check: what the caller's own token may do, so a console can hide what would
 * 403 and explain a 403 it got. Read-only, and asks nothing of policy beyond a valid token: it only
 * reveals the caller's own permissions and rules an operator could read in policy.yaml anyway.
 */
export const checkPolicies: RouteHandler<{ body: typeof PolicyCheckRequest }, undefined> = async (
  request,
  _reply,
  kit,
) => {
  const token = await kit.authenticate(request);
  const { actions, target = {} } = request.body;
  const described = actions.map((action) => ({ action, description: kit.describePolicy(action) }));
  const unknown = described.filter((d) => d.description === undefined).map((d) => d.action);
  if (unknown.length > 0) {
    throw ValidationError.field(
      'actions',
      `unknown policy action${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
    );
  }
  // The dict is what a route hands kit.enforce: here there are no URL parameters, so it is the body's target.
  const results = described.map(({ action, description }): [string, PolicyCheckResult] => [
    action,
    {
      allowed: kit.allows(token, action, { ...target }),
      scope_types: description!.scopeTypes,
      requires: description!.requires,
    },
  ]);
  // fromEntries defines own properties, so no action name can reach a prototype.
  return { policy_check: Object.fromEntries(results) };
};
