/**
 * What a test harness needs to start this server in its own process: configuration, the service container, the
 * HTTP app and the first-run steps. Exported as `@xloud/identity/testing` for `@xloud/test-kit`, so other packages'
 * tests start a real server without reaching into this package's source tree.
 */
export { buildApp } from './app.ts';
export type { Clock } from './clock.ts';
export { loadConfig } from './conf/index.ts';
export { buildContainer, type Container } from './container.ts';
export type { Logger } from './logging/logger.ts';
export { bootstrap } from './manage/bootstrap.ts';
export { ensureFernetKeys } from './manage/first-run.ts';
