import { defaultPolicyRules } from '../policy/index.ts';
import type { RouteEntry } from './route-entry.ts';
import { v3RouteTable } from './route-table.ts';

/** A table cell: pipes escaped, line breaks as <br>. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const code = (text: string) => (text === '' ? '`""` (always)' : `\`${text}\``);
/** The success body: its schema's name in @xloud/identity-schemas, or a dash for none. */
const body = (entry: RouteEntry) => (entry.response === 'none' ? '—' : `\`${entry.response}\``);

function rows(entry: RouteEntry): string[] {
  const path = `/v3${entry.path}`.replace(/:([A-Za-z_*]+)/g, '{$1}');
  if (entry.unprotected) {
    return [
      `| ${entry.method} | \`${path}\` | *${entry.unprotected.access}*: ${cell(entry.unprotected.reason)} | | | ${body(entry)} |`,
    ];
  }
  const rules = new Map(defaultPolicyRules.map((r) => [r.name, r]));
  const declared = entry.policy ?? {};
  const named: Array<[string | undefined, string]> =
    typeof declared === 'string' ? [[undefined, declared]] : Object.entries(declared);
  return named.map(([when, name], i) => {
    const rule = rules.get(name);
    const policy = when ? `${name} (${when})` : name;
    const route = i === 0 ? `| ${entry.method} | \`${path}\`` : '| | ';
    const response = i === 0 ? body(entry) : '';
    return `${route} | \`${policy}\` | ${rule ? cell(code(rule.checkStr)) : '(not defined)'} | ${rule?.scopeTypes?.join(', ') ?? '(any)'} | ${response} |`;
  });
}

/**
 * docs/api-routes.md: every v3 route, the policy rule(s) it enforces, their default check strings and scope types,
 * and the schema of its success body.
 */
export function renderApiRoutesDoc(): string {
  return [
    '# v3 API routes and their policy',
    '',
    'Generated from `packages/server/src/http/route-table.ts` by `npm run docs` (scripts/generate-docs.ts); do not edit.',
    "Every route is also served under `/identity/v3`. The default rules are Keystone's (and the OS-XLOUD extensions');",
    'an operator overrides them in the file `[oslo_policy] policy_file` names (see `policy.yaml.sample`). Where a route',
    'names several rules, the handler picks one by the request (in brackets: when); `rule:…` refers to the base rules',
    'at the top of `policy.yaml.sample`. Response names the schema of the success body in `@xloud/identity-schemas`',
    '(`ResponseSchemas`); — means the success carries no body.',
    '',
    '| Method | Route | Policy | Default rule | Scope types | Response |',
    '|---|---|---|---|---|---|',
    ...v3RouteTable.flatMap(rows),
    '',
  ].join('\n');
}
