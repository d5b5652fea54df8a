import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { exports: Record<string, string>; dependencies?: Record<string, string> };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('public surface (package.json#exports)', () => {
  const entries = Object.values(pkg.exports).map((p) => join(pkgDir, p));
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: true,
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
        const documented = (symbol.declarations ?? []).some((decl) => ts.getJSDocTags(decl).some((tag) => tag.tagName.text === 'example'));
        if (!documented) missing.push(exported.name);
      }
      expect(missing).toEqual([]);
    });
  }
});

test('zero runtime dependencies: src imports only node: modules, itself, and fastify and @xloud/identity-schemas types', () => {
  expect(pkg.dependencies ?? {}).toEqual({});
  const offenders: string[] = [];
  for (const file of sourceFiles(join(pkgDir, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
      const [, , typeOnly, spec] = m;
      if (spec!.startsWith('.') || spec!.startsWith('node:')) continue;
      // Types only: erased at compile time, so no runtime dependency (the resource types are the response schemas).
      if ((spec === 'fastify' || spec === '@xloud/identity-schemas') && typeOnly) continue;
      offenders.push(`${file.slice(pkgDir.length + 1)}: ${spec}`);
    }
    for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) {
      if (!m[1]!.startsWith('.') && !m[1]!.startsWith('node:')) offenders.push(`${file.slice(pkgDir.length + 1)}: dynamic ${m[1]}`);
    }
    expect(text, `${file} uses .ts extensions in relative imports`).not.toMatch(/from '\.{1,2}\/[^']*(?<!\.ts)'/);
  }
  expect(offenders).toEqual([]);
});
