/**
 * Quoting for the generated credential files. Every value a user or an administrator chose (names, ids, URLs,
 * secrets) goes through one of these, so a project called `$(rm -rf ~)` or a user name with a newline stays inert.
 */
import { ConfigError } from '../errors.ts';

/**
 * A POSIX shell word that stands for exactly `value`: single-quoted, each `'` written as `'\''`. Nothing inside
 * single quotes is special to the shell (no `$`, backquote, backslash or history expansion), newlines included.
 *
 * @throws {ConfigError} if the value contains a NUL character, which no shell variable can hold.
 * @example
 * ```ts
 * shellQuote("it's $(rm -rf ~)"); // 'it'\''s $(rm -rf ~)'
 * ```
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new ConfigError('A value for a shell file cannot contain a NUL character.');
  return `'${value.replace(/'/g, "'\\''")}'`;
}

const NAMED: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\0': '\\0',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\x1b': '\\e',
};

/**
 * A YAML double-quoted scalar that reads back as exactly `value`, written in printable ASCII: `"` and `\` are
 * escaped, control characters and line separators become `\n`, `\t`, `\xHH`, and every non-ASCII character becomes
 * `\uHHHH` / `\UHHHHHHHH`. ASCII-only output reads the same whatever encoding a YAML loader assumes for the file
 * (openstacksdk opens clouds.yaml in the locale's encoding).
 *
 * @example
 * ```ts
 * yamlQuote('a: "b" # c\nZürich'); // "a: \"b\" # c\nZ\u00fcrich"
 * ```
 */
export function yamlQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const named = NAMED[ch];
    if (named) {
      out += named;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x20 && cp <= 0x7e) out += ch;
    else if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** `value` if it can be shown inside a one-line comment as is (printable ASCII only), else undefined. */
export function commentSafe(value: string): string | undefined {
  return /^[\x20-\x7e]+$/.test(value) ? value : undefined;
}
