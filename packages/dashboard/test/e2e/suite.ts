import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openConsole, type ConsolePage } from './browser.ts';
import { AdminApi, startConsoleServer, type TestServer } from './console-server.ts';

export interface ConsoleSuite {
  server: TestServer;
  browser: Browser;
  /** Admin calls straight to the API, to set up what a test needs. */
  admin: AdminApi;
  /** A new browser context (its own cookies) on the console. */
  open(options?: Parameters<typeof openConsole>[2]): Promise<ConsolePage>;
}

/**
 * What every console test file runs on: an identity server serving the console (with `config` on top of the test
 * defaults) and headless Chromium, started before the file's tests (its members are set from then on) and closed
 * after them.
 */
export function useConsoleSuite(
  config: Record<string, Record<string, string>> = {},
  /** The server's clock (e.g. a TestClock the test moves to get fresh TOTP time steps). */
  clock?: Parameters<typeof startConsoleServer>[1],
): ConsoleSuite {
  const suite: ConsoleSuite = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    admin: undefined as unknown as AdminApi,
    open: (options) => openConsole(suite.browser, suite.server.baseUrl, options),
  };
  beforeAll(async () => {
    suite.server = await startConsoleServer(config, clock);
    suite.browser = await launchBrowser();
    suite.admin = new AdminApi(suite.server);
  }, 600_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
