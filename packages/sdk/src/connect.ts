/**
 * From configuration to a client (Node only: reads clouds.yaml and the environment). Kept apart from
 * `identity-client.ts` so the browser entry can use IdentityClient without the config files' node:fs imports.
 */
import { loadCloudConfig, type CloudConfig, type LoadCloudConfigOptions } from './config/cloud-config.ts';
import { IdentityClient } from './identity-client.ts';
import { sessionFromConfig, type SessionOptions } from './session.ts';

/**
 * An {@link IdentityClient} for a resolved cloud config.
 *
 * @example
 * ```ts
 * const identity = identityFromConfig(loadCloudConfig({ cloud: 'dev' }), { userAgent: 'my-tool/1.0' });
 * ```
 */
export function identityFromConfig(config: CloudConfig, options: Partial<SessionOptions> = {}): IdentityClient {
  return new IdentityClient(sessionFromConfig(config, options));
}

/**
 * Options of {@link connect}: where to find the cloud, plus session settings.
 *
 * @example
 * ```ts
 * const identity = connect({ cloud: 'dev', overrides: { region_name: 'RegionTwo' }, session: { timeout: 10_000 } } satisfies ConnectOptions);
 * ```
 */
export interface ConnectOptions extends LoadCloudConfigOptions {
  session?: Partial<SessionOptions>;
}

/**
 * One call from configuration to a ready client: resolves clouds.yaml / `OS_*` / overrides (see
 * {@link loadCloudConfig}) and builds a session. Nothing is sent until the first request.
 *
 * @throws {ConfigError} if the configuration is incomplete.
 * @example
 * ```ts
 * const identity = connect({ cloud: 'mycloud' });
 * console.log((await identity.tokens.issue()).expiresAt);
 * ```
 */
export function connect(options: ConnectOptions = {}): IdentityClient {
  const { session, ...configOptions } = options;
  return identityFromConfig(loadCloudConfig(configOptions), session);
}
