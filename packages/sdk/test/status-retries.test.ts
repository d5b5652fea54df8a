/**
 * Status retries (keystoneauth's status_code_retries): a 503 with Retry-After — what an Xloud Identity server answers
 * when its password-hashing queue is full — is retried after the wait the server asks for (capped at 10 s), reported
 * through the debug hook, and given up on with the usual error once the retries are spent.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpTransport, PasswordAuth, ServerError, Session, type DebugEvent } from '../src/index.ts';
import { retryAfterMs } from '../src/transport/retry-after.ts';
import { startServer, type TestServer } from './helpers.ts';

/** More logins at once than one running hash and one queued one, so the server refuses some with 503. */
const BURST = 6;

function retries(events: DebugEvent[]): Extract<DebugEvent, { type: 'retry' }>[] {
  return events.filter((e): e is Extract<DebugEvent, { type: 'retry' }> => e.type === 'retry');
}

describe('against a server whose password-hashing queue is full', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({
      config: {
        identity: {
          password_hash_rounds: '12',
          max_concurrent_password_hashes: '1',
          password_hash_queue_length: '1',
        },
      },
    });
  });
  afterAll(() => server?.close());

  /** `BURST` password logins at once, each through its own session; the outcome of each. */
  function burst(options: { statusRetries: number; debug?: (e: DebugEvent) => void }) {
    return Promise.allSettled(
      Array.from({ length: BURST }, () =>
        new Session({
          auth: new PasswordAuth({
            authUrl: `${server.baseUrl}/v3`,
            username: 'admin',
            password: server.adminPassword,
            userDomainName: 'Default',
            scope: { project: { name: 'admin', domain: { name: 'Default' } } },
          }),
          ...options,
        }).getAccess(),
      ),
    );
  }

  test('without status retries, the logins beyond the queue fail with HTTP 503', async () => {
    const outcomes = await burst({ statusRetries: 0 });
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const e of refused) {
      expect(e).toBeInstanceOf(ServerError);
      expect(e).toMatchObject({ code: 'ERR_SERVER', status: 503 });
    }
  });

  test('with status retries, every login succeeds after waiting as Retry-After asks', async () => {
    const events: DebugEvent[] = [];
    const outcomes = await burst({ statusRetries: BURST, debug: (e) => events.push(e) });
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(failures).toEqual([]);
    for (const o of outcomes) if (o.status === 'fulfilled') expect(o.value.userName).toBe('admin');
    const waits = retries(events);
    expect(waits.length).toBeGreaterThanOrEqual(1);
    for (const w of waits) {
      expect(w.error).toMatch(/^HTTP 503 \(Retry-After: [1-9]\d*\)$/);
      expect(w.delayMs).toBeGreaterThanOrEqual(1000);
      expect(w.delayMs % 1000).toBe(0);
    }
  });
});

describe('status retry mechanics', () => {
  let fake: Server;
  let url: string;
  let answers: Array<{ status: number; retryAfter?: string }>;
  let requests: number;

  beforeAll(async () => {
    fake = createServer((_req, res) => {
      const answer = answers[Math.min(requests, answers.length - 1)]!;
      requests += 1;
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (answer.retryAfter !== undefined) headers['Retry-After'] = answer.retryAfter;
      res.writeHead(answer.status, headers).end(answer.status === 200 ? '{"ok":true}' : '');
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v3`;
  });
  afterAll(() => {
    fake.closeAllConnections();
    fake.close();
  });

  function serve(...list: Array<{ status: number; retryAfter?: string }>): void {
    answers = list;
    requests = 0;
  }

  test('by default a 503 is retried once, for POST too, then the 503 error is thrown', async () => {
    serve({ status: 503, retryAfter: '0' });
    const err = await new HttpTransport().json({ method: 'POST', url, body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 503 });
    expect(requests).toBe(2);
  });

  test('statusRetries 0 and statuses outside retriableStatusCodes are not retried', async () => {
    serve({ status: 503, retryAfter: '0' });
    await expect(new HttpTransport({ statusRetries: 0 }).json({ method: 'GET', url })).rejects.toThrow(ServerError);
    expect(requests).toBe(1);
    serve({ status: 500 });
    await expect(new HttpTransport({ statusRetries: 3 }).json({ method: 'GET', url })).rejects.toThrow(ServerError);
    expect(requests).toBe(1);
  });

  test('retriableStatusCodes chooses the statuses; without Retry-After the back-off of retryDelay applies', async () => {
    serve({ status: 429 }, { status: 429 }, { status: 200 });
    const events: DebugEvent[] = [];
    const http = new HttpTransport({
      statusRetries: 2,
      retriableStatusCodes: [429],
      retryDelay: 5,
      debug: (e) => events.push(e),
    });
    const res = await http.json<{ ok: boolean }>({ method: 'GET', url });
    expect(res.body).toEqual({ ok: true });
    expect(requests).toBe(3);
    expect(retries(events).map((e) => [e.attempt, e.delayMs, e.error])).toEqual([
      [2, 5, 'HTTP 429'],
      [3, 10, 'HTTP 429'],
    ]);
  });

  test('a long Retry-After is capped at 10 s, and the wait ends when the request is aborted', async () => {
    serve({ status: 503, retryAfter: '3600' });
    const abort = new AbortController();
    const events: DebugEvent[] = [];
    const http = new HttpTransport({
      debug: (e) => {
        events.push(e);
        if (e.type === 'retry') abort.abort(new Error('gave up waiting'));
      },
    });
    const started = Date.now();
    await expect(http.send({ method: 'GET', url, signal: abort.signal })).rejects.toThrow('gave up waiting');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(retries(events).map((e) => e.delayMs)).toEqual([10_000]);
  });

  test('Retry-After is read as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:27:58 GMT');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(2000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('-1', now)).toBeUndefined();
  });
});
