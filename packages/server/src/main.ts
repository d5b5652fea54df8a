import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { loadConfig, ConfigError } from './conf/index.ts';
import { buildContainer } from './container.ts';
import { CONSOLE_PATH, consoleStaticDir } from './http/console/console-plugin.ts';
import { ensureFernetKeys, quickStartBootstrap } from './manage/first-run.ts';

/**
 * `xloud-identity`: the quick start. Creates the database, key repository and admin on the first
 * run, reuses them afterwards, and serves the Identity API.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'config-file': { type: 'string' } }, allowPositionals: false });
  const conf = loadConfig({ file: values['config-file'] ?? process.env.XLOUD_CONFIG });
  if (ensureFernetKeys(conf)) console.log(`created Fernet key repository ${conf.fernet_tokens.key_repository}`);
  const container = await buildContainer(conf, { migrate: true });
  const host = conf.eventlet_server.public_bind_host;
  const port = conf.eventlet_server.public_port;
  const publicBase = conf.DEFAULT.public_endpoint?.replace(/\/+$/, '') ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const first = await quickStartBootstrap(container, `${publicBase}/v3`, process.env);
  if (first.ignoredAdminPassword) {
    console.log('XLOUD_ADMIN_PASSWORD ignored: the database already has users. To reset a password: xloud-manage bootstrap --bootstrap-password ...');
  }
  if (first.bootstrapped && first.generatedPassword) {
    console.log('='.repeat(72));
    console.log(`admin password (shown once, store it now): ${first.generatedPassword}`);
    console.log('='.repeat(72));
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
  console.log(`Xloud Identity listening on ${publicBase}/v3 (also ${publicBase}/identity/v3)`);
  if (conf.dashboard.enabled) {
    const built = existsSync(join(consoleStaticDir(container), 'index.html'));
    console.log(`Console: ${publicBase}${CONSOLE_PATH}${built ? '' : ' (not built yet: npm run build -w @xloud/dashboard)'}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
