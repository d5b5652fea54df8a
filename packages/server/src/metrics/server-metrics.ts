import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { TokenEvents, TokenValidationResult } from '../services/auth/token-events.ts';
import { registerScrapeGauges, type ScrapeSources } from './scrape-gauges.ts';

export type TokenIssueResult = 'success' | 'failure' | 'error';

/**
 * Every metric of one server, in its own prom-client Registry (never the global one: tests build several
 * servers in one process, and each must count only its own work). Names and labels: docs/metrics.md.
 * Labels take values from small fixed sets only (route patterns, not URLs), so no id ever becomes a series.
 */
export class ServerMetrics implements TokenEvents {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  private readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  private readonly tokensIssued: Counter<'method' | 'result'>;
  private readonly tokensValidated: Counter<'result'>;
  private readonly tokensRevoked: Counter<'by'>;
  private readonly tokenCache: Counter<'result'>;
  private readonly notificationsDropped: Counter;

  constructor(sources: ScrapeSources) {
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status code.',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to sending its response, by route pattern, method and status code.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.tokensIssued = new Counter({
      name: 'xloud_tokens_issued_total',
      help: 'POST /v3/auth/tokens requests by authentication methods and result (success, failure: 4xx, error: 5xx).',
      labelNames: ['method', 'result'],
      registers,
    });
    this.tokensValidated = new Counter({
      name: 'xloud_tokens_validated_total',
      help: 'Token validations (X-Auth-Token and X-Subject-Token alike) by result.',
      labelNames: ['result'],
      registers,
    });
    this.tokensRevoked = new Counter({
      name: 'xloud_tokens_revoked_total',
      help: 'Revocation events written: by="token" for one token (logout), by="user" for every token of a user.',
      labelNames: ['by'],
      registers,
    });
    this.tokenCache = new Counter({
      name: 'xloud_token_cache_requests_total',
      help: 'Token validation cache lookups by result (hit, miss); counted only while the cache is on.',
      labelNames: ['result'],
      registers,
    });
    this.notificationsDropped = new Counter({
      name: 'xloud_notifications_dropped_total',
      help: 'Notifications dropped because the message broker could not be reached (buffer full or retries used up).',
      registers,
    });
    registerScrapeGauges(this.registry, sources);
    collectDefaultMetrics({ register: this.registry });
  }

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  tokenIssued(method: string, result: TokenIssueResult): void {
    this.tokensIssued.inc({ method, result });
  }

  validated(result: TokenValidationResult): void {
    this.tokensValidated.inc({ result });
  }

  notificationDropped(count: number): void {
    this.notificationsDropped.inc(count);
  }

  cacheLookup(hit: boolean): void {
    this.tokenCache.inc({ result: hit ? 'hit' : 'miss' });
  }

  revoked(by: 'token' | 'user'): void {
    this.tokensRevoked.inc({ by });
  }

  /**
   * With several worker processes ([DEFAULT] workers > 1): how to get every process's metrics aggregated
   * (counters and histograms summed, one value for the server-wide gauges), from the primary process.
   */
  aggregateAcrossProcesses?: () => Promise<{ contentType: string; body: string } | undefined>;

  /** The Prometheus text exposition of every metric, gauges collected now (of every worker process). */
  async render(): Promise<{ contentType: string; body: string }> {
    const aggregated = await this.aggregateAcrossProcesses?.();
    if (aggregated) return aggregated;
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
