// Resident memory of a server process (and its descendants, e.g. uWSGI workers) from /proc.
import { readFileSync, readdirSync } from 'node:fs';

export interface RssSample {
  /** kB, VmRSS of the process itself */
  rssKb: number;
  /** kB, VmHWM (peak RSS) of the process itself */
  hwmKb: number;
  /** kB, VmRSS summed over the process and all its descendants */
  treeRssKb: number;
  processes: number;
}

function status(pid: number): Map<string, string> | undefined {
  try {
    const m = new Map<string, string>();
    for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) m.set(line.slice(0, i), line.slice(i + 1).trim());
    }
    return m;
  } catch {
    return undefined;
  }
}

const kb = (v: string | undefined): number => (v ? Number.parseInt(v, 10) || 0 : 0);

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number(status(Number(name))?.get('PPid') ?? 0);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const p = stack.pop() as number;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

export function sampleRss(pid: number): RssSample | undefined {
  const own = status(pid);
  if (!own) return undefined;
  const others = descendants(pid);
  let tree = kb(own.get('VmRSS'));
  for (const p of others) tree += kb(status(p)?.get('VmRSS'));
  return { rssKb: kb(own.get('VmRSS')), hwmKb: kb(own.get('VmHWM')), treeRssKb: tree, processes: 1 + others.length };
}

export const mb = (k: number | undefined): string => (k === undefined ? '-' : (k / 1024).toFixed(1));
