import { OptionValueError } from './config-error.ts';
import { booleanOption, listOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';
import { networkListOption, refusedListOption } from './network-list-option.ts';

const IMPLEMENTED_BACKENDS = ['disable_by_file'];

function parsePath(raw: string): string {
  if (!raw.startsWith('/') || /[?#\s]/.test(raw) || raw.replace(/\/+$/, '') === '') {
    throw new OptionValueError('expected an absolute URL path such as /healthcheck');
  }
  return raw.replace(/\/+$/, '');
}

function parseBackends(raw: string): readonly string[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !IMPLEMENTED_BACKENDS.includes(name));
  if (unknown.length > 0)
    throw new OptionValueError(
      `only ${IMPLEMENTED_BACKENDS.join(', ')} is implemented here (not ${unknown.join(', ')})`,
    );
  return Object.freeze(names);
}

/**
 * keystone.conf `[healthcheck]`: oslo.middleware's healthcheck options, for GET/HEAD /healthcheck
 * (200 "OK", or 503 when the database or the Fernet key repository is unusable). The oslo options we do
 * not implement are refused when set, so a deployment relying on them notices at start-up.
 */
export const healthcheckSection = {
  path: {
    ...stringOption({
      default: '/healthcheck',
      help: 'The path to respond to healthcheck requests on (also served under /identity).',
    }),
    parse: parsePath,
  },
  detailed: booleanOption({
    default: false,
    help:
      'Give the detailed JSON output (each check with its details, the time, platform and Node.js version) ' +
      'to every client in allowed_source_ranges, as oslo.middleware does. Whatever this says, loopback ' +
      'clients and requests carrying detail_token get it (Accept: application/json). Security note: the ' +
      'details name the database error and the key repository state.',
  }),
  backends: {
    ...listOption({
      default: [],
      help:
        'oslo.middleware backends. Only disable_by_file exists here (it is also enabled by setting ' +
        'disable_by_file_path alone); any other name is refused at start-up.',
    }),
    parse: parseBackends,
  },
  allowed_source_ranges: networkListOption({
    help:
      'With detailed = true: the networks (CIDR) whose clients get the detailed output; empty: every ' +
      'client. Unlike oslo.middleware, clients outside these ranges are still answered with the plain ' +
      'status, because load balancers depend on it.',
  }),
  ignore_proxied_requests: booleanOption({
    default: false,
    help:
      'Do not answer healthcheck requests that carry proxy headers (Forwarded, X-Forwarded-*): they ' +
      'get 404, so only direct probes see the status.',
  }),
  disable_by_file_path: stringOption({
    help:
      'While this file exists, the healthcheck answers 503 "DISABLED BY FILE" (take a node out of a ' +
      'load balancer without stopping it). Unset: no such file.',
  }),
  disable_by_file_paths: refusedListOption({
    help: "oslo.middleware's per-port disable files.",
    instead: 'use disable_by_file_path',
  }),
  enable_by_file_paths: refusedListOption({
    help: "oslo.middleware's enable files.",
    instead: 'use disable_by_file_path',
  }),
  detail_token: {
    ...stringOption({
      help:
        'Not an oslo option: a shared secret; a request carrying it in X-Healthcheck-Token gets the ' +
        'detailed output from any address. Unset: only loopback (and, with detailed = true, ' +
        'allowed_source_ranges) get details.',
    }),
    redact: () => '<secret>',
  },
} satisfies SectionSchema;
