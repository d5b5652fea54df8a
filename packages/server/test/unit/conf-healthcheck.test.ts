import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/conf/index.ts';

const load = (overrides: Record<string, Record<string, string>>) =>
  loadConfig({ env: {}, dataDir: '/d', overrides, warn: () => undefined });

function problemsOf(overrides: Record<string, Record<string, string>>): readonly string[] {
  try {
    load(overrides);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('[healthcheck] and [metrics]', () => {
  it("have oslo.middleware's defaults and a safe metrics default (served, loopback only)", () => {
    const conf = load({});
    expect(conf.healthcheck).toMatchObject({
      path: '/healthcheck',
      detailed: false,
      backends: [],
      allowed_source_ranges: [],
      ignore_proxied_requests: false,
    });
    expect(conf.healthcheck.disable_by_file_path).toBeUndefined();
    expect(conf.metrics).toEqual({ enabled: true, allowed_source_ranges: [] });
  });

  it('is a real section now, not an ignored Keystone-only one', () => {
    const warnings: string[] = [];
    loadConfig({
      env: {},
      dataDir: '/d',
      overrides: { healthcheck: { detailed: 'true' } },
      warn: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([]);
  });

  it('reads networks as oslo does (a bare address is one host) and refuses what is not one', () => {
    const conf = load({
      healthcheck: { allowed_source_ranges: '10.0.0.0/8, 192.0.2.7,fd00::/8' },
      metrics: { allowed_source_ranges: '' },
    });
    expect(conf.healthcheck.allowed_source_ranges).toEqual(['10.0.0.0/8', '192.0.2.7/32', 'fd00::/8']);
    expect(problemsOf({ metrics: { allowed_source_ranges: '10.0.0.0/33' } })[0]).toMatch(
      /\[metrics\] allowed_source_ranges: expected a comma-separated list of networks/,
    );
    expect(problemsOf({ metrics: { allowed_source_ranges: 'example.com' } })).toHaveLength(1);
  });

  it('refuses the oslo options it does not implement, at start-up, with what to use instead', () => {
    expect(problemsOf({ healthcheck: { backends: 'disable_by_files_ports' } })[0]).toMatch(
      /\[healthcheck\] backends: only disable_by_file is implemented here \(not disable_by_files_ports\)/,
    );
    expect(problemsOf({ healthcheck: { disable_by_file_paths: '5000:/tmp/x' } })[0]).toMatch(
      /not implemented by this server; use disable_by_file_path/,
    );
    expect(problemsOf({ healthcheck: { enable_by_file_paths: '/tmp/x' } })[0]).toMatch(
      /not implemented by this server/,
    );
    expect(
      load({ healthcheck: { backends: 'disable_by_file', disable_by_file_path: '/run/xloud/disable' } }).healthcheck
        .disable_by_file_path,
    ).toBe('/run/xloud/disable');
  });

  it('wants an absolute path', () => {
    expect(load({ healthcheck: { path: '/status/' } }).healthcheck.path).toBe('/status');
    expect(problemsOf({ healthcheck: { path: 'healthcheck' } })[0]).toMatch(/expected an absolute URL path/);
  });
});
