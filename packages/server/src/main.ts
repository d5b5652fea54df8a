import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from './conf/index.ts';
import type { XloudConfig } from './conf/index.ts';
import type { Container } from './container.ts';
import type { WorkerLink } from './cluster/worker-link.ts';
import { createLogger, type Logger } from './logging/logger.ts';

// The server's modules are imported where they are needed (await import), not here: the primary process of
// [DEFAULT] workers > 1 only reads the configuration and watches over its workers, and stays small (about half
// the memory of a worker) for not loading them.

const describe = (error: unknown): string => {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (Array.isArray(e.errors) && e.errors.length > 0) return describe(e.errors[0]);
  return [e.code, e.message].filter((part) => typeof part === 'string' && part !== '').join(' ') || String(error);
};

/** Set in the environment of the short-lived worker that does the first run's work (workers > 1). */
const FIRST_RUN_VARIABLE = 'XLOUD_FIRST_RUN_WORKER';

/**
 * V8's young generation grows to 16 MiB semi-spaces by default (48 MiB resident per process once a load has
 * made it grow, and it stays). A worker's garbage is short-lived request data: 4 MiB semi-spaces cost no
 * measurable validation throughput and keep ~40 MiB per worker off the resident memory after a load (issue #9,
 * the commit that set it has the figures). A --max-semi-space-size of the operator's own (node flags or
 * NODE_OPTIONS) wins.
 */
const WORKER_SEMI_SPACE_MIB = 4;

function workerExecArgv(): string[] {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((flag) => /^--max[-_]semi[-_]space[-_]size\b/.test(flag))) return process.execArgv;
  return [...process.execArgv, `--max-semi-space-size=${WORKER_SEMI_SPACE_MIB}`];
}

/** [DEFAULT] workers, unset: one per CPU, or 1 with an in-memory SQLite database (one process must own it). */
function workerCount(conf: XloudConfig): number {
  if (conf.DEFAULT.workers !== undefined) return conf.DEFAULT.workers;
  const connection = conf.database.connection;
  if (connection.kind === 'sqlite' && connection.filename === ':memory:') return 1;
  return availableParallelism();
}

function readConfig(): { conf: XloudConfig; logger: Logger } {
  const { values } = parseArgs({ options: { 'config-file': { type: 'string' } }, allowPositionals: false });
  const notices: string[] = [];
  const conf = loadConfig({
    file: values['config-file'] ?? process.env.XLOUD_CONFIG,
    warn: (message) => notices.push(message),
  });
  const logger = createLogger(conf);
  // Once, by the process that starts the others: the workers read the same configuration again.
  if (!cluster.isWorker) for (const notice of notices) logger.warn(notice);
  return { conf, logger };
}

