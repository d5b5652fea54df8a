// The in-process server lives in @xloud/test-kit, shared with the SDK, CLI and console tests.
export {
  createMysqlDatabase,
  createPostgresDatabase,
  POSTGRES_ADMIN_URL,
  type StartOptions,
  startTestServer,
  TestClock,
  type TestServer,
} from '@xloud/test-kit';
