/**
 * @xloud/sdk — TypeScript SDK for Xloud Identity and any OpenStack Identity v3 (Keystone) server.
 * One runtime dependency, `yaml` (for clouds.yaml; the browser entry does not load it). See README.md for the tour; every export below is documented where it is defined.
 *
 * @example
 * ```ts
 * import { connect } from '@xloud/sdk';
 * const identity = connect({ cloud: 'mycloud' });
 * for await (const project of identity.projects.iterate()) console.log(project.name);
 * ```
 */

// The Node-only transport parts (TLS settings, node/<version> in the user agent); the browser entry leaves them out.
import './transport/node.ts';

// Everything the browser entry has too (errors, tokens, session, resources, credential files).
export * from './common-exports.ts';

// Configuration.
export { configSearchPath, findConfigFiles, readConfigFile, mergeDeep } from './config/files.ts';
export type { ConfigLocationOptions, ConfigFiles } from './config/files.ts';
export {
  loadCloudConfig,
  validateCloudConfig,
  requiredSettings,
  envSettings,
  listClouds,
  redactConfig,
} from './config/cloud-config.ts';
export type {
  CloudConfig,
  AuthOptions,
  AuthType,
  ConfigSource,
  LoadCloudConfigOptions,
} from './config/cloud-config.ts';
export { AUTH_KEYS, TOP_LEVEL_KEYS, envName, flagName } from './config/keys.ts';
export type { AuthKey } from './config/keys.ts';

// Authentication.
export {
  PasswordAuth,
  MultiFactorAuth,
  TokenAuth,
  ApplicationCredentialAuth,
  StaticTokenAuth,
  issueToken,
} from './auth/plugins.ts';
export type {
  PasswordAuthOptions,
  MultiFactorAuthOptions,
  AuthReceipt,
  AuthContext,
  PasscodePrompt,
  TokenAuthOptions,
  ApplicationCredentialAuthOptions,
  StaticTokenAuthOptions,
} from './auth/plugins.ts';
export { authFromConfig, scopeFromAuth } from './auth/from-config.ts';
export { discoverIdentityV3, listVersions, identityRoot, isIdentityV3 } from './auth/discovery.ts';

// Transport and session (TLS settings, node/<version> in the user agent, sessions from clouds.yaml).
export { defaultUserAgent } from './transport/http.ts';
export type { TlsOptions } from './transport/http.ts';
export { createTlsFetch } from './transport/tls-fetch.ts';
export { sessionFromConfig } from './session.ts';

// Connecting from clouds.yaml / the environment.
export { identityFromConfig, connect } from './connect.ts';
export type { ConnectOptions } from './connect.ts';
