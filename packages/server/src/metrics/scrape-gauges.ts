import { Counter, Gauge, type Registry } from 'prom-client';

interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

interface PasswordHashingStats {
  running: number;
  queued: number;
  rejected: number;
}

/** Where the gauges read their values when Prometheus scrapes. */
export interface ScrapeSources {
  revocationEventCount(): Promise<number>;
  /** When the Fernet key repository last rotated; throws when it cannot be read. */
  keyRepositoryLastRotatedAt(): Date;
  now(): Date;
  /** Only for pooled drivers (PostgreSQL). */
  poolStats?(): PoolStats;
  /** The password hashing gate ([identity] max_concurrent_password_hashes). */
  passwordHashing?(): PasswordHashingStats;
}

/**
 * Gauges whose value is read at scrape time. A source that fails (database down, key repository gone)
 * makes its gauge NaN for that scrape (prom-client always prints an unlabelled gauge; 0 would be a lie)
 * rather than failing the whole scrape: metrics matter most during an outage. The healthcheck reports
 * the outage itself.
 */
export function registerScrapeGauges(registry: Registry, sources: ScrapeSources): void {
  const registers = [registry];
  new Gauge({
    name: 'xloud_revocation_events',
    // One value for the whole server: with several worker processes the aggregate is not their sum.
    aggregator: 'max',
    help: 'Revocation events stored; each validation that misses the token cache is checked against them.',
    registers,
    async collect() {
      try {
        this.set(await sources.revocationEventCount());
      } catch {
        this.set(Number.NaN);
      }
    },
  });
  new Gauge({
    name: 'xloud_fernet_primary_key_age_seconds',
    aggregator: 'max',
    help: 'Seconds since the Fernet token key repository last rotated (newest key file modification time).',
    registers,
    collect() {
      try {
        this.set(Math.max(0, (sources.now().getTime() - sources.keyRepositoryLastRotatedAt().getTime()) / 1000));
      } catch {
        this.set(Number.NaN);
      }
    },
  });
  registerHashingMetrics(registry, sources.passwordHashing);
  const poolStats = sources.poolStats;
  if (!poolStats) return;
  const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read(poolStats()));
      },
    });
  poolGauge(
    'xloud_database_pool_connections',
    'Connections the database pool holds (in use and idle).',
    (s) => s.total,
  );
  poolGauge('xloud_database_pool_idle_connections', 'Connections idle in the database pool.', (s) => s.idle);
  poolGauge(
    'xloud_database_pool_waiting_requests',
    'Queries waiting for a pooled connection (the pool is exhausted).',
    (s) => s.waiting,
  );
}

function registerHashingMetrics(registry: Registry, stats: ScrapeSources['passwordHashing']): void {
  if (!stats) return;
  const registers = [registry];
  new Gauge({
    name: 'xloud_password_hashes_running',
    help: 'Password hashes and checks being computed now (at most [identity] max_concurrent_password_hashes).',
    registers,
    collect() {
      this.set(stats().running);
    },
  });
  new Gauge({
    name: 'xloud_password_hashes_queued',
    help: 'Password hashes and checks waiting for a slot (at most [identity] password_hash_queue_length).',
    registers,
    collect() {
      this.set(stats().queued);
    },
  });
  new Counter({
    name: 'xloud_password_hashes_rejected_total',
    help: 'Password hashes and checks refused with 503 because every slot was busy and the queue full.',
    registers,
    collect() {
      // The gate keeps the count; the counter mirrors it at scrape time.
      this.reset();
      this.inc(stats().rejected);
    },
  });
}
