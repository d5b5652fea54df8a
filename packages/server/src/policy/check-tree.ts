/**
 * The parsed form of an oslo.policy check string. Each node mirrors one
 * oslo.policy Check class so evaluation can follow its semantics exactly.
 */

/** A `%(key)s` substitution template, split into literal text and target keys. */
export type TemplatePart = { text: string } | { targetKey: string };

export interface Template {
  source: string;
  parts: TemplatePart[];
}

export type CheckNode =
  | { type: 'true' } // `@` or an empty check string
  | { type: 'false' } // `!`
  | { type: 'not'; check: CheckNode }
  | { type: 'and'; checks: CheckNode[] }
  | { type: 'or'; checks: CheckNode[] }
  | { type: 'rule'; name: string } // `rule:NAME`
  | { type: 'role'; match: Template } // `role:NAME`
  | GenericCheckNode;

/**
 * `kind:match` for any other kind. When `kind` is a Python literal (`'member'`,
 * `True`, `None`, `1`) the substituted match is compared to that literal,
 * otherwise to the credential found at the dotted `kind` path.
 */
export interface GenericCheckNode {
  type: 'generic';
  kind: string;
  literal?: string;
  credentialPath: string[];
  match: Template;
}

/** Renders a tree back to the policy language (fully parenthesised, like oslo.policy's str()). */
export function checkToString(node: CheckNode): string {
  switch (node.type) {
    case 'true':
      return '@';
    case 'false':
      return '!';
    case 'not':
      return `not ${checkToString(node.check)}`;
    case 'and':
      return `(${node.checks.map(checkToString).join(' and ')})`;
    case 'or':
      return `(${node.checks.map(checkToString).join(' or ')})`;
    case 'rule':
      return `rule:${node.name}`;
    case 'role':
      return `role:${node.match.source}`;
    case 'generic':
      return `${node.kind}:${node.match.source}`;
  }
}

/** Names of all rules a tree references through `rule:NAME`. */
export function referencedRules(node: CheckNode): string[] {
  switch (node.type) {
    case 'rule':
      return [node.name];
    case 'not':
      return referencedRules(node.check);
    case 'and':
    case 'or':
      return node.checks.flatMap(referencedRules);
    default:
      return [];
  }
}
