import { resolve } from 'node:path';
import type { XloudConfig } from '../../conf/index.ts';

// Apart from the console's plugin: the primary process of [DEFAULT] workers > 1 names the console's address in
// its start-up line, and importing the plugin for that would load Fastify, its cookie and static plugins into a
// process that serves nothing (about 20 MiB of its resident memory).

export const CONSOLE_PATH = '/dashboard/';

/** packages/dashboard/dist of this source tree (this file is packages/server/src/http/console/console-location.ts). */
export const DEFAULT_STATIC_DIR = resolve(import.meta.dirname, '../../../../dashboard/dist');

/** Where the console build is read from: `[dashboard] static_dir`, else this tree's packages/dashboard/dist. */
export function consoleStaticDir(conf: Pick<XloudConfig, 'dashboard'>): string {
  const configured = conf.dashboard.static_dir;
  return configured ? resolve(configured) : DEFAULT_STATIC_DIR;
}
