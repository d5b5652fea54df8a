import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering, checked on every import of every source file (this test is where the rules are written down):
 * HTTP routes → services (Keystone's managers) → driver interfaces ← storage drivers; the policy engine and the
 * token providers are pure modules beside them.
 */
const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports: package names as written, relative paths resolved against src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\sfrom\s+'([^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => (s.startsWith('.') ? relative(SRC, resolve(file, '..', s)) : s));
}

const files = sourceFiles(SRC).map((file) => ({ path: relative(SRC, file), imports: importsOf(file) }));
const under = (prefix: string) => files.filter((f) => f.path.startsWith(prefix));
const violations = (group: typeof files, forbidden: (spec: string) => boolean) =>
  group.flatMap((f) => f.imports.filter(forbidden).map((spec) => `${f.path} imports ${spec}`));

const DATABASE_CLIENTS = ['kysely', 'better-sqlite3', 'pg', 'mysql2'];

describe('architecture (layering rules)', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('http/ never imports storage/', () => {
    expect(violations(under('http/'), (s) => s.startsWith('storage/'))).toEqual([]);
  });

  it('services/ never imports fastify, kysely or storage/', () => {
    expect(
      violations(under('services/'), (s) => s === 'fastify' || s.startsWith('kysely') || s.startsWith('storage/')),
    ).toEqual([]);
  });

  it('only storage/ imports database clients', () => {
    const outside = files.filter((f) => !f.path.startsWith('storage/'));
    expect(violations(outside, (s) => DATABASE_CLIENTS.includes(s))).toEqual([]);
  });

  it('policy/ and token/providers/ import nothing from services, storage or http', () => {
    const pure = [...under('policy/'), ...under('token/providers/')];
    expect(violations(pure, (s) => /^(services|storage|http)\//.test(s))).toEqual([]);
  });
});
