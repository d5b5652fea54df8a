/**
 * Hand-written on purpose: no npm library prints cliff's bytes. Checked against cliff itself by
 * test/output.test.ts (every case also rendered by test/helpers/cliff_oracle.py with Debian's python3-cliff).
 *
 * cliff's output formatters (`-f table|json|yaml|value|shell|csv`), column selection (`-c`), sorting
 * (`--sort-column`, `--sort-ascending|--sort-descending`) and table fitting (`--max-width`, `--fit-width`), with the
 * same bytes `openstack` prints for the same data.
 */
import { naturalWidths, renderTable, type Align } from './prettytable.ts';
import { pyJson, pyStr } from './pyrepr.ts';
import { safeDump } from './pyyaml.ts';

/** A value with a human (table) and a machine (json/yaml/value) rendering, like cliff's FormattableColumn. */
export class Formattable {
  constructor(
    readonly value: unknown,
    private readonly humanFn?: (v: unknown) => string,
  ) {}
  human(): string {
    return this.humanFn ? this.humanFn(this.value) : pyStr(this.value);
  }
  machine(): unknown {
    return this.value;
  }
}

export const SHOW_FORMATS = ['json', 'shell', 'table', 'value', 'yaml'] as const;
export const LIST_FORMATS = ['csv', 'json', 'table', 'value', 'yaml'] as const;
export const QUOTE_MODES = ['all', 'minimal', 'none', 'nonnumeric'] as const;

export interface FormatOptions {
  format: string;
  columns: string[];
  noindent?: boolean;
  prefix?: string;
  variables?: string[];
  maxWidth?: number;
  fitWidth?: boolean;
  printEmpty?: boolean;
  quote?: string;
  sortColumns?: string[];
  sortDirection?: 'asc' | 'desc';
}

export interface Output {
  write(s: string): void;
  /** Terminal width when writing to a terminal. */
  columns?: number;
  isTTY?: boolean;
}

/** Raised for a `-c` that names no column; rendered as a one-line error by the caller. */
export class ColumnError extends Error {}

const machine = (v: unknown): unknown => (v instanceof Formattable ? v.machine() : v);

function select(columns: string[], wanted: string[]): { names: string[]; keep: boolean[] | undefined } {
  if (!wanted.length) return { names: columns, keep: undefined };
  const names = columns.filter((c) => wanted.includes(c));
  if (!names.length) {
    throw new ColumnError(`No recognized column names in ${pyStr(wanted)}. Recognized columns are ${pyStr(columns)}.`);
  }
  return { names, keep: columns.map((c) => wanted.includes(c)) };
}

