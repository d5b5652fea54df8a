import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { loadConfig, ConfigError } from './conf/index.ts';
import { buildContainer } from './container.ts';
import { CONSOLE_PATH, consoleStaticDir } from './http/console/console-plugin.ts';
import { ensureFernetKeys, quickStartBootstrap } from './manage/first-run.ts';
import { formatDatabaseConnection, redactDatabaseUrl } from './conf/database-connection.ts';
import { isDatabaseUnavailable } from './database-unavailable.ts';
import { KeyEncryptionKeyError } from './crypto/key-encryption.ts';
import { createLogger } from './logging/logger.ts';

const describe = (error: unknown): string => {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (Array.isArray(e.errors) && e.errors.length > 0) return describe(e.errors[0]);
  return [e.code, e.message].filter((part) => typeof part === 'string' && part !== '').join(' ') || String(error);
};

/**
 * `xloud-identity`: the quick start. Creates the database, key repository and admin on the first
 * run, reuses them afterwards, and serves the Identity API.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'config-file': { type: 'string' } }, allowPositionals: false });
  const notices: string[] = [];
  const conf = loadConfig({
    file: values['config-file'] ?? process.env.XLOUD_CONFIG,
    warn: (message) => notices.push(message),
  });
  const logger = createLogger(conf);
  for (const notice of notices) logger.warn(notice);
  if (ensureFernetKeys(conf)) logger.info(`created Fernet key repository ${conf.fernet_tokens.key_repository}`);
  const container = await buildContainer(conf, { migrate: true, logger }).catch((error: unknown) => {
    // One clear line, not a stack trace: the usual first-run problem is a database that is not there yet.
    if (error instanceof KeyEncryptionKeyError) {
      logger.fatal(error.message);
      process.exit(1);
    }
    if (isDatabaseUnavailable(error)) {
      logger.fatal(
        `cannot reach the database ${redactDatabaseUrl(formatDatabaseConnection(conf.database.connection))}: ${describe(error)}`,
      );
      process.exit(1);
    }
    throw error;
  });
  const host = conf.eventlet_server.public_bind_host;
  const port = conf.eventlet_server.public_port;
  const publicBase =
    conf.DEFAULT.public_endpoint?.replace(/\/+$/, '') ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const first = await quickStartBootstrap(container, `${publicBase}/v3`, process.env);
  if (first.ignoredAdminPassword) {
    logger.warn(
      'XLOUD_ADMIN_PASSWORD ignored: the database already has users. To reset a password: xloud-manage bootstrap --bootstrap-password ...',
    );
  }
  if (first.bootstrapped && first.generatedPassword) {
    // Straight to the terminal, never into a log file.
    const rule = '='.repeat(72);
    process.stdout.write(`${rule}\nadmin password (shown once, store it now): ${first.generatedPassword}\n${rule}\n`);
  }
  const app = await buildApp(container, { logger: process.env.XLOUD_LOG !== '0' });
  const close = async () => {
    await app.close();
    await container.close();
    process.exit(0);
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
  await app.listen({ host, port });
  logger.info(`Xloud Identity listening on ${publicBase}/v3 (also ${publicBase}/identity/v3)`);
  if (conf.dashboard.enabled) {
    const built = existsSync(join(consoleStaticDir(container), 'index.html'));
    logger.info(
      `Console: ${publicBase}${CONSOLE_PATH}${built ? '' : ' (not built yet: npm run build -w @xloud/dashboard)'}`,
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`xloud-identity: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
