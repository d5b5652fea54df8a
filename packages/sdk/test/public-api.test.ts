import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
type ExportTarget = string | { [condition: string]: ExportTarget };
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
  exports: Record<string, ExportTarget>;
  dependencies?: Record<string, string>;
};

/** The TypeScript source behind an export (its `xloud-source` condition; for `.`, the Node entry). */
function sourceOf(target: ExportTarget): string | undefined {
  if (typeof target === 'string') return target.endsWith('.ts') ? target : undefined;
  const source = target['xloud-source'];
  if (source === undefined) return undefined;
  return typeof source === 'string' ? source : sourceOf(source.default!);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('public surface (package.json#exports)', () => {
  const entries = Object.values(pkg.exports)
    .flatMap((target) => sourceOf(target) ?? [])
    .map((p) => join(pkgDir, p));
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: true,
    customConditions: ['xloud-source'],
    noEmit: true,
    strict: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();

  for (const entry of entries) {
    test(`every export of ${entry.slice(pkgDir.length + 1)} has TSDoc with an @example`, () => {
      const file = program.getSourceFile(entry)!;
      const moduleSymbol = checker.getSymbolAtLocation(file)!;
      const missing: string[] = [];
      const exports = checker.getExportsOfModule(moduleSymbol);
      expect(exports.length).toBeGreaterThan(5);
      for (const exported of exports) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const documented = (symbol.declarations ?? []).some((decl) =>
          ts.getJSDocTags(decl).some((tag) => tag.tagName.text === 'example'),
        );
        if (!documented) missing.push(exported.name);
      }
      expect(missing).toEqual([]);
    });
  }
});

test('one runtime dependency (yaml, for clouds.yaml): src imports node: modules, itself, yaml, and types of fastify and @xloud/identity-schemas', () => {
  // @xloud/identity-schemas is a dependency for the published .d.ts files only (test/outside-monorepo.test.ts checks
  // that the compiled JavaScript never loads it)
  expect(pkg.dependencies ?? {}).toEqual({ '@xloud/identity-schemas': expect.any(String), yaml: expect.any(String) });
  const offenders: string[] = [];
  for (const file of sourceFiles(join(pkgDir, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
      const [, , typeOnly, spec] = m;
      if (spec!.startsWith('.') || spec!.startsWith('node:')) continue;
      if ((spec === 'fastify' || spec === '@xloud/identity-schemas') && typeOnly) continue;
      if (spec === 'yaml' && (typeOnly || file.endsWith(join('config', 'read-yaml.ts')))) continue;
      offenders.push(`${file.slice(pkgDir.length + 1)}: ${spec}`);
    }
    for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) {
      if (!m[1]!.startsWith('.') && !m[1]!.startsWith('node:'))
        offenders.push(`${file.slice(pkgDir.length + 1)}: dynamic ${m[1]}`);
    }
    expect(text, `${file} uses .ts extensions in relative imports`).not.toMatch(/from '\.{1,2}\/[^']*(?<!\.ts)'/);
  }
  expect(offenders).toEqual([]);
});
