import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../conf/index.ts';
import type { XloudConfig } from '../conf/index.ts';
import { buildContainer, databaseLimits, type Container } from '../container.ts';
import { CREDENTIAL_MAX_ACTIVE_KEYS } from '../services/credential/fernet-credential-provider.ts';
import { openDatabase } from '../storage/database.ts';
import { databaseVersion, syncDatabase } from '../storage/migrate.ts';
import { rotateFernetKeys, setupFernetKeys } from '../token/providers/fernet/key-repository.ts';
import { isDatabaseKeyRepository } from '../token/providers/fernet/key-source.ts';
import { bootstrap } from './bootstrap.ts';
import { runImportKeystone } from './import-keystone-command.ts';
import { KeystoneImportError } from '../storage/keystone-import/import-keystone.ts';

const USAGE = `usage: xloud-manage [--config-file FILE] COMMAND

commands (keystone-manage equivalents in brackets):
  db sync                 bring the database schema up to date      [db_sync]
  db version              print the current schema version          [db_version]
  db import-keystone --from KEYSTONE_DB_URL [--fernet-keys DIR] [--credential-keys DIR] [--dry-run]
                          copy a Keystone database (users with their passwords, projects, roles, assignments,
                          application credentials, credentials, trusts, catalog, revocations); idempotent;
                          with the key directories, Keystone's tokens validate and its credentials decrypt
  fernet setup            create the Fernet key repository          [fernet_setup]
  fernet rotate           stage a new key, promote the staged one   [fernet_rotate]
                          (--receipts: the [fernet_receipts] repository of auth receipts)
  credential setup        create the credential key repository      [credential_setup]
  credential migrate      re-encrypt credentials with the primary key [credential_migrate]
                          (and re-seal generated application credential secrets with it)
  credential rotate       rotate credential keys (after a migrate)  [credential_rotate]
  bootstrap --bootstrap-password PW [--bootstrap-username admin] [--bootstrap-project-name admin]
            [--bootstrap-role-name admin] [--bootstrap-service-name keystone] [--bootstrap-region-id RegionOne]
            [--bootstrap-public-url URL] [--bootstrap-internal-url URL] [--bootstrap-admin-url URL]
                          create the default domain, admin, roles and identity endpoints [bootstrap]
Passwords may also come from XLOUD_ADMIN_PASSWORD (OS_BOOTSTRAP_PASSWORD is accepted too).`;

