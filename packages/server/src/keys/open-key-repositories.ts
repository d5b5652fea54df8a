import type { Clock } from '../clock.ts';
import type { XloudConfig } from '../conf/index.ts';
import { KeyEncryption, KEY_ENCRYPTION_KEY_VARIABLE } from '../crypto/key-encryption.ts';
import type { FernetKeySql } from '../storage/sql/fernet-key-sql.ts';
import { isDatabaseKeyRepository } from '../token/providers/fernet/key-source.ts';
import { DatabaseKeyRepository } from './database-key-repository.ts';
import { WatchedKeyDirectory } from './watched-key-directory.ts';

export { KEY_ENCRYPTION_KEY_VARIABLE };

/** The key-encryption key when a key repository is `sql://`; throws a message naming the variable when it is missing. */
export function keyEncryptionFor(conf: XloudConfig, variableValue: string | undefined): KeyEncryption | undefined {
  const needed =
    isDatabaseKeyRepository(conf.fernet_tokens.key_repository) ||
    isDatabaseKeyRepository(conf.credential.key_repository) ||
    isDatabaseKeyRepository(conf.fernet_receipts.key_repository);
  return needed ? KeyEncryption.fromEnvironment(variableValue) : undefined;
}

export interface OpenKeyRepositories {
  token: WatchedKeyDirectory | DatabaseKeyRepository;
  credential: WatchedKeyDirectory | DatabaseKeyRepository;
  receipt: WatchedKeyDirectory | DatabaseKeyRepository;
  /** The ones kept in the database, which each node reloads when told that something changed. */
  inDatabase: DatabaseKeyRepository[];
  /** Stops watching the key directories. */
  close(): void;
}

/**
 * `[fernet_tokens]`, `[fernet_receipts]` and `[credential] key_repository`: directories as Keystone has them (held in
 * memory and watched, see WatchedKeyDirectory), or
 * `sql://`, the table fernet_key. A database repository without keys gets them here (first node to start; the
 * table's primary key settles a race), so that every node finds the same keys.
 */
export async function openKeyRepositories(
  conf: XloudConfig,
  table: FernetKeySql,
  encryption: KeyEncryption | undefined,
  clock: Clock,
  onWarning?: (message: string) => void,
): Promise<OpenKeyRepositories> {
  const inDatabase: DatabaseKeyRepository[] = [];
  const directories: WatchedKeyDirectory[] = [];
  const open = async (setting: string, name: string): Promise<WatchedKeyDirectory | DatabaseKeyRepository> => {
    if (!isDatabaseKeyRepository(setting) || !encryption) {
      const directory = new WatchedKeyDirectory(setting, { onWarning });
      directories.push(directory);
      return directory;
    }
    const repository = new DatabaseKeyRepository(table, encryption, name, clock);
    await repository.setup();
    inDatabase.push(repository);
    return repository;
  };
  return {
    token: await open(conf.fernet_tokens.key_repository, 'token'),
    credential: await open(conf.credential.key_repository, 'credential'),
    receipt: await open(conf.fernet_receipts.key_repository, 'receipt'),
    inDatabase,
    close: () => {
      for (const directory of directories) directory.close();
    },
  };
}
