/**
 * What a running command gets: the streams, the environment, the global options, and — created on first use —
 * the resolved cloud configuration, the SDK session (authenticates lazily, re-authenticates on expiry/401) and the
 * identity client.
 */
import type { AccessInfo, CloudConfig, DebugEvent, FetchLike, IdentityClient, Session } from '@xloud/sdk';
import { Api } from './api.ts';
import type { Output } from './output/formatters.ts';
import { overridesFrom, type GlobalOptions } from './global-options.ts';
import { canPromptForPassword, PromptedPasswordAuth } from './password-prompt.ts';
import { askSecret } from './prompt.ts';
import { sdk } from './sdk.ts';
import { CLI_VERSION } from './version.ts';

export interface IO {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: Record<string, string | undefined>;
  cwd?: string;
  homeDir?: string;
  /** Replaces the SDK's HTTP transport (in-process tests with a fake server). */
  fetch?: FetchLike;
}

export class Context {
  private _config?: CloudConfig;
  private _session?: Session;
  private _identity?: IdentityClient;
  private _api?: Api;
  private promptForPassword = false;

  constructor(
    readonly global: GlobalOptions,
    readonly io: IO,
  ) {}

  get env(): Record<string, string | undefined> {
    return this.io.env;
  }

  /** Writes to stdout. */
  print(s: string): void {
    this.io.stdout.write(s);
  }

  /** A warning line on stderr (kept under --quiet, like openstackclient's warnings). */
  warn(message: string): void {
    this.io.stderr.write(`${message}\n`);
  }

  /** An informational line on stderr (suppressed by --quiet). */
  info(message: string): void {
    if (!this.global.quiet) this.io.stderr.write(`${message}\n`);
  }

  /** The cloud configuration from clouds.yaml/secure.yaml, `OS_*` and `--os-*` (validated for its auth plugin). */
  config(validate = true): CloudConfig {
    if (this._config && validate) return this._config;
    const load = (check: boolean) =>
      sdk().loadCloudConfig({
        cloud: this.global.osCloud,
        env: this.io.env,
        overrides: overridesFrom(this.global),
        cwd: this.io.cwd,
        homeDir: this.io.homeDir,
        validate: check,
      });
    let config: CloudConfig;
    try {
      config = load(validate);
    } catch (error) {
      if (!canPromptForPassword(error, this.io)) throw error;
      // only the password is missing and there is a terminal: the session asks for it (see password-prompt.ts)
      config = load(false);
      this.promptForPassword = true;
    }
    if (validate) this._config = config;
    return config;
  }

  session(): Session {
    if (!this._session) {
      const debug = this.global.debug
        ? (e: DebugEvent) => this.io.stderr.write(`${sdk().formatDebugEvent(e)}\n`)
        : undefined;
      const config = this.config();
      const auth = this.promptForPassword ? { auth: new PromptedPasswordAuth(config, this.io) } : {};
      const fetch = this.io.fetch ? { fetch: this.io.fetch } : {};
      // A user under a multi-factor rule without --os-passcode: on a terminal, ask for the code when the server
      // answers the password with an auth receipt (never before, so other users are never asked).
      const passcodePrompt = this.io.stdin.isTTY ? () => askSecret(this.io, 'Passcode') : undefined;
      this._session = sdk().sessionFromConfig(config, {
        userAgent: `xloud-cli/${CLI_VERSION}`,
        debug,
        passcodePrompt,
        ...auth,
        ...fetch,
      });
    }
    return this._session;
  }

  identity(): IdentityClient {
    this._identity ??= new (sdk().IdentityClient)(this.session());
    return this._identity;
  }

  /** The identity calls commands make. */
  api(): Api {
    this._api ??= new Api(this);
    return this._api;
  }

  /** The current token's data (authenticating if needed). */
  access(): Promise<AccessInfo> {
    return this.session().getAccess();
  }

  close(): void {
    // sessions hold no sockets between requests; nothing to release yet
  }
}
