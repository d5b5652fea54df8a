/*
 * Hand-written on purpose: no npm library speaks the oslo.policy language, and precedence, grouping and the
 * rules oslo.policy refuses must match it exactly. Checked against the real oslo.policy (Debian
 * python3-oslo.policy) by test/interop/oslo-policy-interop.test.ts; unit cases in test/unit/policy-parser.test.ts.
 *
 * Parser for the oslo.policy language. It reproduces oslo.policy's greedy
 * shift-reduce parser rather than a textbook grammar so that precedence and
 * grouping match it exactly: `not` binds tightest, then `and`, then `or`
 * (`a or b and c` is `a or (b and c)`). Unlike oslo.policy, which logs and
 * fails closed on a malformed rule, this throws PolicyParseError so mistakes
 * surface when the policy is loaded rather than as mysterious 403s.
 */
import { LRUCache } from 'lru-cache';
import type { CheckNode } from './check-tree.ts';
import { PolicyParseError } from './errors.ts';
import { pythonLiteralStr } from './python-values.ts';
import { parseTemplate } from './template.ts';
import { tokenize, type Token } from './tokenizer.ts';

/** Stack entries: raw tokens plus the two partial-expression kinds the reducer builds. */
type StackItem =
  | Token
  | { type: 'and_expr'; node: Extract<CheckNode, { type: 'and' }> }
  | { type: 'or_expr'; node: Extract<CheckNode, { type: 'or' }> };

function parseSingleCheck(text: string, ruleText: string): CheckNode {
  if (text === '!') return { type: 'false' };
  if (text === '@') return { type: 'true' };
  const colon = text.indexOf(':');
  if (colon < 0) {
    throw new PolicyParseError(ruleText, `"${text}" is not a check; expected kind:match, "@" or "!"`);
  }
  const kind = text.slice(0, colon);
  const match = text.slice(colon + 1);
  if (!kind) throw new PolicyParseError(ruleText, `"${text}" has an empty kind before ':'`);
  if (kind === 'rule') return { type: 'rule', name: match };
  if (kind === 'role') return { type: 'role', match: parseTemplate(match, ruleText) };
  return {
    type: 'generic',
    kind,
    literal: pythonLiteralStr(kind),
    credentialPath: kind.split('.'),
    match: parseTemplate(match, ruleText),
  };
}

function isExpression(item: StackItem): item is Extract<StackItem, { node: CheckNode }> {
  return item.type === 'check' || item.type === 'and_expr' || item.type === 'or_expr';
}

/** Applies oslo.policy's reductions to the top of the stack until none applies. */
function reduce(stack: StackItem[]): void {
  for (;;) {
    const [a, b, c] = stack.slice(-3);
    if (stack.length >= 3 && a.type === '(' && c.type === ')' && isExpression(b)) {
      stack.splice(-3, 3, { type: 'check', node: b.node });
      continue;
    }
    if (stack.length >= 3 && c.type === 'check' && b.type === 'and') {
      if (a.type === 'check') {
        stack.splice(-3, 3, { type: 'and_expr', node: { type: 'and', checks: [a.node, c.node] } });
        continue;
      }
      if (a.type === 'and_expr') {
        stack.splice(-3, 3, { type: 'and_expr', node: { type: 'and', checks: [...a.node.checks, c.node] } });
        continue;
      }
      if (a.type === 'or_expr') {
        // `x or y and z`: `and` binds tighter, so it takes the last operand of the `or`.
        const previous = a.node.checks[a.node.checks.length - 1];
        const joined: CheckNode =
          previous.type === 'and'
            ? { type: 'and', checks: [...previous.checks, c.node] }
            : { type: 'and', checks: [previous, c.node] };
        stack.splice(-3, 3, { type: 'or_expr', node: { type: 'or', checks: [...a.node.checks.slice(0, -1), joined] } });
        continue;
      }
    }
    if (stack.length >= 3 && c.type === 'check' && b.type === 'or') {
      if (a.type === 'check' || a.type === 'and_expr') {
        stack.splice(-3, 3, { type: 'or_expr', node: { type: 'or', checks: [a.node, c.node] } });
        continue;
      }
      if (a.type === 'or_expr') {
        stack.splice(-3, 3, { type: 'or_expr', node: { type: 'or', checks: [...a.node.checks, c.node] } });
        continue;
      }
    }
    const [x, y] = stack.slice(-2);
    if (stack.length >= 2 && x.type === 'not' && y.type === 'check') {
      stack.splice(-2, 2, { type: 'check', node: { type: 'not', check: y.node } });
      continue;
    }
    return;
  }
}

function describeFailure(stack: StackItem[]): string {
  const opens = stack.filter((item) => item.type === '(').length;
  const closes = stack.filter((item) => item.type === ')').length;
  if (opens !== closes) return 'unbalanced parentheses';
  const quoted = stack.find((item) => item.type === 'string');
  if (quoted)
    return `quoted word "${quoted.text}" must be the left side of a check, e.g. '${quoted.text}':%(target.role.name)s`;
  if (stack.length === 0) return 'blank rule (use "" or "@" to always allow)';
  return 'operators and checks do not form a single expression (look for a missing or doubled and/or/not)';
}

function parseUncached(rule: string): CheckNode {
  if (rule === '') return { type: 'true' };
  const stack: StackItem[] = [];
  for (const token of tokenize(rule, (text) => parseSingleCheck(text, rule))) {
    stack.push(token);
    reduce(stack);
  }
  const [only] = stack;
  if (stack.length !== 1 || !isExpression(only)) {
    throw new PolicyParseError(rule, describeFailure(stack));
  }
  return only.node;
}

// Check strings repeat heavily across rules (and across enforcers), and trees are never mutated. A parse never
// goes stale, so there is no TTL; the bound only keeps a process that parses many distinct strings (tests) small.
const parsedRules = new LRUCache<string, CheckNode>({ max: 4096 });

/** Parses (once per distinct string) an oslo.policy check string; throws PolicyParseError if malformed. */
export function parseRule(rule: string): CheckNode {
  let parsed = parsedRules.get(rule);
  if (!parsed) {
    parsed = parseUncached(rule);
    parsedRules.set(rule, parsed);
  }
  return parsed;
}
