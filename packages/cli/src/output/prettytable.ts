/**
 * Hand-written on purpose: npm table libraries (cli-table3 and the like) frame, pad and wrap differently from
 * prettytable. Checked against prettytable through cliff by test/output.test.ts (test/helpers/cliff_oracle.py).
 *
 * A port of the parts of Python's prettytable (3.x) that cliff uses: a bordered table with `+---+` frame rules, one
 * space of padding, per-column alignment, multi-line cells and per-column maximum widths that wrap text like
 * Python's `textwrap.fill`. Output is byte-identical to `openstack … -f table` for the same cells.
 */

export type Align = 'l' | 'r' | 'c';

/**
 * Display width of one line as wcwidth's `wcswidth`: East Asian wide characters count 2, combining marks 0, and a
 * control character (a tab, say) makes the whole line -1, which prettytable then pads as Python does.
 */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0) continue;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return -1;
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    if (isWide(c)) w += 2;
    else w += 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

function blockSize(text: string): { width: number; height: number } {
  const lines = text.split('\n');
  return { width: Math.max(...lines.map(displayWidth)), height: lines.length };
}

function justify(text: string, width: number, align: Align): string {
  const excess = width - displayWidth(text);
  if (excess <= 0) return text;
  if (align === 'l') return text + ' '.repeat(excess);
  if (align === 'r') return ' '.repeat(excess) + text;
  const half = Math.floor(excess / 2);
  if (excess % 2) {
    return displayWidth(text) % 2
      ? ' '.repeat(half) + text + ' '.repeat(half + 1)
      : ' '.repeat(half + 1) + text + ' '.repeat(half);
  }
  return ' '.repeat(half) + text + ' '.repeat(half);
}

/** Python `textwrap.fill(text, width)` with its defaults (break long words, break on hyphens, drop whitespace). */
export function textwrapFill(text: string, width: number): string {
  const normalized = text.replace(/\t/g, '        ').replace(/[\t\n\v\f\r ]/g, ' ');
  const chunks: string[] = [];
  for (const piece of normalized.split(/( +)/)) {
    if (!piece) continue;
    if (piece.startsWith(' ')) {
      chunks.push(piece);
      continue;
    }
    // break after hyphens that sit between word characters, as textwrap's wordsep_re does
    chunks.push(...piece.split(/(?<=[A-Za-z0-9]-)(?=[A-Za-z0-9])/));
  }
  const reversed = chunks.reverse();
  const lines: string[] = [];
  while (reversed.length) {
    const cur: string[] = [];
    let curLen = 0;
    if (lines.length && reversed[reversed.length - 1].trim() === '') reversed.pop();
    while (reversed.length) {
      const l = reversed[reversed.length - 1].length;
      if (curLen + l <= width) {
        cur.push(reversed.pop()!);
        curLen += l;
      } else break;
    }
    if (reversed.length && reversed[reversed.length - 1].length > width) {
      const spaceLeft = width < 1 ? 1 : width - curLen;
      const chunk = reversed[reversed.length - 1];
      let end = spaceLeft;
      if (chunk.length > spaceLeft) {
        const hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
        if (hyphen > 0 && /[^-]/.test(chunk.slice(0, hyphen))) end = hyphen + 1;
      }
      cur.push(chunk.slice(0, end));
      reversed[reversed.length - 1] = chunk.slice(end);
      curLen = cur.reduce((n, c) => n + c.length, 0);
    }
    if (cur.length && cur[cur.length - 1].trim() === '') {
      curLen -= cur[cur.length - 1].length;
      cur.pop();
    }
    if (cur.length) lines.push(cur.join(''));
    else if (!reversed.length) break;
  }
  return lines.join('\n');
}

export interface TableOptions {
  /** Alignment per column index; default left. */
  align?: Align[];
  /** Maximum width per column index (wraps longer text). */
  maxWidth?: Record<number, number>;
}

/** Natural widths (header and every cell line) of each column, before any maximum applies. */
export function naturalWidths(fieldNames: string[], rows: string[][]): number[] {
  const widths = fieldNames.map((f) => blockSize(f).width);
  for (const row of rows) for (const [i, v] of row.entries()) widths[i] = Math.max(widths[i], blockSize(v).width);
  return widths;
}

/** Renders a framed table exactly as prettytable's `get_string()` does (empty string when there are no rows). */
export function renderTable(fieldNames: string[], rows: string[][], opts: TableOptions = {}): string {
  if (rows.length === 0) return '';
  const align = fieldNames.map((_, i) => opts.align?.[i] ?? 'l');
  const maxWidth = opts.maxWidth ?? {};
  const widths = fieldNames.map((f) => blockSize(f).width);
  for (const row of rows) {
    row.forEach((v, i) => {
      const w = blockSize(v).width;
      widths[i] = Math.max(widths[i], i in maxWidth ? Math.min(w, maxWidth[i]) : w);
    });
  }
  const hrule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const lines: string[] = [hrule];
  const header = fieldNames.map((f, i) => {
    let name = f;
    if (displayWidth(name) > widths[i]) name = name.slice(0, widths[i]);
    return ` ${justify(name, widths[i], align[i])} `;
  });
  lines.push(`|${header.join('|')}|`, hrule);
  for (const row of rows) {
    const cells = row.map((v, i) =>
      v
        .split('\n')
        .map((line) => (displayWidth(line) > widths[i] ? textwrapFill(line, widths[i]) : line))
        .join('\n')
        .split('\n'),
    );
    const height = Math.max(...cells.map((c) => c.length));
    for (let y = 0; y < height; y++) {
      lines.push(`|${cells.map((c, i) => ` ${justify(c[y] ?? '', widths[i], align[i])} `).join('|')}|`);
    }
  }
  lines.push(hrule);
  return lines.join('\n');
}
