/**
 * [identity] max_concurrent_password_hashes and password_hash_queue_length on a real server hashing at full bcrypt
 * cost: a burst of logins larger than the gate gets 503 with Retry-After for the excess at once, the rest 201, and
 * token validation keeps answering meanwhile (it never waits for the hashes). A refused login is not a failed one:
 * the lockout never counts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, DATABASES, expectKeystoneError, passwordAuth, type ApiResponse } from './api-client.ts';

const BURST = 8;
/** Made once with Python's bcrypt at cost 15 (about 1.7 s to check here): a login that surely outlasts a few polls. */
const SLOW_HASH = {
  password: 'slow-first-login',
  hash: '$2b$15$QlI0LmxiOfIRTWA7RZrctesZyp6ly6jLvfIpTat.yQd8v/1zHsZW.',
};
/** Bcrypt's default cost: about 0.2 s per hash here, so a burst of eight really queues. */
const FULL_COST = '12';
/** Of [security_compliance]: more than the logins the gate can admit from one burst (one running, one queued). */
const LOCKOUT_ATTEMPTS = 5;

describe.each(DATABASES)('password hashing gate (%s)', (database) => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({
      database,
      config: {
        identity: {
          password_hash_rounds: FULL_COST,
          max_concurrent_password_hashes: '1',
          password_hash_queue_length: '1',
        },
        security_compliance: { lockout_failure_attempts: String(LOCKOUT_ATTEMPTS), lockout_duration: '600' },
      },
    });
    api = new ApiClient(server);
  });
  afterAll(() => server?.close());

  /** Fires `BURST` password logins at once and keeps validating a token until they are all answered. */
  async function burstWhileValidating(body: unknown): Promise<{ logins: ApiResponse[]; validations: number[] }> {
    const adminToken = await api.adminToken();
    let answered = false;
    const validations: number[] = [];
    const validating = (async () => {
      while (!answered) {
        const res = await api.get('/auth/tokens', adminToken, { 'X-Subject-Token': adminToken });
        validations.push(res.status);
      }
    })();
    const logins = await Promise.all(Array.from({ length: BURST }, () => api.post('/auth/tokens', undefined, body)));
    answered = true;
    await validating;
    return { logins, validations };
  }

  it('answers the logins beyond one running and one queued with 503 and Retry-After; validations keep answering', async () => {
    const body = passwordAuth({ name: 'admin', domain: { id: 'default' } }, server.adminPassword, {
      project: { name: 'admin', domain: { id: 'default' } },
    });
    const { logins, validations } = await burstWhileValidating(body);

    const refused = logins.filter((res) => res.status === 503);
    const issued = logins.filter((res) => res.status === 201);
    expect(issued.length + refused.length, logins.map((res) => `${res.status} ${res.text}`).join('\n')).toBe(BURST);
    expect(issued.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const res of refused) {
      expectKeystoneError(res, 503);
      expect(res.body.error.title).toBe('Service Unavailable');
      expect(res.body.error.message).toMatch(/too many password checks/);
      expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    }
    for (const res of issued) expect(res.headers.get('x-subject-token')).toBeTruthy();

    expect(validations.length).toBeGreaterThan(0);
    expect(validations.every((status) => status === 200)).toBe(true);
    const stillValid = await api.get('/auth/tokens', await api.adminToken(), {
      'X-Subject-Token': issued[0]!.headers.get('x-subject-token')!,
    });
    expect(stillValid.status).toBe(200);
  });

  it('does not count a refused login against the lockout', async () => {
    const user = await api.createUser();
    const wrong = passwordAuth({ id: user.id }, 'not the password');
    const { logins } = await burstWhileValidating(wrong);
    const failed = logins.filter((res) => res.status === 401).length;
    const refused = logins.filter((res) => res.status === 503).length;
    expect(failed + refused).toBe(BURST);
    expect(refused).toBeGreaterThanOrEqual(1);
    // Had the refused ones counted too, BURST > LOCKOUT_ATTEMPTS failures would have locked the account.
    expect(failed).toBeLessThan(LOCKOUT_ATTEMPTS);
    const right = await api.post('/auth/tokens', undefined, passwordAuth({ id: user.id }, user.password));
    expect(right.status).toBe(201);
  });

  it('drops a queued login whose client went away, so it takes no place from the next', async () => {
    // The first login checks a cost-15 hash (seconds, even on a fast core), so the queued one is still queued when
    // its client leaves: what the test sees cannot depend on how busy the machine is.
    const slow = await api.createUser();
    await server.container.database.db
      .updateTable('identity_user')
      .set({ password_hash: SLOW_HASH.hash })
      .where('id', '=', slow.id)
      .execute();
    const login = (user: { id: string }, password: string, signal?: AbortSignal) =>
      fetch(`${server.baseUrl}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(passwordAuth({ id: user.id }, password)),
        signal,
      });
    let firstAnswered = false;
    const first = login(slow, SLOW_HASH.password).then((res) => {
      firstAnswered = true;
      return res.status;
    });
    await expect.poll(() => gauges().then((g) => g.running), { timeout: 10_000 }).toBe(1);
    const leaving = new AbortController();
    const abandoned = login(slow, SLOW_HASH.password, leaving.signal).catch((error: unknown) => (error as Error).name);
    await expect.poll(() => gauges().then((g) => g.queued), { timeout: 10_000 }).toBe(1);

    leaving.abort();
    expect(await abandoned).toBe('AbortError');
    // It leaves the queue at once, not when its turn comes after the first hash.
    await expect.poll(() => gauges().then((g) => g.queued), { timeout: 10_000 }).toBe(0);
    expect(firstAnswered).toBe(false);
    expect((await gauges()).running).toBe(1);
    const next = login(slow, SLOW_HASH.password);
    expect(await first).toBe(201);
    expect((await next).status).toBe(201);
  });

  /** The gate's gauges, scraped. */
  async function gauges(): Promise<{ running: number; queued: number }> {
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
    return { running: value('xloud_password_hashes_running'), queued: value('xloud_password_hashes_queued') };
  }

  it('shows the gate in the metrics', async () => {
    const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
    expect(text).toMatch(/^xloud_password_hashes_running 0$/m);
    expect(text).toMatch(/^xloud_password_hashes_queued 0$/m);
    const rejected = Number(/^xloud_password_hashes_rejected_total (\d+)$/m.exec(text)?.[1]);
    expect(rejected).toBeGreaterThanOrEqual(2);
  });
});
