import { readdir } from 'node:fs/promises';
import type { Migration } from 'kysely';
import type { DialectKind } from './dialect-kind.ts';

/**
 * A migration file: a three-digit sequence number, a dash and a name. The name without the extension is what the
 * migrator records in `xloud_migration`, so a file is never renamed once released. `.ts` under the sources
 * (xloud-source condition), `.js` under dist/; `.d.ts` files and helpers such as `mysql-schema.ts` do not match.
 */
const MIGRATION_FILE = /^(\d{3}-[a-z0-9-]+)\.(?:ts|js)$/;
const MIGRATIONS_DIRECTORY = new URL('./migrations/', import.meta.url);

/** What each migration file exports as `migration`: its steps, for the dialect at hand. */
type MigrationFactory = (dialect: DialectKind) => Migration;

/**
 * Every migration in `migrations/`, by name, in file-name order (Kysely applies them in name order too). Read from
 * the directory rather than listed, so adding a migration is adding its file. A file that matches the naming but
 * exports no `migration` function is an error, never skipped: a skipped migration would be missing from every
 * database created afterwards.
 */
export async function discoverMigrations(dialect: DialectKind): Promise<Record<string, Migration>> {
  const files = (await readdir(MIGRATIONS_DIRECTORY)).filter((file) => MIGRATION_FILE.test(file)).sort();
  const migrations: Record<string, Migration> = {};
  for (const file of files) {
    const name = MIGRATION_FILE.exec(file)?.[1] ?? file;
    if (name in migrations) throw new Error(`two migration files are named ${name} (${file})`);
    const module: { migration?: unknown } = await import(new URL(file, MIGRATIONS_DIRECTORY).href);
    if (typeof module.migration !== 'function') {
      throw new Error(`migration ${file} must export \`migration\`: (dialect) => Migration`);
    }
    migrations[name] = (module.migration as MigrationFactory)(dialect);
  }
  return migrations;
}
