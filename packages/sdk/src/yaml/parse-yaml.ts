import { ConfigError } from '../errors.ts';
import { parseFlow } from './flow.ts';
import { contentEnd, decodeEscape, resolvePlainScalar, setKey, type Json } from './scalars.ts';

/**
 * A small YAML reader for clouds.yaml and secure.yaml, so the SDK needs no YAML dependency.
 *
 * Supported: block mappings and sequences (including "indentless" sequences under a key and compact `- key: v`
 * items), flow collections `[…]` / `{…}` (also across lines), plain / single- / double-quoted scalars (with escapes
 * and line folding), literal `|` and folded `>` block scalars with chomping and indentation indicators, comments,
 * `---` / `...` markers around one document, anchors `&a`, aliases `*a` and `<<` merge keys.
 * Scalars resolve as YAML 1.2's core schema, plus PyYAML's `yes/no/on/off` booleans (openstacksdk reads clouds.yaml
 * with PyYAML). Everything else — tags, `?` complex keys, directives, several documents, tabs as indentation,
 * duplicate keys — is rejected with a {@link ConfigError} that names the line and column.
 */

/**
 * Options for {@link parseYaml}.
 *
 * @example
 * ```ts
 * parseYaml(text, { filename: '/etc/xloud/clouds.yaml' });
 * ```
 */
export interface ParseYamlOptions {
  /** Named in error messages. */
  filename?: string;
}

interface Line {
  raw: string;
  /** Column where the content starts (moves right when a `- ` or `key:` prefix has been consumed). */
  col: number;
  /** Column where the content ends (comment and trailing blanks removed). */
  end: number;
  comment: boolean;
  tabIndent: boolean;
}

class YamlParser {
  private readonly lines: Line[];
  private idx = 0;
  private readonly anchors = new Map<string, Json>();

  constructor(
    text: string,
    private readonly filename: string | undefined,
  ) {
    const physical = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    // A final line break ends the last line; it does not start an empty one.
    if (physical.length > 1 && physical[physical.length - 1] === '') physical.pop();
    this.lines = physical
      .map((raw) => {
        const lead = /^[ \t]*/.exec(raw)![0];
        const col = lead.length;
        const end = contentEnd(raw, col);
        return { raw, col, end, comment: raw[col] === '#', tabIndent: lead.includes('\t') && end > col };
      });
  }

  fail(message: string, lineIndex = this.idx, column?: number): never {
    const line = Math.min(lineIndex, this.lines.length - 1);
    const col = (column ?? this.lines[line]?.col ?? 0) + 1;
    const where = `${this.filename ?? 'YAML'}: line ${line + 1}, column ${col}`;
    throw new ConfigError(`${where}: ${message}`, { file: this.filename, line: line + 1, column: col });
  }

  private text(line: Line): string {
    return line.raw.slice(line.col, line.end);
  }

  private isDocMarker(line: Line): boolean {
    if (line.col !== 0) return false;
    const t = this.text(line);
    return t === '---' || t.startsWith('--- ') || t === '...' || t.startsWith('... ');
  }

  /** The next line with content, skipping blanks and comments; undefined at the end of the document. */
  private peek(): Line | undefined {
    while (this.idx < this.lines.length) {
      const line = this.lines[this.idx]!;
      if (line.col < line.end) {
        if (this.isDocMarker(line)) return undefined;
        if (line.tabIndent) this.fail('tab characters are not allowed for indentation; use spaces');
        return line;
      }
      this.idx++;
    }
    return undefined;
  }

  parseDocument(): Json {
    let line = this.skipToContent();
    if (line && this.text(line).startsWith('%')) this.fail('directives (%YAML, %TAG) are not supported');
    if (line && line.col === 0 && /^---(\s|$)/.test(this.text(line))) {
      const rest = this.text(line).slice(3).trimStart();
      if (rest) line.col = line.end - rest.length;
      else this.idx++;
    }
    const value = this.peek() ? this.parseNode(-1, { indentless: false, afterKey: false }) : null;
    line = this.skipToContent();
    if (line && line.col === 0 && /^\.\.\.(\s|$)/.test(this.text(line))) {
      this.idx++;
      line = this.skipToContent();
    }
    if (line) {
      if (this.isDocMarker(line)) this.fail('several YAML documents in one file are not supported');
      this.fail(`unexpected content (check the indentation): ${JSON.stringify(this.text(line))}`);
    }
    return value;
  }

  private skipToContent(): Line | undefined {
    while (this.idx < this.lines.length && this.lines[this.idx]!.col >= this.lines[this.idx]!.end) this.idx++;
    return this.lines[this.idx];
  }

  private static isSeqItem(text: string): boolean {
    return text === '-' || text.startsWith('- ') || text.startsWith('-\t');
  }

