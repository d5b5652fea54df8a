import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.ts';

/** docs/errors.md is the list of error codes and classes people read; it must stay whole. */
const SRC = resolve(import.meta.dirname, '../../src');
const DOC = readFileSync(resolve(import.meta.dirname, '../../../../docs/errors.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every error class declared in src/: its name, its source, and whether it names a code itself. */
const errorClasses = sourceFiles(SRC).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/class (\w+) extends (\w*Error)\b[^{]*\{([\s\S]*?)\n\}/g)].map(
    ([, name = '', base = '', body = '']) => ({
      name,
      base,
      body,
    }),
  );
});

describe('error catalog', () => {
  it('finds the error classes', () => {
    expect(errorClasses.map((c) => c.name)).toEqual(
      expect.arrayContaining(['IdentityError', 'TokenInvalidError', 'ConfigError']),
    );
  });

  it('docs/errors.md lists every code', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !DOC.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('docs/errors.md lists every error class', () => {
    const missing = errorClasses.map((c) => c.name).filter((name) => !DOC.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('every error class carries a code: its own, or an IdentityError status and code', () => {
    const codeless = errorClasses
      .filter((c) => c.name !== 'IdentityError')
      .filter(
        (c) =>
          !/readonly code = 'ERR_\w+'/.test(c.body) && !/super\(\d{3}, 'ERR_\w+'/.test(c.body) && c.base === 'Error',
      )
      .map((c) => c.name);
    expect(codeless).toEqual([]);
  });

  it('there is one token-invalid error, not synonyms', () => {
    const synonyms = errorClasses
      .map((c) => c.name)
      .filter((name) => /token/i.test(name) && name !== 'TokenInvalidError');
    expect(synonyms).toEqual([]);
  });
});
