// Command-line options of `npm run bench` (node --import tsx bench/run.ts …).
import { parseArgs } from 'node:util';

export interface TargetSpec {
  /** label used in tables and JSON: "ours" or "ref" */
  label: 'ours' | 'ref';
  /** server root, no trailing slash and no /v3, e.g. http://127.0.0.1:5000 */
  url: string;
  password: string;
  pid?: number;
}

export interface BenchArgs {
  targets: TargetSpec[];
  username: string;
  userDomain: string;
  project: string;
  projectDomain: string;
  duration: number;
  warmup: number;
  connections: number[];
  scenarios: string[] | undefined;
  out: string | undefined;
  bcryptCost: number;
}

export const USAGE = `usage: npm run bench -- [options]
  --url URL               server under test (default http://127.0.0.1:5000; /v3 is appended)
  --password PW           admin password (default $XLOUD_ADMIN_PASSWORD)
  --pid PID               record VmRSS of this process (and its children) before/after
  --compare URL           also run every scenario against this server (the reference Keystone)
  --compare-password PW   its admin password (default: --password)
  --compare-pid PID       record VmRSS of the compared server too
  --duration S            seconds per scenario and connection count (default 10)
  --warmup S              unrecorded warm-up seconds before each measurement (default 1)
  --connections 8,32      connection counts (default 8,32)
  --scenarios a,b         subset of: token-issue, rescope, appcred-issue, validate, validate-nocatalog, list-projects,
                          mixed-login-validate (logins and validations at 16 connections each, together)
  --bcrypt-cost N         for mixed-login-validate: the server's bcrypt cost, to measure this machine's
                          bcrypt rate on all its CPUs as the yardstick for the login rate (default 12; 0: skip)
  --username admin --user-domain Default --project admin --project-domain Default
  --out FILE              results JSON (default bench/results/<timestamp>.json)
npm run bench -- --scale --help: the scale benchmark (a seeded 1,000,000-assignment database, see bench/scale/main.ts)`;

function num(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a non-negative number: ${v}`);
  return n;
}

function pid(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: not a process id: ${v}`);
  return n;
}

const trimUrl = (u: string): string => u.replace(/\/+$/, '').replace(/\/v3$/, '');

export function parseBenchArgs(argv: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:5000' },
      password: { type: 'string' },
      pid: { type: 'string' },
      compare: { type: 'string' },
      'compare-password': { type: 'string' },
      'compare-pid': { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      scenarios: { type: 'string' },
      username: { type: 'string', default: 'admin' },
      'user-domain': { type: 'string', default: 'Default' },
      project: { type: 'string', default: 'admin' },
      'project-domain': { type: 'string', default: 'Default' },
      out: { type: 'string' },
      'bcrypt-cost': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const password = values.password ?? process.env.XLOUD_ADMIN_PASSWORD;
  if (!password) throw new Error('--password (or $XLOUD_ADMIN_PASSWORD) is required');
  const targets: TargetSpec[] = [
    { label: 'ours', url: trimUrl(values.url ?? 'http://127.0.0.1:5000'), password, pid: pid('pid', values.pid) },
  ];
  if (values.compare) {
    targets.push({
      label: 'ref',
      url: trimUrl(values.compare),
      password: values['compare-password'] ?? password,
      pid: pid('compare-pid', values['compare-pid']),
    });
  }
  const connections = (values.connections ?? '8,32').split(',').map((c) => num('connections', c.trim(), 0));
  if (connections.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--connections: positive integers');
  return {
    targets,
    username: values.username ?? 'admin',
    userDomain: values['user-domain'] ?? 'Default',
    project: values.project ?? 'admin',
    projectDomain: values['project-domain'] ?? 'Default',
    duration: num('duration', values.duration, 10),
    warmup: num('warmup', values.warmup, 1),
    connections,
    scenarios: values.scenarios
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    out: values.out,
    bcryptCost: num('bcrypt-cost', values['bcrypt-cost'], 12),
  };
}
