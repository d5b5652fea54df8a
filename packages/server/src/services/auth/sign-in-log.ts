import type { ServiceContext } from '../service-context.ts';
import { WriteBatch } from '../write-batch.ts';
import type { SignInRecord } from './sign-in-driver.ts';

/** Where a request came from, as the HTTP layer saw it. Never anything secret. */
export interface ClientInfo {
  /** The client's address (Fastify's request.ip, which honours [DEFAULT] enable_proxy_headers_parsing). */
  sourceAddress?: string;
  userAgent?: string;
  /** Aborted when the client disconnects before its answer: a login still waiting to be hashed then leaves the queue. */
  gone?: AbortSignal;
}

/**
 * One authentication request, filled in as it goes: the first credential method that identifies a user
 * (password, application_credential, totp) names the user and the method. Until then there is nothing to
 * record — an unknown user leaves no trace, so the log cannot reveal who exists.
 */
export class SignInAttempt {
  userId?: string;
  method?: string;

  constructor(readonly client: ClientInfo = {}) {}

  identify(userId: string, method: string): void {
    if (this.userId !== undefined) return;
    this.userId = userId;
    this.method = method;
  }
}

export interface SignInSettings {
  /** Attempts kept per user; older ones are pruned when a new one is written. */
  keepPerUser: number;
  /** Told about a write that failed; the attempt itself is never failed by it. */
  onWriteError(error: unknown): void;
}

const MAX_ADDRESS = 64;
const MAX_USER_AGENT = 255;

const clip = (value: string | undefined, max: number): string | null =>
  value === undefined || value === '' ? null : value.slice(0, max);

/**
 * Sign-in activity (OS-XLOUD). Writes happen off the token-issue path, several attempts per statement: the
 * response does not wait for them and a failed write only reaches onWriteError. Reads first write what waits
 * and wait for this process's writes still in flight, so a user who just signed in sees that attempt.
 */
export class SignInLog {
  private readonly batch: WriteBatch<SignInRecord>;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly settings: SignInSettings,
  ) {
    this.batch = new WriteBatch(
      (records) => this.write(records),
      (error) => this.report(error),
    );
  }

  /** Records the attempt's outcome if a user was identified; returns at once. */
  record(attempt: SignInAttempt, success: boolean): void {
    if (attempt.userId === undefined || attempt.method === undefined) return;
    const record: SignInRecord = {
      userId: attempt.userId,
      attemptedAt: this.ctx.clock.now().toISOString(),
      method: attempt.method,
      success,
      sourceAddress: clip(attempt.client.sourceAddress, MAX_ADDRESS),
      userAgent: clip(attempt.client.userAgent, MAX_USER_AGENT),
    };
    this.batch.add(record);
  }

  private report(error: unknown): void {
    try {
      this.settings.onWriteError(error);
    } catch {
      // Reporting must not turn into an unhandled rejection either.
    }
  }

  /** The attempts, then each of their users' pruned once. */
  private async write(records: SignInRecord[]): Promise<void> {
    const store = this.ctx.store;
    await store.signIns.add(...records);
    for (const userId of new Set(records.map((r) => r.userId)))
      await store.signIns.pruneForUser(userId, this.settings.keepPerUser);
  }

  /** Newest first. */
  async list(userId: string, limit: number): Promise<SignInRecord[]> {
    await this.flush();
    return this.ctx.store.signIns.listForUser(userId, limit);
  }

  /** Waits for every write started so far (reads, and shutdown before the database closes). */
  async flush(): Promise<void> {
    await this.batch.flush();
  }
}
