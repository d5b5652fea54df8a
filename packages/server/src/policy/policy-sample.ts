import { pathToFileURL } from 'node:url';
import { defaultPolicyRules } from './defaults/index.ts';
import type { PolicyRule } from './policy-rule.ts';

/*
 * Renders default rules as a policy.yaml sample, in the layout of
 * `oslopolicy-sample-generator`: each rule's description, operations and
 * intended scopes as comments, then the rule itself. Run this file directly to
 * print the sample for all defaults (Keystone's and the OS-XLOUD extensions').
 */

function wrapComment(text: string, width = 76): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => `# ${l}`);
}

function renderRule(rule: PolicyRule, commented: boolean): string {
  const lines = wrapComment(rule.description);
  for (const { method, path } of rule.operations) lines.push(`# ${method}  ${path}`);
  if (rule.scopeTypes?.length) lines.push(`# Intended scope(s): ${rule.scopeTypes.join(', ')}`);
  // JSON strings are valid YAML double-quoted scalars, so quoting stays correct for any check string.
  const entry = `${JSON.stringify(rule.name)}: ${JSON.stringify(rule.checkStr)}`;
  lines.push(commented ? `#${entry}` : entry);
  return lines.join('\n');
}

/**
 * The YAML sample. `commented` (the default, as oslo.policy does) leaves every
 * rule commented out so the file documents the defaults without pinning them.
 */
export function renderPolicySample(
  rules: PolicyRule[] = defaultPolicyRules,
  opts: { commented?: boolean } = {},
): string {
  const commented = opts.commented ?? true;
  return `${rules.map((rule) => renderRule(rule, commented)).join('\n\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(renderPolicySample());
}
