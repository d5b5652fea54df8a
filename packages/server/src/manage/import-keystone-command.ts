import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { XloudConfig } from '../conf/index.ts';
import { parseDatabaseConnection } from '../conf/database-connection.ts';
import { databaseLimits } from '../container.ts';
import { openDatabase } from '../storage/database.ts';
import { isDatabaseKeyRepository } from '../token/providers/fernet/key-source.ts';
import { importKeystone, KeystoneImportError, type ImportReport } from '../storage/keystone-import/import-keystone.ts';
import { databaseVersion, syncDatabase } from '../storage/migrate.ts';

export interface ImportKeystoneArgs {
  from: string;
  fernetKeys?: string;
  credentialKeys?: string;
  dryRun: boolean;
}

/** The numbered key files of a Keystone key repository (0 is the staged key, the highest the primary). */
function keyFiles(dir: string): string[] {
  const files = readdirSync(dir).filter((name) => /^\d+$/.test(name) && statSync(join(dir, name)).isFile());
  if (files.length === 0) throw new Error(`${dir}: no Fernet keys (numbered files) found`);
  return files;
}

/**
 * Keystone's keys replace ours, so that tokens Keystone issued validate here and its credentials decrypt;
 * Keystone's primary key becomes ours. Done after the database import, only when asked.
 */
function adoptKeys(from: string, to: string): string[] {
  const files = keyFiles(from);
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(to)) if (/^\d+$/.test(name)) rmSync(join(to, name));
  for (const name of files) {
    copyFileSync(join(from, name), join(to, name));
  }
  return files;
}

function formatImportReport(report: ImportReport): string {
  const lines = [
    `Keystone schema ${report.schemaVersions.join(', ')}${report.dryRun ? ' — dry run, nothing written' : ''}`,
  ];
  const width = Math.max(...Object.keys(report.counts).map((k) => k.length));
  for (const [table, count] of Object.entries(report.counts)) {
    lines.push(
      `  ${table.padEnd(width)}  ${String(count.total).padStart(6)}  (${count.new} new, ${count.updated} already here)`,
    );
  }
  for (const [kind, skip] of Object.entries(report.skipped))
    lines.push(`  skipped ${skip.count} ${kind}: ${skip.reason}`);
  return lines.join('\n');
}

/** `xloud-manage db import-keystone`: returns what to print. */
export async function runImportKeystone(
  conf: XloudConfig,
  args: ImportKeystoneArgs,
  now = new Date(),
): Promise<string> {
  // Adopting Keystone's key files into the database is not written yet: say so before anything is imported.
  for (const [flag, given, setting] of [
    ['--fernet-keys', args.fernetKeys, conf.fernet_tokens.key_repository],
    ['--credential-keys', args.credentialKeys, conf.credential.key_repository],
  ] as const) {
    if (given && isDatabaseKeyRepository(setting)) {
      throw new KeystoneImportError(
        `${flag} copies key files into a directory, and this key_repository is sql://; import with a directory, then move the keys`,
      );
    }
  }
  const source = openDatabase(parseDatabaseConnection(args.from), databaseLimits(conf));
  const target = openDatabase(conf.database.connection, databaseLimits(conf));
  try {
    if (!args.dryRun) await syncDatabase(target.db, target.dialect);
    const targetHasSchema = (await databaseVersion(target.db, target.dialect)) !== null;
    const report = await importKeystone(source, target, { dryRun: args.dryRun, now, targetHasSchema });
    const lines = [formatImportReport(report)];
    if (!args.dryRun && args.fernetKeys) {
      lines.push(
        `token keys: ${adoptKeys(args.fernetKeys, conf.fernet_tokens.key_repository).length} from ${args.fernetKeys} now in ${conf.fernet_tokens.key_repository}`,
      );
    }
    if (!args.dryRun && args.credentialKeys) {
      lines.push(
        `credential keys: ${adoptKeys(args.credentialKeys, conf.credential.key_repository).length} from ${args.credentialKeys} now in ${conf.credential.key_repository}`,
      );
    }
    return lines.join('\n');
  } finally {
    await source.close();
    await target.close();
  }
}