/** Prints one object (a ShowOne command's result). */
export function emitOne(columns: string[], values: unknown[], opts: FormatOptions, out: Output): void {
  const { names, keep } = select(columns, opts.columns);
  const data = keep ? values.filter((_, i) => keep[i]) : values;
  switch (opts.format) {
    case 'json': {
      const one: Record<string, unknown> = {};
      for (const [i, n] of names.entries()) one[n] = machine(data[i]);
      out.write(`${pyJson(one, opts.noindent ? null : 2)}\n`);
      return;
    }
    case 'yaml':
      for (const [i, n] of names.entries()) out.write(dumpYaml({ [n]: machine(data[i]) }));
      return;
    case 'value':
      for (const v of data) out.write(`${pyStr(machine(v))}\n`);
      return;
    case 'shell': {
      const wanted = opts.variables ?? [];
      names.forEach((n, i) => {
        let name = n.toLowerCase().replace(/ /g, '_');
        if (wanted.length && !wanted.includes(name)) return;
        name = name.replace(/[:-]/g, '_');
        const value = pyStr(machine(data[i])).replace(/"/g, '\\"');
        out.write(`${opts.prefix ?? ''}${name}="${value}"\n`);
      });
      return;
    }
    default: {
      const rows = names.map((n, i) => [cellText(n), cellText(data[i])]);
      const widths = naturalWidths(['Field', 'Value'], rows);
      const maxWidth = fitWidths(widths, opts, out, 16);
      out.write(`${renderTable(['Field', 'Value'], rows, { align: ['l', 'l'], maxWidth })}\n`);
    }
  }
}

/** Prints rows (a Lister command's result). */
export function emitList(columns: string[], rows: unknown[][], opts: FormatOptions, out: Output): void {
  let data = rows;
  if (opts.sortColumns?.length) data = sortRows(columns, data, opts.sortColumns, opts.sortDirection === 'desc');
  const { names, keep } = select(columns, opts.columns);
  if (keep) data = data.map((r) => r.filter((_, i) => keep[i]));
  switch (opts.format) {
    case 'json': {
      const items = data.map((r) => Object.fromEntries(names.map((n, i) => [n, machine(r[i])])));
      out.write(`${pyJson(items, opts.noindent ? null : 2)}\n`);
      return;
    }
    case 'yaml': {
      const items = data.map((r) => Object.fromEntries(names.map((n, i) => [n, machine(r[i])])));
      out.write(dumpYaml(items));
      return;
    }
    case 'value':
      for (const r of data) out.write(`${r.map((c) => pyStr(machine(c))).join(' ')}\n`);
      return;
    case 'csv': {
      const mode = opts.quote ?? 'nonnumeric';
      out.write(`${names.map((n) => csvField(n, mode)).join(',')}\n`);
      for (const r of data) out.write(`${r.map((c) => csvField(machine(c), mode)).join(',')}\n`);
      return;
    }
    default: {
      const cells = data.map((r) => r.map(cellText));
      let align: Align[] = names.map(() => 'c');
      if (data.length) align = data[0].map((v) => (typeof v === 'number' ? 'r' : 'l'));
      if (!data.length && !opts.printEmpty) {
        out.write('\n');
        return;
      }
      const widths = naturalWidths(names, cells);
      const maxWidth = fitWidths(widths, opts, out, 8);
      const text = data.length ? renderTable(names, cells, { align, maxWidth }) : emptyTable(names, widths);
      out.write(`${text}\n`);
    }
  }
}

function emptyTable(names: string[], widths: number[]): string {
  const hrule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const header = `|${names.map((n, i) => ` ${center(n, widths[i])} `).join('|')}|`;
  return [hrule, header, hrule, hrule].join('\n');
}

function center(s: string, w: number): string {
  const excess = w - s.length;
  const half = Math.floor(excess / 2);
  if (excess % 2)
    return s.length % 2 ? ' '.repeat(half) + s + ' '.repeat(half + 1) : ' '.repeat(half + 1) + s + ' '.repeat(half);
  return ' '.repeat(half) + s + ' '.repeat(half);
}

function cellText(v: unknown): string {
  const s = v instanceof Formattable ? v.human() : v;
  if (typeof s === 'string') return s.replace(/\r\n/g, '\n').replace(/\r/g, ' ');
  return pyStr(s);
}

/** cliff's `_assign_max_widths`: shrink the widest columns so the table fits `--max-width` or the terminal. */
function fitWidths(widths: number[], opts: FormatOptions, out: Output, minWidth: number): Record<number, number> {
  let termWidth: number;
  if (opts.maxWidth && opts.maxWidth > 0) termWidth = opts.maxWidth;
  else if (opts.fitWidth || out.isTTY) {
    if (!out.columns) return {};
    termWidth = out.columns;
  } else return {};
  const fieldCount = widths.length;
  const firstLine = widths.reduce((n, w) => n + w + 3, 1);
  if (firstLine <= termWidth) return {};
  const usable = Math.max(0, termWidth - 1 - 3 * fieldCount);
  const optimal = fieldCount ? Math.max(0, Math.floor(usable / fieldCount)) : 0;
  const shrink: number[] = [];
  let remaining = usable;
  widths.forEach((w, i) => {
    if (w <= optimal) remaining -= w;
    else shrink.push(i);
  });
  const result: Record<number, number> = {};
  if (!shrink.length) return result;
  const shrinkTo = Math.floor(remaining / shrink.length);
  for (const i of shrink.slice(0, -1)) {
    result[i] = Math.max(minWidth, shrinkTo);
    remaining -= shrinkTo;
  }
  result[shrink[shrink.length - 1]] = Math.max(minWidth, remaining);
  return result;
}

function compare(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  const x = typeof a === 'boolean' ? Number(a) : a;
  const y = typeof b === 'boolean' ? Number(b) : b;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  throw new TypeError('unsortable');
}

function sortRows(columns: string[], rows: unknown[][], sortColumns: string[], reverse: boolean): unknown[][] {
  const indexes = sortColumns.filter((c) => columns.includes(c)).map((c) => columns.indexOf(c));
  let data = rows;
  for (const index of indexes.reverse()) {
    try {
      const key = (r: unknown[]) => machine(r[index]);
      // Python's sorted(reverse=True) keeps equal items in their original order, as a reversed comparison does
      data = [...data].sort((p, q) => (reverse ? compare(key(q), key(p)) : compare(key(p), key(q))));
    } catch {
      process.stderr.write(`Could not sort on field '${columns[index]}'; unsortable types\n`);
    }
  }
  return data;
}

function csvField(v: unknown, mode: string): string {
  const isNumber = typeof v === 'number' || typeof v === 'boolean';
  const text = v === null || v === undefined ? '' : pyStr(v);
  const special = /[",\r\n]/.test(text);
  const quoted = mode === 'all' || (mode === 'nonnumeric' && !isNumber) || (mode === 'minimal' && special);
  if (mode === 'none') return text.replace(/([\\",\r\n])/g, '\\$1');
  const escaped = text.replace(/\\/g, '\\\\');
  return quoted ? `"${escaped.replace(/"/g, '""')}"` : escaped;
}

/** PyYAML's `safe_dump(default_flow_style=False)`, as cliff's yaml formatter calls it. */
function dumpYaml(v: unknown[] | Record<string, unknown>): string {
  return safeDump(v);
}
