/**
 * `@xloud/sdk/browser` must load in a browser: nothing in its import graph may import a Node module (`node:*` or a
 * bare builtin such as `fs`), or use Node's globals (`process`, `Buffer`, `require`, `__dirname`). Type-only
 * imports (`import type`, `export type`) are erased by every TypeScript compiler, so they do not count; inline
 * `type` specifiers do (under `verbatimModuleSyntax` the import itself stays).
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]!]));
const NODE_GLOBALS = new Set(['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate']);

interface Graph {
  files: string[];
  problems: string[];
}

/** The runtime import graph from `entry`: relative imports are followed; anything else is a problem. */
function importGraph(entry: string): Graph {
  const seen = new Set<string>();
  const problems: string[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const where = relative(pkgDir, file);
    const follow = (spec: string, how: string) => {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!existsSync(target)) problems.push(`${where}: ${how} '${spec}' does not exist`);
        else queue.push(target);
      } else if (spec.startsWith('node:') || BUILTINS.has(spec))
        problems.push(`${where}: ${how} Node module '${spec}'`);
      else problems.push(`${where}: ${how} package '${spec}' (the browser entry loads no package)`);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!node.importClause?.isTypeOnly) follow(node.moduleSpecifier.text, 'imports');
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        if (!node.isTypeOnly) follow(node.moduleSpecifier.text, 're-exports');
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [arg] = node.arguments;
        if (arg && ts.isStringLiteralLike(arg)) follow(arg.text, 'dynamically imports');
        else problems.push(`${where}: a dynamic import of a computed specifier`);
      } else if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
        const parent = node.parent;
        const isName =
          (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
          (ts.isPropertyAssignment(parent) && parent.name === node) ||
          ((ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) &&
            parent.name === node);
        if (!isName)
          problems.push(
            `${where}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: uses Node's global '${node.text}'`,
          );
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { files: [...seen].map((f) => relative(pkgDir, f)).sort(), problems };
}

describe('@xloud/sdk/browser import graph', () => {
  type Conditions = Record<string, string | Record<string, string>>;
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { exports: Record<string, Conditions> };

  test('package.json exports ./browser, and the browser condition of . is the same entry', () => {
    expect(pkg.exports['./browser']).toMatchObject({
      'xloud-source': './src/browser.ts',
      types: './dist/browser.d.ts',
      default: './dist/browser.js',
    });
    expect(pkg.exports['.']).toMatchObject({
      'xloud-source': { browser: './src/browser.ts', default: './src/index.ts' },
      browser: { types: './dist/browser.d.ts', default: './dist/browser.js' },
    });
  });

  test('no Node module, no package (not even yaml), no Node global anywhere in it', () => {
    const graph = importGraph(join(pkgDir, 'src/browser.ts'));
    expect(graph.problems).toEqual([]);
    // The walk reaches the client itself, not just the entry file.
    expect(graph.files).toEqual(
      expect.arrayContaining([
        'src/session.ts',
        'src/transport/http.ts',
        'src/identity-client.ts',
        'src/files/openrc.ts',
        'src/debug.ts',
      ]),
    );
    for (const nodeOnly of [
      'src/transport/tls-fetch.ts',
      'src/transport/node.ts',
      'src/config/files.ts',
      'src/connect.ts',
    ])
      expect(graph.files).not.toContain(nodeOnly);
  });

  test('the walker does catch Node imports (the Node entry has them)', () => {
    const graph = importGraph(join(pkgDir, 'src/index.ts'));
    expect(graph.problems.some((p) => p.includes("Node module 'node:fs'"))).toBe(true);
    expect(graph.problems.some((p) => p.includes("package 'yaml'"))).toBe(true);
    expect(graph.problems.some((p) => p.includes("global 'process'"))).toBe(true);
  });
});