/** The admin command; returns the process exit status. */
export async function runManage(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'config-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      'bootstrap-password': { type: 'string' },
      'bootstrap-username': { type: 'string' },
      'bootstrap-project-name': { type: 'string' },
      'bootstrap-role-name': { type: 'string' },
      'bootstrap-service-name': { type: 'string' },
      'bootstrap-region-id': { type: 'string' },
      'bootstrap-public-url': { type: 'string' },
      'bootstrap-internal-url': { type: 'string' },
      'bootstrap-admin-url': { type: 'string' },
      from: { type: 'string' },
      'fernet-keys': { type: 'string' },
      'credential-keys': { type: 'string' },
      'dry-run': { type: 'boolean' },
      receipts: { type: 'boolean' },
    },
  });
  const command = positionals.join(' ').replaceAll('_', ' ');
  if (values.help || command === '') {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const conf = loadConfig({ file: values['config-file'] ?? env.XLOUD_CONFIG, env });
  // `fernet setup|rotate --receipts`: the [fernet_receipts] repository instead of the token one.
  const fernet = values.receipts
    ? { which: 'receipt' as const, section: conf.fernet_receipts }
    : { which: 'token' as const, section: conf.fernet_tokens };
  const keys = { maxActiveKeys: fernet.section.max_active_keys };
  switch (command) {
    case 'db sync': {
      const database = openDatabase(conf.database.connection, databaseLimits(conf));
      try {
        const applied = await syncDatabase(database.db, database.dialect);
        console.log(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'db version': {
      const database = openDatabase(conf.database.connection, databaseLimits(conf));
      try {
        console.log((await databaseVersion(database.db, database.dialect)) ?? 'no schema (run: xloud-manage db sync)');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'db import-keystone': {
      if (!values.from) {
        console.error(
          'db import-keystone: --from KEYSTONE_DB_URL is required (e.g. mysql+pymysql://keystone:PW@db/keystone)',
        );
        return 2;
      }
      try {
        console.log(
          await runImportKeystone(conf, {
            from: values.from,
            fernetKeys: values['fernet-keys'],
            credentialKeys: values['credential-keys'],
            dryRun: values['dry-run'] === true,
          }),
        );
      } catch (error) {
        if (!(error instanceof KeystoneImportError)) throw error;
        console.error(`db import-keystone: ${error.message}`);
        return 1;
      }
      return 0;
    }
    case 'fernet setup':
    case 'token setup': {
      if (isDatabaseKeyRepository(fernet.section.key_repository)) {
        // The server sets up a database repository that has no keys (here: the container it builds).
        await withContainer(conf, env, async () =>
          console.log(`${fernet.which} keys are in the database (key_repository = sql://)`),
        );
        return 0;
      }
      const { created } = setupFernetKeys(fernet.section.key_repository, keys);
      console.log(
        created
          ? `created key repository ${fernet.section.key_repository}`
          : `key repository ${fernet.section.key_repository} already set up`,
      );
      return 0;
    }
    case 'fernet rotate':
    case 'token rotate': {
      const result = isDatabaseKeyRepository(fernet.section.key_repository)
        ? await withContainer(conf, env, (container) =>
            container.keyRepositories.rotate(fernet.which, keys.maxActiveKeys),
          )
        : rotateFernetKeys(fernet.section.key_repository, keys);
      console.log(
        `new primary key ${result.primaryIndex}${result.purgedIndexes.length > 0 ? `; removed keys ${result.purgedIndexes.join(', ')}` : ''}`,
      );
      return 0;
    }
    case 'credential setup': {
      const dir = conf.credential.key_repository;
      if (isDatabaseKeyRepository(dir)) {
        await withContainer(conf, env, async () =>
          console.log('credential keys are in the database (key_repository = sql://)'),
        );
        return 0;
      }
      const { created } = setupFernetKeys(dir, { maxActiveKeys: CREDENTIAL_MAX_ACTIVE_KEYS });
      console.log(
        created ? `created credential key repository ${dir}` : `credential key repository ${dir} already set up`,
      );
      return 0;
    }
    case 'credential migrate':
    case 'credential rotate': {
      const container = await buildContainer(conf, { migrate: false, keyEncryptionKey: env.XLOUD_KEY_ENCRYPTION_KEY });
      try {
        const { credentials, applicationCredentials, mfa, oauth1 } = container.services;
        if (command === 'credential migrate') {
          console.log(`re-encrypted ${await credentials.reencryptWithPrimaryKey()} credentials with the primary key`);
          console.log(
            `re-sealed ${await applicationCredentials.resealWithPrimaryKey()} generated application credential secrets with the primary key`,
          );
          console.log(
            `re-sealed ${await mfa.reencryptWithPrimaryKey()} two-factor enrolment secrets and recovery codes with the primary key`,
          );
          console.log(`re-sealed ${await oauth1.resealWithPrimaryKey()} OAuth1 secrets with the primary key`);
          return 0;
        }
        // Rotating again before a migrate would purge the only key some credentials (or generated application
        // credential secrets) can still be opened with.
        if (
          !(await credentials.allEncryptedWithPrimaryKey()) ||
          !(await applicationCredentials.allSealedWithPrimaryKey()) ||
          !(await mfa.allEncryptedWithPrimaryKey()) ||
          !(await oauth1.allSealedWithPrimaryKey())
        ) {
          console.error(
            'Unable to rotate credential keys because not all credentials are encrypted with the primary key. Run `xloud-manage credential migrate` first.',
          );
          return 1;
        }
        const result = await container.keyRepositories.rotate('credential', CREDENTIAL_MAX_ACTIVE_KEYS);
        console.log(
          `new primary credential key ${result.primaryIndex}${result.purgedIndexes.length > 0 ? `; removed keys ${result.purgedIndexes.join(', ')}` : ''}`,
        );
        return 0;
      } finally {
        await container.close();
      }
    }
    case 'bootstrap': {
      const password = values['bootstrap-password'] ?? env.XLOUD_ADMIN_PASSWORD ?? env.OS_BOOTSTRAP_PASSWORD;
      const container = await buildContainer(conf, { migrate: false });
      try {
        const result = await bootstrap(container, {
          password,
          username: values['bootstrap-username'],
          projectName: values['bootstrap-project-name'],
          roleName: values['bootstrap-role-name'],
          serviceName: values['bootstrap-service-name'],
          regionId: values['bootstrap-region-id'],
          publicUrl: values['bootstrap-public-url'],
          internalUrl: values['bootstrap-internal-url'],
          adminUrl: values['bootstrap-admin-url'],
        });
        console.log(
          result.created.length > 0
            ? result.created.map((c) => `created ${c}`).join('\n')
            : 'nothing to do: already bootstrapped',
        );
      } finally {
        await container.close();
      }
      return 0;
    }
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

/** For the key commands on `sql://` repositories: the rotation is announced to the running nodes like any change. */
async function withContainer<T>(
  conf: XloudConfig,
  env: Record<string, string | undefined>,
  use: (container: Container) => Promise<T>,
): Promise<T> {
  const container = await buildContainer(conf, { migrate: false, keyEncryptionKey: env.XLOUD_KEY_ENCRYPTION_KEY });
  try {
    return await use(container);
  } finally {
    await container.close();
  }
}

export async function main(): Promise<void> {
  try {
    process.exitCode = await runManage(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
