/**
 * openstackclient's password prompt: when the password auth plugin has everything but the password and stdin is a
 * terminal, `Password: ` is asked for (not echoed) the first time a token is needed — not before, so commands that
 * never authenticate never ask. Without a terminal the SDK's "Missing value password …" error stands.
 */
import type { AccessInfo, AuthContext, AuthPlugin, CloudConfig, HttpTransport } from '@xloud/sdk';
import { CommandError } from './command.ts';
import type { IO } from './context.ts';
import { askSecret } from './prompt.ts';
import { sdk } from './sdk.ts';

/** True when `error` says the password, and nothing else, is missing, and a terminal can be asked for it. */
export function canPromptForPassword(error: unknown, io: IO): boolean {
  if (!(error instanceof sdk().ConfigError) || !io.stdin.isTTY) return false;
  return error.missing?.length === 1 && error.missing[0] === 'password';
}

/** A password auth plugin whose password is read from the terminal on first use (once per run). */
export class PromptedPasswordAuth implements AuthPlugin {
  readonly authType = 'password';
  readonly canReauthenticate = true;
  private withPassword?: Promise<AuthPlugin>;
  /** Discovery needs only the auth URL, so it can run before the password is known. */
  private readonly discovery: AuthPlugin;

  constructor(
    private readonly config: CloudConfig,
    private readonly io: IO,
  ) {
    this.discovery = sdk().authFromConfig(config);
  }

  getIdentityUrl(http: HttpTransport): Promise<string> {
    return this.discovery.getIdentityUrl(http);
  }

  async authenticate(http: HttpTransport, context?: AuthContext): Promise<AccessInfo> {
    this.withPassword ??= this.ask();
    return (await this.withPassword).authenticate(http, context);
  }

  private async ask(): Promise<AuthPlugin> {
    const password = await askSecret(this.io, 'Password');
    if (!password) throw new CommandError('No password entered, or found via --os-password or OS_PASSWORD');
    return sdk().authFromConfig({ ...this.config, auth: { ...this.config.auth, password } });
  }
}
