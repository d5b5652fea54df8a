export { type BadPortRelay, relayFromBadPort } from './bad-port-relay.ts';
export { createMysqlDatabase, createPostgresDatabase, POSTGRES_ADMIN_URL } from './databases.ts';
export { TestClock } from './test-clock.ts';
export { type StartOptions, startTestServer, type TestServer } from './test-server.ts';
export { totpCode } from './totp.ts';
