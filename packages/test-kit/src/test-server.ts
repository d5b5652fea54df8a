import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  bootstrap,
  buildApp,
  buildContainer,
  type Clock,
  type Container,
  ensureFernetKeys,
  type Logger,
  loadConfig,
} from '@xloud/identity/testing';
import { createMysqlDatabase, createPostgresDatabase } from './databases.ts';

export interface TestServer {
  baseUrl: string;
  adminPassword: string;
  close(): Promise<void>;
  container: Container;
}

export interface StartOptions {
  database?: 'sqlite' | 'postgres' | 'mysql';
  config?: Record<string, Record<string, string>>;
  /** Time source for the whole server (tokens, idle timeouts): tests move it instead of sleeping. */
  clock?: Clock;
  /** Another PostgreSQL server to create the database on (the outage test's disposable cluster). */
  postgresAdminUrl?: string;
  /** The container's logger (default: silent), for tests that read what the server logs. */
  logger?: Logger;
  /** Where the request log goes (default: no request log), for tests that read what the server logs per request. */
  logStream?: { write(line: string): void };
  /** XLOUD_KEY_ENCRYPTION_KEY, for `key_repository = sql://`. */
  keyEncryptionKey?: string;
}

async function createDatabase(opts: StartOptions): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (opts.database === 'postgres') return createPostgresDatabase(opts.postgresAdminUrl);
  if (opts.database === 'mysql') return createMysqlDatabase();
  return undefined;
}

/** Starts a real server on 127.0.0.1 (random port) over a fresh database and key repository, bootstrapped. */
export async function startTestServer(opts: StartOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xloud-test-'));
  const serverDatabase = await createDatabase(opts);
  const overrides: Record<string, Record<string, string>> = {
    ...opts.config,
    // One process, this one ([DEFAULT] workers is read by the bin only): the test talks to the container it built.
    DEFAULT: { workers: '1', ...opts.config?.DEFAULT },
    database: {
      connection: serverDatabase ? serverDatabase.url : `sqlite:///${join(dataDir, 'keystone.db')}`,
      ...opts.config?.database,
    },
    // Cheap hashing keeps the suite fast; the hashing itself is tested at full cost elsewhere.
    identity: { password_hash_rounds: '4', ...opts.config?.identity },
  };
  const conf = loadConfig({ dataDir, env: {}, overrides });
  ensureFernetKeys(conf);
  const container = await buildContainer(conf, {
    migrate: true,
    clock: opts.clock,
    logger: opts.logger,
    keyEncryptionKey: opts.keyEncryptionKey,
  });
  const app = await buildApp(container, opts.logStream ? { logger: true, logStream: opts.logStream } : {});
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminPassword = 'test-admin-password';
  await bootstrap(container, { password: adminPassword, regionId: 'RegionOne', publicUrl: `${baseUrl}/v3` });
  return {
    baseUrl,
    adminPassword,
    container,
    async close() {
      await app.close();
      await container.close();
      await serverDatabase?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
