import { loadFernetKeys, type LoadOptions, type RepositoryKey } from './key-repository.ts';

/** Where Fernet keys come from when they are not a directory (`key_repository = sql://`: the database). */
export interface FernetKeySource {
  /** Keys, primary first (MultiFernet order); throws FernetKeysNotFoundError when there are none. */
  keys(): readonly RepositoryKey[];
  /** When the keys last rotated (the staged key's creation); for the healthcheck and the metrics. */
  lastRotatedAt(): Date;
  /** For messages: what the repository is. */
  readonly description: string;
}

/** A key repository as configured: a directory in Keystone's layout, or another source of keys. */
export type KeyRepository = string | FernetKeySource;

export function repositoryKeys(repository: KeyRepository, options: LoadOptions = {}): readonly RepositoryKey[] {
  return typeof repository === 'string' ? loadFernetKeys(repository, options) : repository.keys();
}

export function describeRepository(repository: KeyRepository): string {
  return typeof repository === 'string' ? repository : repository.description;
}

/** `key_repository = sql://`: the keys live in the database (table fernet_key), not in a directory. */
export const isDatabaseKeyRepository = (setting: string): boolean =>
  setting === 'sql://' || setting.startsWith('sql://');
