/**
 * Hand-written on purpose: Python's str()/repr() rules exist in no npm library. Checked against Python through
 * cliff's value, shell and table output by test/output.test.ts (test/helpers/cliff_oracle.py).
 *
 * Python's `str()` and `repr()` of JSON values. cliff's table, value, shell and csv formatters print values with
 * `str()`, so `True`, `None`, `[]` and `{'a': 1}` are what `openstack` shows; we print the same.
 */

/** Python `repr()` of a string: single quotes unless the text has a single quote and no double quote. */
function pyReprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

/** Python `repr()` of a JSON value (strings quoted). */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return pyReprString(v);
  return pyStr(v);
}

/** Python `str()` of a JSON value: strings as they are, `True`/`False`/`None`, containers as their repr. */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyReprString(k)}: ${pyRepr(x)}`);
    return `{${parts.join(', ')}}`;
  }
  return String(v);
}

/**
 * Python's `json.dumps(value, indent=…)` with its defaults: `ensure_ascii` (non-ASCII as `\uXXXX`), `", "` and
 * `": "` separators without indent, `","` and `": "` with it.
 */
export function pyJson(v: unknown, indent: number | null): string {
  const nl = indent === null ? '' : '\n';
  const sep = indent === null ? ', ' : ',';
  const enc = (x: unknown, depth: number): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'number')
      return Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
    if (typeof x === 'string') return jsonString(x);
    const pad = indent === null ? '' : ' '.repeat(indent * (depth + 1));
    const end = indent === null ? '' : ' '.repeat(indent * depth);
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return `[${nl}${x.map((i) => pad + enc(i, depth + 1)).join(sep + nl)}${nl}${end}]`;
    }
    if (typeof x === 'object') {
      const entries = Object.entries(x as Record<string, unknown>).filter(([, val]) => val !== undefined);
      if (entries.length === 0) return '{}';
      return `{${nl}${entries.map(([k, val]) => `${pad}${jsonString(k)}: ${enc(val, depth + 1)}`).join(sep + nl)}${nl}${end}}`;
    }
    return jsonString(String(x));
  };
  return enc(v, 0);
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
