/**
 * What a test harness needs to start this server in its own process: configuration, the service container, the
 * HTTP app and the first-run steps. Exported as `@xloud/identity/testing` for `@xloud/test-kit`, so other packages'
 * tests start a real server without reaching into this package's source tree.
 */
export { buildApp } from './app.ts';
export { type Clock, systemClock } from './clock.ts';
export { loadConfig } from './conf/index.ts';
export { buildContainer, type Container } from './container.ts';
// The console's session cookie, opened by the console tests to prove what it holds (and does not).
export { SessionSealer } from './http/console/session-seal.ts';
export type { Logger } from './logging/logger.ts';
export { bootstrap } from './manage/bootstrap.ts';
export { ensureFernetKeys } from './manage/first-run.ts';
