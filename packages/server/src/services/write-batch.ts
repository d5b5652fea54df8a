/** How long a record waits for others to share its write. */
const BATCH_DELAY_MS = 5;
/** Most records one write takes (a multi-row INSERT stays far below every database's parameter limit). */
const MAX_BATCH = 200;

/**
 * Records written off the request path, several per statement: a record waits up to BATCH_DELAY_MS for others,
 * then all go in one write (one commit instead of one per request: on SQLite the commit of a single-row insert
 * cost more than everything else a re-scope reads). flush() writes what waits at once and waits for every write
 * started, so a reader in this process sees every record made before it asked.
 */
export class WriteBatch<T> {
  private queue: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly write: (records: T[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(record: T): void {
    this.queue.push(record);
    if (this.queue.length >= MAX_BATCH) this.writeQueued();
    else this.timer ??= setTimeout(() => this.writeQueued(), BATCH_DELAY_MS);
  }

  private writeQueued(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const records = this.queue;
    this.queue = [];
    const write: Promise<void> = this.write(records)
      .catch((error: unknown) => this.report(error))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  private report(error: unknown): void {
    try {
      this.onError(error);
    } catch {
      // Reporting must not turn into an unhandled rejection either.
    }
  }

  /** Writes what is waiting now and waits for every write started so far. */
  async flush(): Promise<void> {
    this.writeQueued();
    await Promise.allSettled([...this.pending]);
  }
}
