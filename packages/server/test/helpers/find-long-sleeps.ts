/**
 * Finds the real sleeps in test sources that could make a suite slow or flaky: `setTimeout(resolve, N)` (a timer
 * whose callback only resolves), `setTimeout(N)` (node:timers/promises), and calls of `sleep`/`delay` or of any
 * helper that wraps such a timer, with N above the limit. A delay that is not a number literal is reported too,
 * unless a `real-time: <why>` comment on its line or just above says why real time is needed there.
 * Timers that do something else (`setTimeout(() => child.kill(), 45_000)`) are deadlines, not sleeps: left alone.
 */

export interface LongSleep {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Milliseconds a test may sleep for real: enough to pace a poll, too little to wait for time to pass. */
export const SLEEP_LIMIT_MS = 100;

const ALLOW = /real-time:\s*\S/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** `() => resolve()`: a callback that only resolves, i.e. still a sleep. */
const BARE_CALL = /^\(\s*\)\s*=>\s*[A-Za-z_$][\w$]*\(\s*\)$/;
/** Arithmetic on number literals only (`2 * 1000`, `1_500`), safe to evaluate. */
const LITERAL_ARITHMETIC = /^[\d_.\s*+\-/()]+$/;

/** The arguments of the call whose `(` is at `open`, split at top-level commas (strings and nesting skipped). */
function callArguments(source: string, open: number): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if ('([{'.includes(c)) depth += 1;
    else if (')]}'.includes(c)) {
      depth -= 1;
      if (depth === 0) {
        args.push(source.slice(start, i).trim());
        return args.filter((a, n) => a !== '' || n === 0);
      }
    } else if (c === ',' && depth === 1) {
      args.push(source.slice(start, i).trim());
      start = i + 1;
    }
  }
  return undefined;
}

function literalMs(expression: string): number | undefined {
  if (!LITERAL_ARITHMETIC.test(expression)) return undefined;
  const value = Number(new Function(`return (${expression.replaceAll('_', '')});`)());
  return Number.isFinite(value) ? value : undefined;
}

/** The delay of a sleep at `open`, or undefined when the call there is not a sleep. */
function sleepDelay(name: string, args: string[]): string | undefined {
  if (name !== 'setTimeout') return args[0];
  if (args.length === 1) return args[0];
  const callback = args[0]!;
  return IDENTIFIER.test(callback) || BARE_CALL.test(callback) ? args[1] : undefined;
}

/** `const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))`: its delay is its parameter. */
function wrapperName(lineText: string, delay: string): string | undefined {
  if (!IDENTIFIER.test(delay)) return undefined;
  const parameter = new RegExp(`\\(\\s*${delay}\\s*[:),]`);
  if (!parameter.test(lineText)) return undefined;
  return /(?:const|let|function)\s+([A-Za-z_$][\w$]*)|([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s*)?\(/
    .exec(lineText)
    ?.slice(1)
    .find(Boolean);
}

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Real sleeps above the limit in the given sources (path → text). */
export function findLongSleeps(files: ReadonlyMap<string, string>, limitMs = SLEEP_LIMIT_MS): LongSleep[] {
  const names = new Set(['setTimeout', 'sleep', 'delay']);
  const found: LongSleep[] = [];
  // Twice: the first pass learns the names of the sleep helpers (wherever defined), the second judges their calls.
  for (const pass of ['learn', 'judge'] as const) {
    for (const [file, source] of files) {
      const lines = source.split('\n');
      const call = new RegExp(`(?<![\\w$])(${[...names].join('|')})\\s*\\(`, 'g');
      for (const match of source.matchAll(call)) {
        const name = match[1]!;
        const open = match.index + match[0].length - 1;
        const line = lineAt(source, match.index);
        const lineText = lines[line - 1]!;
        const before = lineText.slice(0, lineText.indexOf(name));
        if (before.includes('//') || /^\s*\*/.test(lineText) || /function\s+$/.test(before)) continue;
        const args = callArguments(source, open);
        const delay = args && sleepDelay(name, args);
        if (delay === undefined) continue;
        const allowed = lines.slice(Math.max(0, line - 4), line).some((text) => ALLOW.test(text));
        const wrapper = wrapperName(lineText, delay);
        if (wrapper !== undefined) {
          // A helper that sleeps for its caller: its calls are judged, unless it declares itself real-time.
          if (!allowed) names.add(wrapper);
          continue;
        }
        if (pass === 'learn' || allowed) continue;
        const ms = literalMs(delay);
        if (ms !== undefined && ms <= limitMs) continue;
        found.push({
          file,
          line,
          text: lineText.trim(),
          why:
            ms === undefined
              ? `computed delay \`${delay}\` without a "real-time: <why>" comment`
              : `${ms} ms > ${limitMs} ms`,
        });
      }
    }
  }
  return found;
}
