/**
 * Turns anything a command throws into one readable stderr line and an exit status — never a stack trace.
 * SDK errors already read like openstackclient's (`… (HTTP 401) (Request-ID: req-…)`); `--debug` adds the stable
 * error code and the chain of causes.
 */
import { CommanderError } from 'commander';
import { CommandError } from './command.ts';
import { ColumnError } from './output/formatters.ts';
import { loadSdk } from './sdk.ts';

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

export interface RenderedError {
  message: string;
  exitCode: number;
  details: string[];
}

/**
 * The message, exit status and (for --debug) detail lines of an error. Asynchronous because telling SDK errors apart
 * needs the SDK, which start-up does not load (see sdk.ts).
 */
export async function renderError(e: unknown): Promise<RenderedError> {
  const details: string[] = [];
  let cause: unknown = e instanceof Error ? e.cause : undefined;
  for (let depth = 0; cause && depth < 5; depth++) {
    const c = cause as { message?: string; code?: string; name?: string; cause?: unknown };
    details.push(
      `caused by: ${[c.name, c.code].filter(Boolean).join(' ')}${c.message ? `: ${oneLine(String(c.message))}` : ''}`,
    );
    cause = c.cause;
  }
  if (e instanceof CommandError) return { message: oneLine(e.message), exitCode: e.exitCode, details };
  if (e instanceof ColumnError) return { message: oneLine(e.message), exitCode: 1, details };
  const { isXloudError } = await loadSdk();
  if (isXloudError(e)) {
    details.unshift(`error code: ${e.code} (${e.name})`);
    let message = oneLine(e.message);
    // Keystone answers 404 when the token a token-method login presents is unknown, expired or revoked
    // (the SDK reports it as ERR_UNAUTHORIZED carrying that 404)
    if (
      e.code === 'ERR_UNAUTHORIZED' &&
      e.status === 404 &&
      e.method === 'POST' &&
      /\/auth\/tokens(\?|$)/.test(e.url ?? '')
    ) {
      message = `The token given (OS_TOKEN or --os-token) is invalid, expired or revoked: ${message}`;
    }
    // The password was right but a multi-factor rule wants a passcode too (an auth receipt came back).
    if (e.code === 'ERR_UNAUTHORIZED' && e.authReceipt) {
      message = `A passcode is required: the user signs in with a second factor; give the TOTP code from the authenticator app (or a recovery code) with --os-passcode or OS_PASSCODE. ${message}`;
    }
    return { message, exitCode: 1, details };
  }
  if (e instanceof CommanderError) return { message: oneLine(e.message), exitCode: e.exitCode || 2, details };
  if (e instanceof Error) {
    details.unshift(`error type: ${e.name}`);
    return { message: oneLine(e.message) || e.name, exitCode: 1, details };
  }
  return { message: oneLine(String(e)), exitCode: 1, details };
}
