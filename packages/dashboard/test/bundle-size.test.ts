import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, ensureConsoleBuilt } from './e2e/build.ts';

/** The sign-in page's budget: JavaScript + CSS it loads before it can be used, after gzip. */
const FIRST_PAGE_BUDGET = 350 * 1024;

/** The files index.html loads, and the files those load statically (Vite lists them as modulepreload and stylesheets). */
function firstPageAssets(): string[] {
  const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/dashboard\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const code = readFileSync(join(DIST_DIR, file), 'utf8');
    // Static imports only: dynamic import() chunks are the lazily loaded pages.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g))
      visit(`assets/${m[1]}`);
    for (const m of code.matchAll(/(?:^|[;\n}])\s*export\s*[\w*{}\s,$]*from\s*["']\.\/([^"']+)["']/g))
      visit(`assets/${m[1]}`);
  };
  refs.forEach(visit);
  return [...seen];
}

describe('console bundle', () => {
  beforeAll(ensureConsoleBuilt, 600_000);

  it('keeps the sign-in page at or under 350 KB of JavaScript + CSS after gzip', () => {
    const assets = firstPageAssets();
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    const sizes = assets.map((file) => ({
      file,
      gzip: gzipSync(readFileSync(join(DIST_DIR, file)), { level: 9 }).length,
    }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `first page: ${(total / 1024).toFixed(1)} KB gzip in ${sizes.length} files\n${sizes.map((s) => `  ${s.file} ${(s.gzip / 1024).toFixed(1)} KB`).join('\n')}`,
    );
    expect(total).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
  });

  it('has no YAML library in any chunk (the console uses @xloud/sdk/browser, which reads no clouds.yaml)', () => {
    const chunks = readdirSync(join(DIST_DIR, 'assets')).filter((file) => file.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(1);
    const withYaml = chunks.filter((file) =>
      readFileSync(join(DIST_DIR, 'assets', file), 'utf8').includes('YAMLParseError'),
    );
    expect(withYaml).toEqual([]);
  });

  it('has no inline script or style in index.html (the CSP forbids them)', () => {
    const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style[\s>]/);
    expect(html).not.toMatch(/\sstyle="/);
  });
});
