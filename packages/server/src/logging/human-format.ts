import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARNING',
  50: 'ERROR',
  60: 'CRITICAL',
};
/** Fields every line already shows in its fixed part, or that only add noise on a terminal. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'v']);

/**
 * One pino JSON line as a person reads it on a terminal, in oslo.log's order:
 * `2026-12-03 07:40:01.123 INFO [req-…] message key=value …`.
 */
export function humanLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now())
    .toISOString()
    .replace('T', ' ')
    .slice(0, 23);
  const level = LEVELS[Number(entry.level)] ?? String(entry.level);
  const request = typeof entry.reqId === 'string' ? ` [${entry.reqId}]` : '';
  const fields = Object.entries(entry)
    .filter(([key]) => !SHOWN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${time} ${level}${request} ${String(entry.msg ?? '')}${fields ? ` ${fields}` : ''}\n`;
}

/** A stream that turns pino's JSON lines into human lines before writing them to `out`. */
export function humanStream(out: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      pending += chunk.toString();
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        out.write(humanLine(pending.slice(0, newline)));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      done();
    },
  });
}
