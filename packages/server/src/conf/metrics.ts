import { booleanOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';
import { networkListOption } from './network-list-option.ts';

/**
 * `[metrics]`: Prometheus metrics at GET /metrics. Not a keystone.conf section (Keystone has none).
 * Safe by default: served, but only to loopback clients, because route timings and token counters
 * describe the deployment's traffic.
 */
export const metricsSection = {
  enabled: booleanOption({
    default: true,
    help: 'Serve Prometheus metrics at /metrics. When false, /metrics answers 404 and nothing is collected.',
  }),
  allowed_source_ranges: networkListOption({
    help:
      'Networks (CIDR, e.g. 10.0.0.0/8) besides loopback whose clients may scrape /metrics; others get ' +
      '403. Empty: loopback only. Behind a reverse proxy, set [DEFAULT] enable_proxy_headers_parsing ' +
      'so the real client address is checked (a proxied request is never taken for a loopback one).',
  }),
} satisfies SectionSchema;
