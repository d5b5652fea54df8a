/*
 * Hand-written on purpose: the generic `ini` package differs from oslo.config on the rules listed at parseIni
 * (comments inside values, `:` as separator, quotes, continuation lines). Checked by test/unit/conf-file.test.ts
 * with cases written from oslo.config's behaviour; unlike the Fernet, policy and cliff code, no Python oracle
 * runs against it (oslo.config is not among the test dependencies).
 */
import { ConfigError } from './config-error.ts';

export interface IniAssignment {
  /** Section name as written (matching against the schema happens later). */
  readonly section: string;
  readonly option: string;
  readonly value: string;
  /** 1-based line of the `option = value` line, for error messages. */
  readonly line: number;
}

/**
 * Reads keystone.conf the way oslo.config's parser does, so files written for
 * Keystone mean the same here:
 * - `#` or `;` starts a comment only at the beginning of a line; inside a value it is
 *   data (passwords in connection URLs may contain `#`).
 * - `key = value` or `key: value`, split at whichever of `=`/`:` comes first.
 * - Whitespace around keys and values is dropped; one pair of matching surrounding
 *   quotes is removed.
 * - An indented line continues the previous value (joined with a newline).
 * - A repeated option keeps its last value (the caller applies them in order).
 */
export function parseIni(text: string, fileName: string): IniAssignment[] {
  const assignments: IniAssignment[] = [];
  const problems: string[] = [];
  let section: string | undefined;
  let pending: { option: string; lines: string[]; line: number } | undefined;

  const flush = () => {
    if (pending && section !== undefined) {
      assignments.push({ section, option: pending.option, value: pending.lines.join('\n'), line: pending.line });
    }
    pending = undefined;
  };

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, rawLine] of lines.entries()) {
    const lineNumber = index + 1;
    const line = rawLine.trimEnd();
    const where = `${fileName}:${lineNumber}`;

    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (pending) pending.lines.push(line.trimStart());
      else problems.push(`${where}: unexpected continuation line`);
      continue;
    }
    flush();
    if (line.startsWith('#') || line.startsWith(';')) continue;

    if (line.startsWith('[')) {
      if (!line.endsWith(']')) problems.push(`${where}: section header must end with ']'`);
      else if (line.length <= 2) problems.push(`${where}: empty section name`);
      else section = line.slice(1, -1).trim();
      continue;
    }

    const equal = line.indexOf('=');
    const colon = line.indexOf(':');
    const split = equal < 0 ? colon : colon < 0 ? equal : Math.min(equal, colon);
    if (split < 0) {
      problems.push(`${where}: expected "option = value", got ${JSON.stringify(line)}`);
      continue;
    }
    const option = line.slice(0, split).trim();
    if (option === '') {
      problems.push(`${where}: option name is empty`);
      continue;
    }
    if (section === undefined) {
      problems.push(`${where}: option "${option}" appears before any [section]`);
      continue;
    }
    pending = { option, lines: [unquote(line.slice(split + 1).trim())], line: lineNumber };
  }
  flush();

  if (problems.length > 0) throw new ConfigError(problems);
  return assignments;
}

function unquote(value: string): string {
  const quote = value[0];
  if (value.length >= 2 && (quote === '"' || quote === "'") && value.endsWith(quote)) return value.slice(1, -1);
  return value;
}
