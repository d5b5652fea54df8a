import type { Template, TemplatePart } from './check-tree.ts';
import { PolicyParseError } from './errors.ts';
import { lookupTargetValue } from './target-lookup.ts';
import { pythonStr } from './python-values.ts';

/**
 * Parses the right-hand side of a check. oslo.policy applies Python's
 * `match % target`; only `%(key)s` and `%%` are meaningful there (any other
 * conversion raises at enforcement time in Python), so anything else is
 * rejected when the policy is loaded.
 */
export function parseTemplate(source: string, ruleText: string): Template {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch !== '%') {
      literal += ch;
      i += 1;
      continue;
    }
    if (source[i + 1] === '%') {
      literal += '%';
      i += 2;
      continue;
    }
    const substitution = /^%\(([^)]*)\)s/.exec(source.slice(i));
    if (!substitution) {
      throw new PolicyParseError(
        ruleText,
        `unsupported '%' in "${source}": only %(key)s substitutions and %% are allowed`,
      );
    }
    if (literal) parts.push({ text: literal });
    literal = '';
    parts.push({ targetKey: substitution[1] });
    i += substitution[0].length;
  }
  if (literal || parts.length === 0) parts.push({ text: literal });
  return { source, parts };
}

/** The substituted text, or undefined when a referenced target key is missing. */
export function renderTemplate(template: Template, target: Record<string, unknown>): string | undefined {
  let out = '';
  for (const part of template.parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const found = lookupTargetValue(target, part.targetKey);
    if (!found.found) return undefined;
    out += pythonStr(found.value);
  }
  return out;
}