async function openContainer(
  conf: XloudConfig,
  logger: Logger,
  options: { migrate: boolean; workerLink?: WorkerLink; processes?: number },
): Promise<Container> {
  const [{ buildContainer }, { KeyEncryptionKeyError }, { isDatabaseUnavailable }, connectionText] = await Promise.all([
    import('./container.ts'),
    import('./crypto/key-encryption.ts'),
    import('./database-unavailable.ts'),
    import('./conf/database-connection.ts'),
  ]);
  const { formatDatabaseConnection, redactDatabaseUrl } = connectionText;
  return buildContainer(conf, { ...options, logger }).catch((error: unknown) => {
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
}

function publicBaseOf(conf: XloudConfig, port = conf.eventlet_server.public_port): string {
  const host = conf.eventlet_server.public_bind_host;
  return (
    conf.DEFAULT.public_endpoint?.replace(/\/+$/, '') ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  );
}

/**
 * The first run's work, done once before any serving worker exists: the key repository, the database schema
 * (the quick start migrates), the admin. Returns the container it opened.
 */
async function firstRun(conf: XloudConfig, logger: Logger): Promise<Container> {
  const { ensureFernetKeys, quickStartBootstrap } = await import('./manage/first-run.ts');
  if (ensureFernetKeys(conf)) logger.info(`created Fernet key repository ${conf.fernet_tokens.key_repository}`);
  const container = await openContainer(conf, logger, { migrate: true });
  const first = await quickStartBootstrap(container, `${publicBaseOf(conf)}/v3`, process.env);
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
  return container;
}

/** Serves the API in this process until SIGTERM / SIGINT; resolves once listening. */
async function serve(conf: XloudConfig, logger: Logger, container: Container, workers: number): Promise<void> {
  const { buildApp } = await import('./app.ts');
  const app = await buildApp(container, { logger: process.env.XLOUD_LOG !== '0' });
  let closing = false;
  const close = async () => {
    // In a terminal, Ctrl-C reaches the workers both directly and through the primary: close once.
    if (closing) return;
    closing = true;
    await app.close();
    await container.close();
    process.exit(0);
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
  await app.listen({ host: conf.eventlet_server.public_bind_host, port: conf.eventlet_server.public_port });
  if (cluster.isWorker) return;
  await announceListening(conf, logger, workers, (app.server.address() as AddressInfo).port);
}

async function announceListening(conf: XloudConfig, logger: Logger, workers: number, port: number): Promise<void> {
  const publicBase = publicBaseOf(conf, port);
  const processes = workers > 1 ? ` with ${workers} worker processes` : ' (one process)';
  logger.info(`Xloud Identity listening on ${publicBase}/v3 (also ${publicBase}/identity/v3)${processes}`);
  if (conf.dashboard.enabled) {
    const { CONSOLE_PATH, consoleStaticDir } = await import('./http/console/console-location.ts');
    const built = existsSync(join(consoleStaticDir(conf), 'index.html'));
    logger.info(
      `Console: ${publicBase}${CONSOLE_PATH}${built ? '' : ' (not built yet: npm run build -w @xloud/dashboard)'}`,
    );
  }
}

/**
 * `xloud-identity`: the quick start. Creates the database, key repository and admin on the first
 * run, reuses them afterwards, and serves the Identity API: in this process ([DEFAULT] workers = 1), or in
 * [DEFAULT] workers processes sharing the port (node:cluster), which this one starts and watches over.
 */
async function main(): Promise<void> {
  const { conf, logger } = readConfig();
  if (cluster.isWorker && process.env[FIRST_RUN_VARIABLE] === '1') {
    const container = await firstRun(conf, logger);
    await container.close();
    process.exit(0);
  }
  if (cluster.isWorker) {
    const { WorkerLink } = await import('./cluster/worker-link.ts');
    const link = new WorkerLink(
      cluster.worker!.id,
      (message) => process.send?.(message, undefined, undefined, () => undefined),
      logger,
    );
    // The first run is over: no migration here.
    const container = await openContainer(conf, logger, {
      migrate: false,
      workerLink: link,
      processes: workerCount(conf),
    });
    await serve(conf, logger, container, 0);
    return;
  }
  const workers = workerCount(conf);
  if (workers <= 1) {
    await serve(conf, logger, await firstRun(conf, logger), 1);
    return;
  }
  cluster.setupPrimary({ execArgv: workerExecArgv() });
  // The first run in a process of its own, which ends before any serving worker starts: this one stays small.
  const firstRunWorker = cluster.fork({ [FIRST_RUN_VARIABLE]: '1' });
  const exitCode = await new Promise<number>((done) =>
    firstRunWorker.on('exit', (code, signal) => done(signal ? 1 : (code ?? 1))),
  );
  if (exitCode !== 0) process.exit(exitCode);
  const { runPrimary } = await import('./cluster/primary.ts');
  runPrimary(cluster, workers, logger);
  cluster.once('listening', (_worker, address) => void announceListening(conf, logger, workers, address.port));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`xloud-identity: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
