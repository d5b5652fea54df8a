import type { XloudConfig } from './schema.ts';

/** Limits of `[identity] password_hash_rounds`, which depend on the algorithm. */
const ROUNDS_RANGE = {
  bcrypt: [4, 31],
  bcrypt_sha256: [4, 31],
  scrypt: [1, 31],
  pbkdf2_sha512: [1, 2 ** 32 - 1],
} as const;

/**
 * Rules that involve more than one option. Checked at start-up so that, for
 * example, a bcrypt cost of 25000 fails now instead of at the first password change.
 */
export function crossCheck(conf: XloudConfig): string[] {
  const problems: string[] = [];

  const { password_hash_algorithm: algorithm, password_hash_rounds: rounds } = conf.identity;
  const [min, max] = ROUNDS_RANGE[algorithm];
  if (rounds !== undefined && (rounds < min || rounds > max)) {
    problems.push(
      `[identity] password_hash_rounds: expected an integer from ${min} to ${max} for password_hash_algorithm = ${algorithm}, got "${rounds}"`,
    );
  }

  // Node's HTTP server refuses to start otherwise: the headers are part of the request.
  const { headers_timeout: headers, request_timeout: request } = conf.eventlet_server;
  if (headers > 0 && request > 0 && headers > request) {
    problems.push(
      `[eventlet_server] headers_timeout: must not be more than request_timeout (${request}), got "${headers}"`,
    );
  }

  // Only Keystone's new default rules are built in: there are no deprecated rules to OR them with.
  if (!conf.oslo_policy.enforce_new_defaults) {
    problems.push(
      '[oslo_policy] enforce_new_defaults = false is not supported: Xloud has only the new default rules. ' +
        'Remove the option (or set it to true) and put any older rule you still need in [oslo_policy] policy_file.',
    );
  }

  // Keystone silently has no admin project when only one is set; that is almost always a typo, so refuse it.
  const { admin_project_name: adminProject, admin_project_domain_name: adminDomain } = conf.resource;
  if ((adminProject === undefined) !== (adminDomain === undefined)) {
    const [set, missing] =
      adminProject === undefined
        ? ['admin_project_domain_name', 'admin_project_name']
        : ['admin_project_name', 'admin_project_domain_name'];
    problems.push(
      `[resource] ${set}: needs [resource] ${missing} too (both name the admin project; set both or neither)`,
    );
  }

  // Every worker opens the database itself: an in-memory SQLite database would be a different one in each.
  const connection = conf.database.connection;
  const workers = conf.DEFAULT.workers;
  if (workers !== undefined && workers > 1 && connection.kind === 'sqlite' && connection.filename === ':memory:') {
    problems.push(
      `[DEFAULT] workers: must be 1 with an in-memory SQLite database (each process would have its own), got "${workers}"`,
    );
  }

  return problems;
}
