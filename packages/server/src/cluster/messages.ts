import type { MetricObjectWithValues, MetricValue } from 'prom-client';

/**
 * What the primary process and its workers ([DEFAULT] workers > 1) tell each other over the cluster's IPC
 * channel. Every message carries `xloud`, so the ones of node:cluster itself or of a library are told apart.
 *
 * Change announcements (the "next request" guarantee): a worker that changed shared data sends `changed`; the
 * primary sends `forget` to every other listening worker, each drops its caches and answers `forgot`; once all
 * have (or died, or the wait timed out) the primary answers `announced` to the origin, which only then sends
 * its HTTP response.
 *
 * Metrics: a worker asked for GET /metrics sends `metrics-request`; the primary collects `metrics-collect` →
 * `metrics-part` from every worker, aggregates them and answers `metrics-result`.
 */
export type ClusterMessage =
  | { xloud: 'changed'; id: number }
  | { xloud: 'forget'; origin: number; id: number }
  | { xloud: 'forgot'; origin: number; id: number }
  | { xloud: 'announced'; id: number }
  | { xloud: 'metrics-request'; id: number }
  | { xloud: 'metrics-collect'; id: number }
  | { xloud: 'metrics-part'; id: number; metrics: MetricObjectWithValues<MetricValue<string>>[] }
  | { xloud: 'metrics-result'; id: number; body: string; contentType: string };

export function isClusterMessage(message: unknown): message is ClusterMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { xloud?: unknown }).xloud === 'string' &&
    typeof (message as { id?: unknown }).id === 'number'
  );
}
