import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA, loadConfig, renderSampleConfig } from '../../src/conf/index.ts';

describe('renderSampleConfig', () => {
  const sample = renderSampleConfig();

  it('documents every section and option with its default', () => {
    for (const [section, options] of Object.entries(CONFIG_SCHEMA)) {
      expect(sample).toContain(`[${section}]`);
      for (const option of Object.keys(options)) expect(sample).toMatch(new RegExp(`^#${option} = `, 'm'));
    }
    expect(sample).toContain('#expiration = 3600');
    expect(sample).toContain('#methods = external,password,token,oauth1,mapped,application_credential');
    expect(sample).toContain('#public_endpoint = <None>');
    expect(sample).toContain('#connection = sqlite:///data/keystone.db');
    expect(sample).toContain('# Allowed values: bcrypt, bcrypt_sha256, scrypt, pbkdf2_sha512');
    expect(sample).toContain('# Environment: XLOUD__TOKEN__EXPIRATION');
    // A list default is one line, as in oslo-config-generator's samples.
    expect(
      sample.split('\n').every((line) => line.length <= 79 || /^#(methods|allow_headers|expose_headers) = /.test(line)),
    ).toBe(true);
  });

  it('is itself a valid configuration file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xloud-conf-')), 'keystone.conf');
    writeFileSync(file, sample);
    expect(loadConfig({ file, env: {}, dataDir: '/d' }).token.expiration).toBe(3600);
  });

  it('round-trips when every option is uncommented (except unset ones)', () => {
    const uncommented = renderSampleConfig({ dataDir: '/elsewhere' })
      .split('\n')
      .map((line) => (/^#\w+ = /.test(line) && !line.endsWith('<None>') ? line.slice(1) : line))
      .join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'xloud-conf-')), 'keystone.conf');
    writeFileSync(file, uncommented);
    const fromFile = loadConfig({ file, env: {}, dataDir: '/not-used' });
    const defaults = loadConfig({ env: {}, dataDir: '/elsewhere' });
    expect(fromFile).toEqual(defaults);
  });
});
