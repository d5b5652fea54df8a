/**
 * `xloud mfa status|enable|verify|recovery-codes|disable|reset`: self-service two-factor authentication (Xloud
 * extension, /v3/users/{user_id}/OS-XLOUD/mfa; docs/multi-factor.md). Every command but `reset` acts on the
 * current user; `status` and `reset` take another user for administrators.
 */
import type { CommandSpec, OptionSpec, ShowResult } from '../command.ts';
import type { Context } from '../context.ts';
import { findUser, tokenResource } from '../resolve.ts';

const domainOption: OptionSpec = { flags: '--domain <domain>', description: 'Domain owning <user> (name or ID)' };

/** The user's ID: the current user when `user` is not given. */
async function userIdOf(ctx: Context, user: string | undefined, domain?: string): Promise<string> {
  if (!user) return (await ctx.access()).userId;
  const name = await tokenResource(ctx, 'user', user, domain);
  return (await findUser(ctx.api(), name, domain)).id as string;
}

/** The codes one per line, then the warning on stderr: they are never shown again. */
function printRecoveryCodes(ctx: Context, codes: string[]): void {
  ctx.print(`${codes.join('\n')}\n`);
  ctx.warn(
    'Store these recovery codes somewhere safe now: they are not shown again. Each works once in place of a ' +
      'passcode (in the totp method of a sign-in, or with `xloud mfa disable`).',
  );
}

export const mfaCommands: CommandSpec[] = [
  {
    path: ['mfa', 'status'],
    kind: 'show',
    description:
      "Show a user's two-factor authentication state (default: the current user; Xloud extension): enabled, TOTP credentials, recovery codes left, pending enrolment, rules",
    args: ['[user]'],
    options: [domainOption],
    async run(ctx, o, a): Promise<ShowResult> {
      const userId = await userIdOf(ctx, a.user, o.domain);
      const s = await ctx.identity().mfa.status(userId);
      return {
        columns: ['enabled', 'pending_enrolment', 'recovery_codes_remaining', 'rules', 'totp_credentials', 'user_id'],
        values: [s.enabled, s.pending_enrolment, s.recovery_codes_remaining, s.rules, s.totp_credentials, userId],
      };
    },
  },
  {
    path: ['mfa', 'enable'],
    kind: 'plain',
    description:
      'Start two-factor enrolment for the current user (Xloud extension): prints the otpauth:// URI and the secret for an authenticator app; then run `xloud mfa verify CODE` within 10 minutes',
    async run(ctx) {
      const userId = (await ctx.access()).userId;
      const e = await ctx.identity().mfa.enrol(userId);
      ctx.print(`otpauth_uri: ${e.otpauth_uri}\nsecret: ${e.secret}\nexpires_at: ${e.expires_at}\n`);
      ctx.warn(
        'Add the URI (or type the secret) into your authenticator app, then run `xloud mfa verify CODE` with the code it shows.',
      );
    },
  },
  {
    path: ['mfa', 'verify'],
    kind: 'plain',
    description:
      'Finish two-factor enrolment with a current code from the authenticator app (Xloud extension): two-factor is on; prints the 10 one-time recovery codes once',
    args: ['<code>'],
    async run(ctx, _o, a) {
      const userId = (await ctx.access()).userId;
      printRecoveryCodes(ctx, await ctx.identity().mfa.verify(userId, String(a.code)));
    },
  },
  {
    path: ['mfa', 'recovery-codes'],
    kind: 'plain',
    description:
      'Replace the current user’s recovery codes, for a current code from the authenticator app (Xloud extension): prints the 10 new codes once; the old ones stop working',
    args: ['<code>'],
    async run(ctx, _o, a) {
      const userId = (await ctx.access()).userId;
      printRecoveryCodes(ctx, await ctx.identity().mfa.regenerateRecoveryCodes(userId, String(a.code)));
    },
  },
  {
    path: ['mfa', 'disable'],
    kind: 'plain',
    description:
      'Turn the current user’s two-factor authentication off (Xloud extension) with a current 6-digit code or an unused recovery code',
    args: ['<code>'],
    async run(ctx, _o, a) {
      const userId = (await ctx.access()).userId;
      const code = String(a.code).trim();
      await ctx.identity().mfa.disable(userId, /^\d{6}$/.test(code) ? { passcode: code } : { recoveryCode: code });
    },
  },
  {
    path: ['mfa', 'reset'],
    kind: 'plain',
    description:
      "Reset a user's two-factor authentication, e.g. after a lost authenticator (administrators; Xloud extension): the TOTP credential, recovery codes and rules go",
    args: ['<user>'],
    options: [domainOption],
    async run(ctx, o, a) {
      await ctx.identity().mfa.reset(await userIdOf(ctx, a.user, o.domain));
    },
  },
];
