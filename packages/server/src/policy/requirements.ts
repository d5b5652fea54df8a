import type { CheckNode, GenericCheckNode, Template } from './check-tree.ts';
import type { ScopeType } from './policy-rule.ts';

/*
 * A human summary of what a rule asks for ("reader on system", "admin on domain", "owner"), for a console
 * that has to tell a user which role on which scope would let them do something. Best effort by design: the
 * enforcer stays the only authority on decisions. The rule is expanded into its OR-branches (disjunctive
 * normal form, `rule:` references inlined); each branch yields its role checks with the scope its other
 * checks imply (system_scope:all, domain_id, project_id, …) or, without one, every scope the rule allows.
 */

type Leaf = Extract<CheckNode, { type: 'role' } | { type: 'generic' }>;
type Branch = Leaf[];

/** Beyond this many branches a rule is summarised partially rather than exploding combinatorially. */
const MAX_BRANCHES = 256;
const SCOPE_ORDER: ScopeType[] = ['system', 'domain', 'project'];

const isLiteral = (template: Template): boolean => template.parts.every((part) => 'text' in part);
const literalText = (template: Template): string =>
  template.parts.map((part) => ('text' in part ? part.text : '')).join('');

function product(left: Branch[], right: Branch[]): Branch[] {
  const out: Branch[] = [];
  for (const a of left) {
    for (const b of right) {
      if (out.length >= MAX_BRANCHES) return out;
      out.push([...a, ...b]);
    }
  }
  return out;
}

/** The OR-branches of a tree, each an AND of leaf checks. `not` is dropped: no role grant satisfies a negation. */
function branchesOf(
  node: CheckNode,
  resolve: (name: string) => CheckNode | undefined,
  seen: ReadonlySet<string>,
): Branch[] {
  switch (node.type) {
    case 'true':
    case 'not':
      return [[]];
    case 'false':
      return [];
    case 'role':
    case 'generic':
      return [[node]];
    case 'or':
      return node.checks.flatMap((check) => branchesOf(check, resolve, seen)).slice(0, MAX_BRANCHES);
    case 'and':
      return node.checks.reduce<Branch[]>((acc, check) => product(acc, branchesOf(check, resolve, seen)), [[]]);
    case 'rule': {
      const referenced = resolve(node.name);
      // An unknown rule is false in oslo.policy; a cycle cannot load, but never recurse forever here.
      if (!referenced || seen.has(node.name)) return [];
      return branchesOf(referenced, resolve, new Set([...seen, node.name]));
    }
  }
}

type Hint = { kind: 'scope'; scope: ScopeType } | { kind: 'owner' } | undefined;

/** What a credential check says about the caller's token. Checks on the target alone say nothing. */
function hintOf(check: GenericCheckNode): Hint {
  if (check.literal !== undefined) return undefined;
  const path = check.credentialPath.join('.');
  const match = literalText(check.match);
  if (isLiteral(check.match) && (match === 'None' || match === '')) return undefined;
  if (path === 'system_scope' || path.startsWith('token.system')) return { kind: 'scope', scope: 'system' };
  if (path === 'domain_id' || path.startsWith('token.domain')) return { kind: 'scope', scope: 'domain' };
  if (path === 'project_id' || path === 'project_domain_id' || path.startsWith('token.project'))
    return { kind: 'scope', scope: 'project' };
  if (path === 'user_id' || path === 'token.user_id' || path === 'token.user.id') return { kind: 'owner' };
  return undefined;
}

function describeBranch(branch: Branch, allowedScopes: ScopeType[] | undefined): string[] {
  const roles: string[] = [];
  const scopes = new Set<ScopeType>();
  let owner = false;
  for (const leaf of branch) {
    if (leaf.type === 'role') {
      if (isLiteral(leaf.match)) roles.push(literalText(leaf.match).toLowerCase());
      continue;
    }
    const hint = hintOf(leaf);
    if (hint?.kind === 'scope') scopes.add(hint.scope);
    else if (hint?.kind === 'owner') owner = true;
  }
  // A token has one scope: a branch asking for two can never pass.
  if (scopes.size > 1) return [];
  const scopeList = scopes.size === 1 ? [...scopes] : allowedScopes;
  const reachable = scopeList?.filter((scope) => !allowedScopes || allowedScopes.includes(scope));
  if (reachable && reachable.length === 0) return [];
  const suffix = owner ? ' (owner)' : '';
  if (roles.length > 0) {
    const who = [...new Set(roles)].join(' and ');
    return reachable ? reachable.map((scope) => `${who} on ${scope}${suffix}`) : [`${who}${suffix}`];
  }
  if (owner) return ['owner'];
  // Only a scope check (e.g. project_id:%(target.project.id)s): any role on that scope will do.
  if (scopes.size === 1) return [`any role on ${[...scopes][0]!}`];
  return [];
}

/**
 * The hints for one rule, deduplicated, in the rule's own order. Empty when no role or ownership is needed
 * (anyone with a token of an allowed scope) or when nothing attainable would satisfy it (e.g. `!`).
 */
export function summarizeRequirements(
  tree: CheckNode,
  scopeTypes: readonly ScopeType[] | undefined,
  resolve: (name: string) => CheckNode | undefined,
): string[] {
  const allowed = scopeTypes && scopeTypes.length > 0 ? SCOPE_ORDER.filter((s) => scopeTypes.includes(s)) : undefined;
  const hints = branchesOf(tree, resolve, new Set()).flatMap((branch) => describeBranch(branch, allowed));
  return [...new Set(hints)];
}
