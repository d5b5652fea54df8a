/*
 * oslo.policy compares values as Python strings (`match == str(value)`), so
 * `True` and `1` differ, and `None` is the text "None". These helpers reproduce
 * Python's str()/repr() for JSON-like values and the subset of
 * ast.literal_eval that can appear on the left of a check (`'member':...`,
 * `True:...`, `None:...`, `1:...`).
 */

function pythonFloatStr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

function pythonStringRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}

/** Python repr() of a JSON-like value, as used inside str() of containers. */
function pythonRepr(value: unknown): string {
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const items = Object.entries(value).map(([k, v]) => `${pythonStringRepr(k)}: ${pythonRepr(v)}`);
    return `{${items.join(', ')}}`;
  }
  return pythonStr(value);
}

/** Python str() of a JSON-like value. JSON numbers are integers when integral. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloatStr(value);
  if (typeof value === 'bigint') return value.toString();
  return pythonRepr(value);
}

const QUOTED = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")$/s;
const INTEGER = /^[+-]?(?:0+|[1-9](?:_?[0-9])*)$/;
const FLOAT = /^[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][+-]?[0-9]+)?$/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/**
 * If `text` is a Python literal, the str() of its value; otherwise undefined
 * (oslo.policy then treats the text as a path into the credentials).
 */
export function pythonLiteralStr(text: string): string | undefined {
  if (text === 'True' || text === 'False' || text === 'None') return text;
  const quoted = QUOTED.exec(text);
  if (quoted) {
    const body = quoted[1] ?? quoted[2] ?? '';
    return body.replace(/\\(.)/gs, (sequence, ch: string) => ESCAPES[ch] ?? sequence);
  }
  if (INTEGER.test(text)) return BigInt(text.replace(/_/g, '')).toString();
  if (FLOAT.test(text)) return pythonFloatStr(Number(text));
  return undefined;
}
