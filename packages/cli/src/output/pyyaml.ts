/**
 * Hand-written on purpose: the `yaml` package (which the CLI uses to read clouds.yaml) chooses quoting and
 * folding differently from PyYAML's emitter, so it cannot print the bytes `openstack -f yaml` prints. Checked
 * against PyYAML through cliff by test/output.test.ts (test/helpers/cliff_oracle.py).
 *
 * A port of the parts of PyYAML's emitter that `yaml.safe_dump(data, default_flow_style=False)` uses for JSON-like
 * data, so `-f yaml` prints the same bytes as `openstack … -f yaml`: block style, keys sorted, sequences not
 * indented inside mappings, `{}`/`[]` for empty collections, PyYAML's choice between plain, single- and
 * double-quoted scalars (non-ASCII text is double-quoted with escapes, as `allow_unicode=False`), and folding
 * at 80 columns.
 */

const BEST_WIDTH = 80;
const BREAKS = '\n\x85\u2028\u2029';
const SPACE_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029';

const IMPLICIT: RegExp[] = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
];

interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
}

function analyze(s: string): Analysis {
  if (!s) return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true };
  const chars = [...s];
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  let precededByWs = true;
  let followedByWs = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1]);
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ('?:'.includes(ch) && followedByWs) blockIndicators = true;
      if (ch === '-' && followedByWs) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWs) blockIndicators = true;
      if (ch === '#' && precededByWs) blockIndicators = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    const c = ch.codePointAt(0)!;
    if (!(ch === '\n' || (c >= 0x20 && c <= 0x7e))) special = true; // non-ASCII counts as special without allow_unicode
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWs = SPACE_OR_BREAK.includes(ch);
    followedByWs = i + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[i + 2]);
  }
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks) allowBlockPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted };
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\x08': 'b',
  '\x09': 't',
  '\x0A': 'n',
  '\x0B': 'v',
  '\x0C': 'f',
  '\x0D': 'r',
  '\x1B': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xA0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

class Writer {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = 0;

  write(data: string): void {
    this.out += data;
    this.column += [...data].length;
  }
  lineBreak(): void {
    this.out += '\n';
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
  }
  writeIndent(): void {
    if (!this.indention || this.column > this.indent || (this.column === this.indent && !this.whitespace))
      this.lineBreak();
    if (this.column < this.indent) {
      this.whitespace = true;
      this.write(' '.repeat(this.indent - this.column));
    }
  }
  indicator(ind: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? ind : ` ${ind}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  plain(text: string, split: boolean): void {
    if (!text) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    const t = [...text];
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= t.length; end++) {
      const ch = end < t.length ? t[end] : undefined;
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(t.slice(start, end).join(''));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (t[start] === '\n') this.lineBreak();
          for (let k = start; k < end; k++) this.lineBreak();
          this.writeIndent();
          this.whitespace = false;
          this.indention = false;
          start = end;
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch)) {
        this.write(t.slice(start, end).join(''));
        start = end;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
  }

  singleQuoted(text: string, split: boolean): void {
    this.indicator("'", true);
    const t = [...text];
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= t.length; end++) {
      const ch = end < t.length ? t[end] : undefined;
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== t.length)
            this.writeIndent();
          else this.write(t.slice(start, end).join(''));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (t[start] === '\n') this.lineBreak();
          for (let k = start; k < end; k++) this.lineBreak();
          this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(t.slice(start, end).join(''));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }

  doubleQuoted(text: string, split: boolean): void {
    this.indicator('"', true);
    const t = [...text];
    let start = 0;
    for (let end = 0; end <= t.length; end++) {
      const ch = end < t.length ? t[end] : undefined;
      const c = ch?.codePointAt(0) ?? 0;
      if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !(c >= 0x20 && c <= 0x7e)) {
        if (start < end) {
          this.write(t.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          let data: string;
          if (ch in ESCAPES) data = `\\${ESCAPES[ch]}`;
          else if (c <= 0xff) data = `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
          else if (c <= 0xffff) data = `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
          else data = `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
          this.write(data);
          start = end + 1;
        }
      }
      if (
        end > 0 &&
        end < t.length - 1 &&
        (ch === ' ' || start >= end) &&
        this.column + (end - start) > BEST_WIDTH &&
        split
      ) {
        this.write(`${t.slice(start, end).join('')}\\`);
        if (start < end) start = end;
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (t[start] === ' ') this.write('\\');
      }
    }
    this.indicator('"', false);
  }

  /** A scalar; `simpleKey` for mapping keys (never split, never multi-line plain). */
  scalar(value: unknown, simpleKey: boolean): void {
    const [text, implicitPlain] = representScalar(value);
    const a = analyze(text);
    const split = !simpleKey;
    if (implicitPlain && !(simpleKey && (a.empty || a.multiline)) && a.allowBlockPlain) this.plain(text, split);
    else if (a.allowSingleQuoted && !(simpleKey && a.multiline)) this.singleQuoted(text, split);
    else this.doubleQuoted(text, split);
  }
}

/** The scalar's text and whether it may be written plain (it would read back as the same type). */
function representScalar(v: unknown): [string, boolean] {
  if (v === null || v === undefined) return ['null', true];
  if (typeof v === 'boolean') return [v ? 'true' : 'false', true];
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return ['.nan', true];
    if (!Number.isFinite(v)) return [v > 0 ? '.inf' : '-.inf', true];
    return [String(v), true];
  }
  const s = String(v);
  return [s, !IMPLICIT.some((re) => re.test(s))];
}

const isCollection = (v: unknown): v is object => typeof v === 'object' && v !== null;
const isEmpty = (v: object): boolean => (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
const sortedEntries = (o: Record<string, unknown>) =>
  Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function value(w: Writer, v: unknown, parentIndent: number, inMapping: boolean): void {
  if (isCollection(v) && isEmpty(v)) {
    w.indicator(Array.isArray(v) ? '[' : '{', true, true);
    w.indicator(Array.isArray(v) ? ']' : '}', false);
  } else if (Array.isArray(v)) {
    // block sequences that are mapping values are not indented (PyYAML's "indentless" sequences)
    sequence(w, v, inMapping && !w.indention ? parentIndent : parentIndent + 2);
  } else if (isCollection(v)) {
    mapping(w, v as Record<string, unknown>, parentIndent + 2);
  } else {
    w.indent = parentIndent + 2;
    w.scalar(v, false);
  }
}

function sequence(w: Writer, items: unknown[], indent: number): void {
  for (const item of items) {
    w.indent = indent;
    w.writeIndent();
    w.indicator('-', true, false, true);
    value(w, item, indent, false);
  }
}

function mapping(w: Writer, map: Record<string, unknown>, indent: number): void {
  for (const [k, v] of sortedEntries(map)) {
    w.indent = indent;
    w.writeIndent();
    w.scalar(k, true);
    w.indicator(':', false);
    value(w, v, indent, true);
  }
}

/** `yaml.safe_dump(data, default_flow_style=False)` for a list or a mapping. */
export function safeDump(data: unknown[] | Record<string, unknown>): string {
  const w = new Writer();
  if (isEmpty(data)) return Array.isArray(data) ? '[]\n' : '{}\n';
  if (Array.isArray(data)) sequence(w, data, 0);
  else mapping(w, data, 0);
  w.lineBreak();
  return w.out;
}
