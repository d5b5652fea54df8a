import { isAbsolute, join } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { XloudConfig } from '../conf/index.ts';
import { humanStream } from './human-format.ts';

export type { Logger } from 'pino';

/**
 * Secrets never reach a log line: these request fields are redacted, so are secret query parameters
 * (http/plugins/log-redaction.ts), and bodies are not logged at all.
 */
const REDACT = [
  'req.headers["x-auth-token"]',
  'req.headers["x-subject-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Where [DEFAULT] log_file / log_dir say, as oslo.log resolves them (a relative log_file is under log_dir). */
export function logFilePath(conf: XloudConfig): string | undefined {
  const { log_file: file, log_dir: dir } = conf.DEFAULT;
  if (file) return dir && !isAbsolute(file) ? join(dir, file) : file;
  if (dir) return join(dir, 'xloud-identity.log');
  return undefined;
}

export interface LoggerOptions {
  /** Tests capture lines here instead of stdout. */
  stream?: DestinationStream;
}

/**
 * The one logger of a server process ([DEFAULT] debug, log_file, log_dir, use_stderr): JSON lines in a file or
 * when output is not a terminal (for journald, Loki, …), human-readable lines on a terminal.
 */
export function createLogger(conf: XloudConfig, options: LoggerOptions = {}): Logger {
  const level = conf.DEFAULT.debug ? 'debug' : 'info';
  const base = { level, redact: REDACT };
  if (options.stream) return pino(base, options.stream);
  const file = logFilePath(conf);
  if (file) return pino(base, pino.destination({ dest: file, mkdir: true, sync: false }));
  const out = conf.DEFAULT.use_stderr ? process.stderr : process.stdout;
  return pino(
    base,
    out.isTTY ? humanStream(out) : pino.destination({ fd: conf.DEFAULT.use_stderr ? 2 : 1, sync: false }),
  );
}

/** A logger that drops everything (tests that start many servers without logging). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