  /** Index of the `:` that ends a mapping key on this line, or -1. */
  private mappingColon(text: string): number {
    if (text.startsWith('"') || text.startsWith("'")) {
      const q = text[0]!;
      let i = 1;
      for (; i < text.length; i++) {
        if (q === '"' && text[i] === '\\') i++;
        else if (text[i] === q) {
          if (q === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
      let j = i + 1;
      while (text[j] === ' ') j++;
      return text[j] === ':' && (j + 1 === text.length || /\s/.test(text[j + 1]!)) ? j : -1;
    }
    if (text.startsWith('[') || text.startsWith('{')) return -1;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === ':' && (i + 1 === text.length || /\s/.test(text[i + 1]!))) return i;
    }
    return -1;
  }

  private parseNode(parentIndent: number, ctx: { indentless: boolean; afterKey: boolean }): Json {
    const line = this.peek();
    if (!line) return null;
    let text = this.text(line);
    const seqHere = YamlParser.isSeqItem(text);
    if (line.col <= parentIndent && !(ctx.indentless && seqHere && line.col === parentIndent)) return null;
    if (ctx.afterKey && line.col > parentIndent && this.idx === this.keyLine) {
      if (seqHere) this.fail('a sequence cannot start on the same line as its key; put "- item" on the next line', this.idx, line.col);
      if (this.mappingColon(text) >= 0 && !/^["'[{&*!|>]/.test(text)) {
        this.fail('mapping values are not allowed here (quote the value if it contains ": ")', this.idx, line.col);
      }
    }
    if (text.startsWith('&')) {
      const m = /^&([^\s,[\]{}]+)[ \t]*/.exec(text);
      if (!m) this.fail('invalid anchor', this.idx, line.col);
      const rest = text.slice(m[0].length);
      if (rest && this.mappingColon(rest) >= 0 && !/^["'[{]/.test(rest)) {
        this.fail('anchors on mapping keys are not supported; put the anchor after the colon', this.idx, line.col);
      }
      if (rest) line.col += m[0].length;
      else this.idx++;
      const value = this.parseNode(parentIndent, { ...ctx, afterKey: false });
      this.anchors.set(m[1]!, value);
      return value;
    }
    text = this.text(line);
    if (text.startsWith('!')) this.fail('tags (!, !!str, …) are not supported', this.idx, line.col);
    if (text === '?' || text.startsWith('? ')) this.fail('complex mapping keys ("? ") are not supported', this.idx, line.col);
    if (YamlParser.isSeqItem(text)) return this.parseSequence(line.col);
    if (/^[|>]/.test(text)) return this.parseBlockScalar(line, parentIndent);
    if (this.mappingColon(text) >= 0) return this.parseMapping(line.col);
    return this.parseInline(line, parentIndent);
  }

  /** Line index of the most recent `key:` whose value is being parsed on that same line. */
  private keyLine = -1;

  private parseSequence(indent: number): Json[] {
    const items: Json[] = [];
    for (let line = this.peek(); line && line.col === indent; line = this.peek()) {
      const text = this.text(line);
      if (!YamlParser.isSeqItem(text)) break;
      const rest = text.slice(1).trimStart();
      if (rest) line.col = line.end - rest.length;
      else this.idx++;
      items.push(this.parseNode(indent, { indentless: false, afterKey: false }));
    }
    const next = this.peek();
    if (next && next.col > indent) this.fail('unexpected indentation inside a sequence');
    return items;
  }

  private parseMapping(indent: number): Record<string, Json> {
    const map: Record<string, Json> = {};
    const explicit = new Set<string>();
    for (let line = this.peek(); line && line.col === indent; line = this.peek()) {
      const text = this.text(line);
      if (YamlParser.isSeqItem(text)) this.fail('a sequence item is not allowed here (a mapping was expected)');
      if (text === '?' || text.startsWith('? ')) this.fail('complex mapping keys ("? ") are not supported');
      const colon = this.mappingColon(text);
      if (colon < 0) this.fail(`expected "key: value", found ${JSON.stringify(text)}`);
      const key = this.parseKey(text.slice(0, colon).trimEnd(), line);
      if (explicit.has(key)) this.fail(`duplicate key ${JSON.stringify(key)}`);
      explicit.add(key);
      const rest = text.slice(colon + 1).trimStart();
      let value: Json;
      if (rest) {
        line.col = line.end - rest.length;
        this.keyLine = this.idx;
        value = this.parseNode(indent, { indentless: true, afterKey: true });
      } else {
        this.idx++;
        value = this.parseNode(indent, { indentless: true, afterKey: false });
      }
      if (key === '<<') this.merge(map, value);
      else setKey(map, key, value);
    }
    const next = this.peek();
    if (next && next.col > indent) this.fail('unexpected indentation inside a mapping');
    return map;
  }

  /** `<<: *a` or `<<: [*a, *b]`: keys already present (and earlier sources) win. */
  private merge(map: Record<string, Json>, value: Json): void {
    for (const source of Array.isArray(value) ? value : [value]) {
      if (source === null || typeof source !== 'object' || Array.isArray(source)) this.fail('a "<<" merge needs a mapping or a list of mappings', this.idx - 1);
      for (const [k, v] of Object.entries(source)) if (!Object.hasOwn(map, k)) setKey(map, k, v);
    }
  }

  private parseKey(keyText: string, line: Line): string {
    if (keyText.startsWith('"') || keyText.startsWith("'")) {
      const parsed = this.parseFlowText(keyText, line.col);
      return String(parsed);
    }
    if (/^[&*!]/.test(keyText)) this.fail('anchors, aliases and tags on mapping keys are not supported');
    if (/^[[{]/.test(keyText)) this.fail('flow collections as mapping keys are not supported');
    if (keyText === '') this.fail('empty mapping key');
    return keyText;
  }

  private parseBlockScalar(line: Line, parentIndent: number): string {
    const header = this.text(line);
    const m = /^([|>])([+-]?)([1-9]?)([+-]?)$/.exec(header);
    if (!m || (m[2] && m[4])) this.fail(`invalid block scalar header ${JSON.stringify(header)}`, this.idx, line.col);
    const folded = m[1] === '>';
    const chomp = m[2] || m[4] || '';
    const base = Math.max(parentIndent, 0);
    let indent = m[3] ? (parentIndent < 0 ? 0 : base) + Number(m[3]) : -1;
    this.idx++;
    const body: string[] = [];
    let i = this.idx;
    for (; i < this.lines.length; i++) {
      const raw = this.lines[i]!.raw;
      const lead = /^ */.exec(raw)![0].length;
      if (/^ *$/.test(raw) && (indent < 0 || raw.length <= indent)) {
        body.push('');
        continue;
      }
      if (indent < 0) {
        if (lead <= parentIndent) break;
        indent = lead;
      }
      if (lead < indent) break;
      if (lead === 0 && /^(---|\.\.\.)(\s|$)/.test(raw)) break;
      body.push(raw.slice(indent));
    }
    this.idx = i;
    let trailing = 0;
    while (body.length > 0 && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    let out = '';
    let empty = 0;
    let moreIndented = false;
    let read = false;
    for (const l of body) {
      if (l === '') {
        empty++;
        continue;
      }
      if (!folded) out += '\n'.repeat(read ? 1 + empty : empty);
      else if (/^[ \t]/.test(l)) {
        moreIndented = true;
        out += '\n'.repeat(read ? 1 + empty : empty);
      } else if (moreIndented) {
        moreIndented = false;
        out += '\n'.repeat(empty + 1);
      } else if (empty === 0) {
        if (read) out += ' ';
      } else {
        out += '\n'.repeat(empty);
      }
      out += l;
      read = true;
      empty = 0;
    }
    if (chomp === '+') out += '\n'.repeat(read ? 1 + empty + trailing : empty + trailing);
    else if (chomp === '' && read) out += '\n';
    return out;
  }

  /** A scalar, flow collection or alias starting at `line.col`, possibly continued on following lines. */
  private parseInline(line: Line, parentIndent: number): Json {
    const text = this.text(line);
    const first = text[0]!;
    if (first === '*') {
      const m = /^\*([^\s,[\]{}]+)$/.exec(text);
      if (!m) this.fail('invalid alias', this.idx, line.col);
      if (!this.anchors.has(m[1]!)) this.fail(`unknown alias *${m[1]}`, this.idx, line.col);
      this.idx++;
      return this.anchors.get(m[1]!)!;
    }
    if (first === '"' || first === "'") return this.parseMultilineQuoted(line);
    if (first === '[' || first === '{') return this.parseMultilineFlow(line);
    if (/^[%@`]/.test(first)) this.fail(`a plain value cannot start with "${first}"; quote it`, this.idx, line.col);
    if (/^-(\s|$)/.test(text)) this.fail('unexpected "- "', this.idx, line.col);
    // A plain scalar, folded over more-indented continuation lines.
    let value = text;
    this.idx++;
    let blanks = 0;
    for (let i = this.idx; i < this.lines.length; i++) {
      const l = this.lines[i]!;
      if (l.raw.trim() === '') {
        blanks++;
        continue;
      }
      if (l.comment || l.col <= parentIndent || this.isDocMarker(l)) break;
      const t = this.text(l);
      if (l.tabIndent) this.fail('tab characters are not allowed for indentation; use spaces', i);
      if (this.mappingColon(t) >= 0 || YamlParser.isSeqItem(t)) this.fail('unexpected "key: value" or "- item" inside a multi-line value', i);
      value += blanks > 0 ? '\n'.repeat(blanks) : ' ';
      value += t;
      blanks = 0;
      this.idx = i + 1;
    }
    return value === text ? resolvePlainScalar(text) : value;
  }

  private parseMultilineQuoted(line: Line): string {
    const q = line.raw[line.col]!;
    let li = this.idx;
    let i = line.col + 1;
    let out = '';
    let keep = 0; // length of `out` that trailing-blank trimming must not cut (escaped characters)
    for (;;) {
      const raw = this.lines[li]!.raw;
      let joined = false;
      while (i < raw.length) {
        const c = raw[i]!;
        if (c === q) {
          if (q === "'" && raw[i + 1] === "'") {
            out += "'";
            i += 2;
            continue;
          }
          const after = raw.slice(i + 1);
          if (!/^\s*(#.*)?$/.test(after)) this.fail(`unexpected text after a quoted value: ${JSON.stringify(after.trim())}`, li, i + 1);
          this.idx = li + 1;
          return out;
        }
        if (q === '"' && c === '\\') {
          if (i + 1 >= raw.length) {
            joined = true;
            break;
          }
          const [ch, used] = decodeEscape(raw, i) ?? this.fail(`invalid escape "\\${raw[i + 1]}"`, li, i);
          out += ch;
          i += used;
          keep = out.length;
          continue;
        }
        out += c;
        i++;
      }
      if (joined) {
        // An escaped line break joins the lines without a space.
        li++;
        if (li >= this.lines.length) break;
        i = /^\s*/.exec(this.lines[li]!.raw)![0].length;
        keep = out.length;
        continue;
      }
      if (li >= this.lines.length || i < raw.length) break;
      out = out.slice(0, keep) + out.slice(keep).replace(/[ \t]+$/, '');
      li++;
      let blanks = 0;
      while (li < this.lines.length && this.lines[li]!.raw.trim() === '') {
        blanks++;
        li++;
      }
      if (li >= this.lines.length) break;
      out += blanks > 0 ? '\n'.repeat(blanks) : ' ';
      keep = out.length;
      i = /^\s*/.exec(this.lines[li]!.raw)![0].length;
    }
    return this.fail('unterminated quoted value', this.idx, line.col);
  }

  /** A flow collection that may continue over several lines: gather until the brackets balance. */
  private parseMultilineFlow(line: Line): Json {
    const startLine = this.idx;
    let text = '';
    let depth = 0;
    let quote: string | null = null;
    let li = this.idx;
    let from = line.col;
    for (; li < this.lines.length; li++) {
      const raw = this.lines[li]!.raw;
      const end = quote ? raw.length : contentEnd(raw, from);
      const part = raw.slice(from, end);
      for (let k = 0; k < part.length; k++) {
        const c = part[k]!;
        const prev = k > 0 ? part[k - 1]! : ' ';
        if (quote) {
          if (quote === '"' && c === '\\') k++;
          else if (c === quote) {
            if (quote === "'" && part[k + 1] === "'") k++;
            else quote = null;
          }
        } else if ((c === '"' || c === "'") && /[\s[{,:]/.test(prev)) quote = c;
        else if (c === '[' || c === '{') depth++;
        else if (c === ']' || c === '}') depth--;
      }
      text += (li > this.idx ? '\n' : '') + part.trim();
      if (depth <= 0 && !quote) break;
      from = 0;
    }
    if (depth > 0 || quote) this.fail('unterminated flow collection', startLine, line.col);
    this.idx = li + 1;
    return this.parseFlowText(text, line.col, startLine);
  }

  private parseFlowText(text: string, column: number, lineIndex = this.idx): Json {
    return parseFlow(text, { anchors: this.anchors, fail: (message, offset) => this.fail(message, lineIndex, column + offset) });
  }

}

/**
 * Parses the YAML subset used by clouds.yaml / secure.yaml into plain JSON values.
 *
 * @throws {ConfigError} `ERR_CONFIG` with `file`, `line` and `column` for syntax errors and unsupported features.
 * @example
 * ```ts
 * const doc = parseYaml('clouds:\n  dev:\n    auth:\n      auth_url: http://127.0.0.1:5000/v3\n', { filename: 'clouds.yaml' });
 * // { clouds: { dev: { auth: { auth_url: 'http://127.0.0.1:5000/v3' } } } }
 * ```
 */
export function parseYaml(text: string, options: ParseYamlOptions = {}): unknown {
  return new YamlParser(text, options.filename).parseDocument();
}
