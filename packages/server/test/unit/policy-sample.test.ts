import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { keystoneDefaultRules } from '../../src/policy/defaults/index.ts';
import { PolicyEnforcer } from '../../src/policy/enforcer.ts';
import { renderPolicySample } from '../../src/policy/policy-sample.ts';

describe('renderPolicySample', () => {
  it('documents each rule like oslopolicy-sample-generator, commented out by default', () => {
    const sample = renderPolicySample();
    expect(sample).toContain(
      '# Create a domain.\n# POST  /v3/domains\n# Intended scope(s): system, project\n#"identity:create_domain": "rule:admin_required"\n',
    );
    expect(sample).toContain('#"domain_managed_target_role": "\'manager\':%(target.role.name)s or ');
    expect(parseYaml(sample)).toBeNull(); // nothing but comments: the defaults stay in code
  });

  it('renders an uncommented file that loads back to exactly the defaults', () => {
    const sample = renderPolicySample(keystoneDefaultRules, { commented: false });
    const parsed = parseYaml(sample) as Record<string, string>;
    expect(parsed).toEqual(Object.fromEntries(keystoneDefaultRules.map((rule) => [rule.name, rule.checkStr])));

    const dir = mkdtempSync(join(tmpdir(), 'xloud-policy-sample-'));
    try {
      const path = join(dir, 'policy.yaml');
      writeFileSync(path, sample);
      const enforcer = PolicyEnforcer.fromFile(path, keystoneDefaultRules);
      for (const rule of keystoneDefaultRules) expect(enforcer.checkStringOf(rule.name)).toBe(rule.checkStr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('wraps long descriptions into comment lines', () => {
    const sample = renderPolicySample([
      { name: 'x', checkStr: '@', description: 'word '.repeat(40).trim(), operations: [] },
    ]);
    const commentLines = sample.split('\n').filter((line) => line.startsWith('# '));
    expect(commentLines.length).toBeGreaterThan(1);
    for (const line of commentLines) expect(line.length).toBeLessThanOrEqual(78);
  });
});
