/** Scalars of the YAML subset: plain-scalar resolution, escapes, comment stripping and line folding. */

/** A parsed YAML value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const BOOL_TRUE = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const BOOL_FALSE = new Set(['false', 'False', 'FALSE', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

/**
 * Resolves a plain (unquoted) scalar: null, boolean, integer, float or string.
 *
 * @example
 * ```ts
 * resolvePlainScalar('3');    // 3
 * resolvePlainScalar('yes');  // true (PyYAML)
 * resolvePlainScalar('v3');   // 'v3'
 * ```
 */
export function resolvePlainScalar(text: string): null | boolean | number | string {
  if (NULLS.has(text)) return null;
  if (BOOL_TRUE.has(text)) return true;
  if (BOOL_FALSE.has(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number.parseFloat(text);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return Number.NaN;
  return text;
}

/** Where a `#` comment starts (outside quotes, after a blank) or the line ends; trailing blanks excluded. */
export function contentEnd(raw: string, from: number): number {
  let quote: string | null = null;
  let end = raw.length;
  for (let i = from; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = null;
      continue;
    }
    if (quote === "'") {
      if (c === "'") {
        if (raw[i + 1] === "'") i++;
        else quote = null;
      }
      continue;
    }
    const prev = i === from ? ' ' : raw[i - 1]!;
    if ((c === '"' || c === "'") && /[\s[{,]/.test(prev)) quote = c;
    else if (c === '#' && /\s/.test(prev)) {
      end = i;
      break;
    }
  }
  while (end > from && /\s/.test(raw[end - 1]!)) end--;
  return end;
}

/** Line folding inside flow collections: one line break is a space, n+1 breaks are n newlines. */
export function fold(text: string): string {
  return text.replace(/[ \t]*((?:\n[ \t]*)+)/g, (_m, breaks: string) => {
    const n = breaks.split('\n').length - 1;
    return n === 1 ? ' ' : '\n'.repeat(n - 1);
  });
}

export function setKey(map: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Decodes the double-quoted escape at `s[i]` (a backslash): its text and how many characters it used, or undefined if
 * it is not a valid escape.
 */
export function decodeEscape(s: string, i: number): [string, number] | undefined {
  const e = s[i + 1]!;
  if (e in ESCAPES) return [ESCAPES[e]!, 2];
  const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  const hex = s.slice(i + 2, i + 2 + len);
  if (len === 0 || hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  return [String.fromCodePoint(Number.parseInt(hex, 16)), 2 + len];
}
