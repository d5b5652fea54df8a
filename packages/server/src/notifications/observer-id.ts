/** Where the identity service's catalog id comes from (CatalogService.listServices in production). */
export type IdentityServiceSource = () => Promise<readonly { id: string }[]>;

const REFRESH_MS = 60_000;

/**
 * Keystone names the identity service's catalog id as every CADF event's observer. Looked up in the background
 * and kept for a minute, so emitting an event never waits for the database.
 */
export class ObserverId {
  private value?: string;
  private fetchedAt = -Infinity;
  private fetching = false;

  constructor(
    private readonly source: IdentityServiceSource,
    private readonly now: () => number,
  ) {}

  current(): string | undefined {
    // Until an identity service exists (before bootstrap), look again at every event.
    if (this.value === undefined || this.now() - this.fetchedAt > REFRESH_MS) void this.refresh();
    return this.value;
  }

  async refresh(): Promise<void> {
    if (this.fetching) return;
    this.fetching = true;
    try {
      this.value = (await this.source())[0]?.id;
      this.fetchedAt = this.now();
    } catch {
      // Keep the last known id; the next event tries again.
    } finally {
      this.fetching = false;
    }
  }
}
