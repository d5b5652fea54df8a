import type { CheckNode, GenericCheckNode, Template } from './check-tree.ts';
import { pythonStr } from './python-values.ts';
import { renderTemplate } from './template.ts';

/*
 * Evaluation of a parsed check tree with oslo.policy's semantics. Evaluation
 * never throws: a missing target value or credential makes that single check
 * false (and `not` of it true, exactly as in oslo.policy).
 */

export type Target = Record<string, unknown>;
export type Credentials = Record<string, unknown>;

/** How `rule:NAME` finds the tree it refers to; undefined means "no such rule" (false). */
export type RuleResolver = (name: string) => CheckNode | undefined;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** oslo.policy's `_find_in_dict`: walk the dotted path; at a list, any element may match. */
function credentialMatches(value: unknown, path: string[], match: string): boolean {
  if (path.length === 0) return match === pythonStr(value);
  if (!isPlainObject(value) || !Object.hasOwn(value, path[0])) return false;
  const next = value[path[0]];
  if (next === undefined) return false;
  const rest = path.slice(1);
  if (Array.isArray(next)) return next.some((element) => credentialMatches(element, rest, match));
  return credentialMatches(next, rest, match);
}

function genericCheck(node: GenericCheckNode, target: Target, creds: Credentials): boolean {
  const match = renderTemplate(node.match, target);
  if (match === undefined) return false;
  if (node.literal !== undefined) return match === node.literal;
  return credentialMatches(creds, node.credentialPath, match);
}

function roleCheck(template: Template, target: Target, creds: Credentials): boolean {
  const match = renderTemplate(template, target);
  if (match === undefined || !Array.isArray(creds.roles)) return false;
  const wanted = match.toLowerCase();
  return creds.roles.some((role) => pythonStr(role).toLowerCase() === wanted);
}

export function evaluateCheck(node: CheckNode, target: Target, creds: Credentials, resolveRule: RuleResolver): boolean {
  switch (node.type) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'not':
      return !evaluateCheck(node.check, target, creds, resolveRule);
    case 'and':
      return node.checks.every((check) => evaluateCheck(check, target, creds, resolveRule));
    case 'or':
      return node.checks.some((check) => evaluateCheck(check, target, creds, resolveRule));
    case 'rule': {
      const referenced = resolveRule(node.name);
      return referenced !== undefined && evaluateCheck(referenced, target, creds, resolveRule);
    }
    case 'role':
      return roleCheck(node.match, target, creds);
    case 'generic':
      return genericCheck(node, target, creds);
  }
}
