import { decodeEscape, fold, resolvePlainScalar, setKey, type Json } from './scalars.ts';

/** What the flow parser needs from the document parser. */
export interface FlowContext {
  anchors: Map<string, Json>;
  /** Throws a located error; `offset` is the position in the flow text. */
  fail(message: string, offset: number): never;
}

/**
 * Parses one complete flow value (a `[…]` / `{…}` collection or a scalar) from `text`, which may contain raw line
 * breaks (`\n`) where the collection spanned lines; they fold as YAML says.
 */
export function parseFlow(text: string, ctx: FlowContext): Json {
  let p = 0;
  const fail = (msg: string): never => ctx.fail(msg, p);
  const ws = () => {
    while (p < text.length && /\s/.test(text[p]!)) p++;
  };
  const value = (): Json => {
    ws();
    const c = text[p];
    if (c === undefined) return null;
    if (c === '[') {
      p++;
      const out: Json[] = [];
      for (;;) {
        ws();
        if (text[p] === ']') {
          p++;
          return out;
        }
        const item = value();
        ws();
        if (text[p] === ':') {
          p++;
          const pair: Record<string, Json> = {};
          setKey(pair, String(item), value());
          out.push(pair);
          ws();
        } else out.push(item);
        if (text[p] === ',') p++;
        else if (text[p] !== ']') fail('expected "," or "]" in a flow sequence');
      }
    }
    if (c === '{') {
      p++;
      const out: Record<string, Json> = {};
      for (;;) {
        ws();
        if (text[p] === '}') {
          p++;
          return out;
        }
        const key = value();
        ws();
        let v: Json = null;
        if (text[p] === ':') {
          p++;
          ws();
          v = text[p] === ',' || text[p] === '}' ? null : value();
          ws();
        }
        const k = key === null ? '' : String(key);
        if (Object.hasOwn(out, k)) fail(`duplicate key ${JSON.stringify(k)}`);
        setKey(out, k, v);
        if (text[p] === ',') p++;
        else if (text[p] !== '}') fail('expected "," or "}" in a flow mapping');
      }
    }
    if (c === '"' || c === "'") {
      let s = '';
      let keep = 0;
      p++;
      for (;;) {
        if (p >= text.length) fail('unterminated quoted value');
        const ch = text[p]!;
        if (ch === c) {
          if (c === "'" && text[p + 1] === "'") {
            s += "'";
            p += 2;
            continue;
          }
          p++;
          return s;
        }
        if (c === '"' && ch === '\\' && text[p + 1] === '\n') {
          // An escaped line break joins the lines without a space.
          p += 2;
          while (p < text.length && /[ \t]/.test(text[p]!)) p++;
          keep = s.length;
          continue;
        }
        if (c === '"' && ch === '\\') {
          const [e, used] = decodeEscape(text, p) ?? fail(`invalid escape "\\${text[p + 1]}"`);
          s += e;
          p += used;
          keep = s.length;
          continue;
        }
        if (ch === '\n') {
          // A raw line break folds: one is a space, n+1 are n newlines; blanks around it go.
          s = s.slice(0, keep) + s.slice(keep).replace(/[ \t]+$/, '');
          let breaks = 0;
          while (p < text.length && /[ \t\n]/.test(text[p]!)) {
            if (text[p] === '\n') breaks++;
            p++;
          }
          s += breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
          keep = s.length;
          continue;
        }
        s += ch;
        p++;
      }
    }
    if (c === '*') {
      const m = /^\*([^\s,[\]{}]+)/.exec(text.slice(p));
      if (!m || !ctx.anchors.has(m[1]!)) fail(`unknown alias ${m?.[0] ?? '*'}`);
      p += m![0].length;
      return ctx.anchors.get(m![1]!)!;
    }
    if (c === '&') {
      const m = /^&([^\s,[\]{}]+)/.exec(text.slice(p))!;
      p += m[0].length;
      const v = value();
      ctx.anchors.set(m[1]!, v);
      return v;
    }
    if (c === '!') fail('tags (!, !!str, …) are not supported');
    const start = p;
    while (p < text.length) {
      const ch = text[p]!;
      if (',[]{}'.includes(ch)) break;
      if (ch === ':' && (p + 1 >= text.length || /[\s,[\]{}]/.test(text[p + 1]!))) break;
      p++;
    }
    const plain = text.slice(start, p).trim();
    return plain.includes('\n') ? fold(plain) : resolvePlainScalar(plain);
  };
  const result = value();
  ws();
  if (p < text.length) fail(`unexpected text ${JSON.stringify(text.slice(p))}`);
  return result;
}
