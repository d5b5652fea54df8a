/*
 * Hand-written on purpose, with parser.ts: oslo.policy's word splitting (parentheses peeled off words, and/or/not
 * in any case). Checked against oslo.policy itself by test/interop/oslo-policy-interop.test.ts.
 */
import type { CheckNode } from './check-tree.ts';

export type Token =
  | { type: '(' }
  | { type: ')' }
  | { type: 'and' }
  | { type: 'or' }
  | { type: 'not' }
  | { type: 'string'; text: string } // a bare quoted word; never valid on its own
  | { type: 'check'; node: CheckNode };

/**
 * Splits a check string the way oslo.policy does: on whitespace, peeling
 * parentheses off the ends of each word (a `%(key)s` never starts or ends a
 * word, so inner parentheses are safe), and recognising and/or/not in any case.
 */
export function* tokenize(rule: string, parseCheck: (text: string) => CheckNode): Generator<Token> {
  for (const word of rule.split(/\s+/)) {
    if (!word) continue;
    const withoutLeading = word.replace(/^\(+/, '');
    for (let i = 0; i < word.length - withoutLeading.length; i += 1) yield { type: '(' };
    if (!withoutLeading) continue;

    const core = withoutLeading.replace(/\)+$/, '');
    const trailing = withoutLeading.length - core.length;
    const lowered = core.toLowerCase();
    if (lowered === 'and' || lowered === 'or' || lowered === 'not') {
      yield { type: lowered };
    } else if (core) {
      const first = withoutLeading[0];
      const last = withoutLeading[withoutLeading.length - 1];
      if (withoutLeading.length >= 2 && (first === '"' || first === "'") && first === last) {
        yield { type: 'string', text: withoutLeading.slice(1, -1) };
      } else {
        yield { type: 'check', node: parseCheck(core) };
      }
    }
    for (let i = 0; i < trailing; i += 1) yield { type: ')' };
  }
}
