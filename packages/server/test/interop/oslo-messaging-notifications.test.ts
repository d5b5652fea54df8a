/**
 * Interop: notifications as Keystone sends them, received by the real oslo.messaging (Debian
 * python3-oslo.messaging, run with /usr/bin/python3) from the real RabbitMQ at 127.0.0.1:5672.
 * A notification listener (oslo_notification_listener.py, no NotificationFilter, its own pool) writes what it
 * receives; the server runs with [oslo_messaging_notifications] driver = messagingv2. Sign-ins (success and
 * failure), a project's life and a role grant must arrive as CADF events with Keystone's fields. Then a broker
 * that cannot be reached: requests still succeed, and notifications are dropped, counted and logged once; and a
 * broker that goes away and comes back: what was sent meanwhile is published after reconnecting.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as tcpConnect, createServer, type Server, type Socket } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from 'amqplib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, passwordAuth, uniq } from '../api/api-client.ts';

const PYTHON = process.env.XLOUD_SYSTEM_PYTHON ?? '/usr/bin/python3';
const RABBIT_URL = process.env.XLOUD_TEST_RABBIT_URL ?? 'rabbit://guest:guest@127.0.0.1:5672/';
const LISTENER = resolve(import.meta.dirname, 'oslo_notification_listener.py');
const CADF_EVENT = 'http://schemas.dmtf.org/cloud/audit/1.0/event';

interface Received {
  ready?: boolean;
  event_type: string;
  payload: Record<string, any>;
  publisher_id: string;
  metadata: { message_id: string; timestamp: string };
}

function prerequisite(): string | undefined {
  const check = spawnSync(PYTHON, ['-c', 'import oslo_messaging'], { encoding: 'utf8' });
  if (check.status !== 0) {
    return `${PYTHON} cannot import oslo_messaging: install the Debian package python3-oslo.messaging (apt-get install -y python3-oslo.messaging) — .ci/run does this\n${check.stderr}`;
  }
  return undefined;
}

function received(file: string): Received[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Received);
}

/** Polls until `find` returns something; the vitest timeout bounds the wait. */
async function eventually<T>(what: string, find: () => T | undefined, describeState: () => string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${what} never arrived; state: ${describeState()}`);
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** A TCP forwarder to RabbitMQ that the test can take down (refusing, existing connections cut) and bring back. */
class BrokerLink {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async up(): Promise<void> {
    const target = new URL(RABBIT_URL.replace(/^rabbit:/, 'amqp:'));
    this.server = createServer((client) => {
      const upstream = tcpConnect(Number(target.port || 5672), target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((done) => this.server!.listen(this.port, '127.0.0.1', done));
    this.port = (this.server.address() as { port: number }).port;
  }

  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
    this.server = undefined;
  }
}

/** Takes every message waiting in a queue, unwrapping the 2.0 envelope. */
async function drainQueue(queue: string): Promise<Array<{ event_type: string; payload: Record<string, any> }>> {
  const connection = await connect(new URL(RABBIT_URL.replace(/^rabbit:/, 'amqp:')).toString());
  const channel = await connection.createChannel();
  const messages: Array<{ event_type: string; payload: Record<string, any> }> = [];
  try {
    await channel.checkQueue(queue);
    for (;;) {
      const message = await channel.get(queue, { noAck: true });
      if (message === false) break;
      const envelope = JSON.parse(message.content.toString('utf8')) as { 'oslo.message': string };
      messages.push(JSON.parse(envelope['oslo.message']) as { event_type: string; payload: Record<string, any> });
    }
  } catch {
    // Not declared yet: nothing published so far.
  }
  await connection.close().catch(() => undefined);
  return messages;
}

async function deleteQueues(names: string[]): Promise<void> {
  const url = new URL(RABBIT_URL.replace(/^rabbit:/, 'amqp:'));
  const connection = await connect(url.toString());
  const channel = await connection.createChannel();
  for (const name of names) await channel.deleteQueue(name).catch(() => undefined);
  await connection.close().catch(() => undefined);
}

describe('oslo.messaging notifications on RabbitMQ, read by oslo.messaging', { timeout: 120_000 }, () => {
  const run = randomBytes(4).toString('hex');
  const topic = `xloud-test-notifications-${run}`;
  const pool = `xloud-test-listener-${run}`;
  const dir = mkdtempSync(join(tmpdir(), 'xloud-notifications-'));
  const out = join(dir, 'received.jsonl');
  let listener: ChildProcess | undefined;
  let listenerErrors = '';
  let server: TestServer;
  let api: ApiClient;

  const state = () =>
    `listener stderr: ${listenerErrors.slice(-2000)}; received: ${received(out)
      .map((r) => r.event_type ?? 'ready')
      .join(', ')}`;
  const waitFor = (what: string, match: (r: Received) => boolean) =>
    eventually(what, () => received(out).find((r) => !r.ready && match(r)), state);

  beforeAll(async () => {
    const missing = prerequisite();
    if (missing) throw new Error(missing);
    listener = spawn(PYTHON, [LISTENER, RABBIT_URL, 'keystone', topic, pool, out], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    listener.stderr!.on('data', (chunk: Buffer) => {
      listenerErrors += chunk.toString('utf8');
    });
    await eventually('the listener', () => received(out).find((r) => r.ready), state);
    server = await startTestServer({
      config: {
        // Keystone opts successful sign-ins out by default; this test wants them.
        DEFAULT: { notification_opt_out: '' },
        oslo_messaging_notifications: { driver: 'messagingv2', transport_url: RABBIT_URL, topics: topic },
      },
    });
    api = new ApiClient(server);
  });

  afterAll(async () => {
    await server?.close();
    // The listener must be gone before its queue is deleted, or oslo.messaging declares it again.
    if (listener && listener.exitCode === null) {
      const exited = new Promise((done) => listener!.once('exit', done));
      listener.kill('SIGTERM');
      const forced = setTimeout(() => listener!.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
    }
    await deleteQueues([pool, `${topic}.info`]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends identity.authenticate for a successful and a failed sign-in, with the user as initiator', async () => {
    const user = await api.createUser();
    const ok = await api.issue(passwordAuth({ id: user.id }, user.password));
    expect(ok.status).toBe(201);
    const bad = await api.issue(passwordAuth({ id: user.id }, 'not the password'));
    expect(bad.status).toBe(401);

    const success = await waitFor(
      'the successful sign-in',
      (r) =>
        r.event_type === 'identity.authenticate' &&
        r.payload.initiator?.user_id === user.id &&
        r.payload.outcome === 'success',
    );
    const failure = await waitFor(
      'the failed sign-in',
      (r) =>
        r.event_type === 'identity.authenticate' &&
        r.payload.initiator?.user_id === user.id &&
        r.payload.outcome === 'failure',
    );
    for (const event of [success, failure]) {
      expect(event.publisher_id).toBe(`identity.${hostname()}`);
      expect(event.metadata.message_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(event.metadata.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{6})?$/);
      expect(event.payload).toMatchObject({
        typeURI: CADF_EVENT,
        eventType: 'activity',
        action: 'authenticate',
        initiator: {
          typeURI: 'service/security/account/user',
          user_id: user.id,
          id: user.id,
          host: { address: '127.0.0.1' },
        },
        target: { typeURI: 'service/security/account/user' },
        observer: { typeURI: 'service/security' },
      });
      expect(event.payload.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+0000$/);
    }
  });

  it('sends identity.project.created/updated/deleted and identity.role_assignment.created, initiated by the admin', async () => {
    const token = await api.adminToken();
    const admin = (await api.get('/auth/tokens', token, { 'X-Subject-Token': token })).body.token;
    const identityService = (await api.get('/services?type=identity', token)).body.services[0];
    const created = await api.post('/projects', token, { project: { name: uniq('notified'), domain_id: 'default' } });
    expect(created.status).toBe(201);
    const projectId: string = created.body.project.id;
    expect((await api.patch(`/projects/${projectId}`, token, { project: { description: 'changed' } })).status).toBe(
      200,
    );
    const member = await api.createUser();
    await api.grant({ user: member.id }, { project: projectId }, 'member');
    const roleId = await api.roleId('member');

    for (const operation of ['created', 'updated'] as const) {
      const event = await waitFor(
        `project ${operation}`,
        (r) => r.event_type === `identity.project.${operation}` && r.payload.target?.id === projectId,
      );
      expect(event.payload).toMatchObject({
        typeURI: CADF_EVENT,
        action: `${operation}.project`,
        outcome: 'success',
        resource_info: projectId,
        target: { id: projectId, typeURI: 'data/security/project' },
        initiator: { user_id: admin.user.id, project_id: admin.project.id },
        observer: { id: identityService.id, typeURI: 'service/security' },
      });
    }
    const grant = await waitFor(
      'the role assignment',
      (r) => r.event_type === 'identity.role_assignment.created' && r.payload.user === member.id,
    );
    expect(grant.payload).toMatchObject({
      action: 'created.role_assignment',
      outcome: 'success',
      project: projectId,
      role: roleId,
      inherited_to_projects: false,
      initiator: { user_id: admin.user.id },
    });

    expect((await api.delete(`/projects/${projectId}`, token)).status).toBe(204);
    const deleted = await waitFor(
      'project deleted',
      (r) => r.event_type === 'identity.project.deleted' && r.payload.target?.id === projectId,
    );
    expect(deleted.payload).toMatchObject({
      action: 'deleted.project',
      outcome: 'success',
      initiator: { user_id: admin.user.id },
    });
  });
});

describe('notifications while the broker cannot be reached', { timeout: 120_000 }, () => {
  let server: TestServer;
  let api: ApiClient;
  const logLines: Array<{ level: number; msg: string }> = [];

  beforeAll(async () => {
    const port = await closedPort();
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void logLines.push(JSON.parse(line) as { level: number; msg: string }) },
    );
    server = await startTestServer({
      logger,
      config: {
        oslo_messaging_notifications: {
          driver: 'messagingv2',
          transport_url: `rabbit://guest:guest@127.0.0.1:${port}/`,
          buffer_size: '2',
        },
      },
    });
    api = new ApiClient(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers every request, then drops what does not fit the buffer, counts it and logs the outage once', async () => {
    const token = await api.adminToken();
    for (let i = 0; i < 5; i++) {
      const res = await api.post('/projects', token, { project: { name: uniq('outage'), domain_id: 'default' } });
      expect(res.status).toBe(201);
    }
    // Each request has answered while its notification waits in (or falls out of) the buffer.
    await eventually(
      'the outage log line',
      () => logLines.find((line) => line.msg.startsWith('notifications: cannot publish')),
      () => JSON.stringify(logLines),
    );
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    const value = Number(/^xloud_notifications_dropped_total (\S+)$/m.exec(metrics)?.[1]);
    expect(value).toBeGreaterThanOrEqual(3);
    const outageLines = logLines.filter((line) => line.msg.startsWith('notifications: cannot publish'));
    expect(outageLines).toHaveLength(1);
    expect(outageLines[0]!.msg).toContain('rabbit://guest:****@127.0.0.1:');
  });
});

describe('notifications across a broker outage', { timeout: 120_000 }, () => {
  const topic = `xloud-test-outage-${randomBytes(4).toString('hex')}`;
  const link = new BrokerLink();
  const logLines: Array<{ level: number; msg: string }> = [];
  const seen: Array<{ event_type: string; payload: Record<string, any> }> = [];
  let server: TestServer;
  let api: ApiClient;
  let poll: NodeJS.Timeout | undefined;

  const published = (eventType: string, targetId: string) =>
    eventually(
      `${eventType} of ${targetId}`,
      () => seen.find((m) => m.event_type === eventType && m.payload.target?.id === targetId),
      () => JSON.stringify(logLines),
    );

  beforeAll(async () => {
    await link.up();
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void logLines.push(JSON.parse(line) as { level: number; msg: string }) },
    );
    server = await startTestServer({
      logger,
      config: {
        oslo_messaging_notifications: {
          driver: 'messagingv2',
          transport_url: `rabbit://guest:guest@127.0.0.1:${link.port}/`,
          topics: topic,
        },
      },
    });
    api = new ApiClient(server);
    // Nobody consumes: oslo.messaging's default queue <topic>.info keeps what is published; the test reads it.
    poll = setInterval(() => void drainQueue(`${topic}.info`).then((messages) => seen.push(...messages)), 200);
  });

  afterAll(async () => {
    clearInterval(poll);
    await server?.close();
    await link.down();
    await deleteQueues([`${topic}.info`]);
  });

  it('keeps what is sent while the broker is away and publishes it when it is back, logging the outage once', async () => {
    const token = await api.adminToken();
    const before = (await api.post('/projects', token, { project: { name: uniq('before'), domain_id: 'default' } }))
      .body.project;
    await published('identity.project.created', before.id);

    await link.down();
    const during = await api.post('/projects', token, { project: { name: uniq('during'), domain_id: 'default' } });
    expect(during.status).toBe(201);
    await eventually(
      'the outage log line',
      () => logLines.find((line) => line.msg.startsWith('notifications: cannot publish')),
      () => JSON.stringify(logLines),
    );

    await link.up();
    await published('identity.project.created', during.body.project.id);
    await eventually(
      'the recovery log line',
      () => logLines.find((line) => line.msg.includes('again; 0 dropped during the outage')),
      () => JSON.stringify(logLines),
    );
    expect(logLines.filter((line) => line.msg.startsWith('notifications: cannot publish'))).toHaveLength(1);
  });
});

describe('[DEFAULT] transport_url, control_exchange, default_publisher_id and [oslo_messaging_notifications] retry', {
  timeout: 120_000,
}, () => {
  const run = randomBytes(4).toString('hex');
  const exchange = `xloud-test-exchange-${run}`;
  const queue = `xloud-test-bound-${run}`;
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.close();
    await deleteQueues([queue]);
    const connection = await connect(new URL(RABBIT_URL.replace(/^rabbit:/, 'amqp:')).toString());
    const channel = await connection.createChannel();
    await channel.deleteExchange(exchange).catch(() => undefined);
    await connection.close().catch(() => undefined);
  });

  it('publishes through [DEFAULT] transport_url to the control_exchange, as default_publisher_id', async () => {
    // A queue bound to the exchange the server must publish to: nothing else would receive there.
    const connection = await connect(new URL(RABBIT_URL.replace(/^rabbit:/, 'amqp:')).toString());
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: false });
    await channel.assertQueue(queue, { durable: false, autoDelete: false });
    await channel.bindQueue(queue, exchange, 'notifications.info');
    await connection.close();
    server = await startTestServer({
      config: {
        DEFAULT: { transport_url: RABBIT_URL, control_exchange: exchange, default_publisher_id: `node-${run}` },
        oslo_messaging_notifications: { driver: 'messagingv2' },
      },
    });
    const api = new ApiClient(server);
    const project = await api.createProject();
    const messages: Array<{ event_type: string; payload: Record<string, any>; publisher_id?: string }> = [];
    for (let i = 0; i < 100 && !messages.some((m) => m.payload.target?.id === project.id); i++) {
      messages.push(...(await drainQueue(queue)));
      await new Promise((done) => setTimeout(done, 100));
    }
    const created = messages.find(
      (m) => m.event_type === 'identity.project.created' && m.payload.target?.id === project.id,
    );
    expect(created).toBeDefined();
    // Keystone's form: identity.<default_publisher_id>.
    expect(created!.publisher_id).toBe(`identity.node-${run}`);
  });

  it('retry = 0 drops a notification after one failed attempt, though the buffer has room', async () => {
    const port = await closedPort();
    const dropped = async (target: TestServer) =>
      Number(
        /^xloud_notifications_dropped_total (\S+)$/m.exec(await (await fetch(`${target.baseUrl}/metrics`)).text())?.[1],
      );
    const once = await startTestServer({
      config: {
        oslo_messaging_notifications: {
          driver: 'messagingv2',
          transport_url: `rabbit://guest:guest@127.0.0.1:${port}/`,
          retry: '0',
          buffer_size: '1000',
        },
      },
    });
    const forever = await startTestServer({
      config: {
        oslo_messaging_notifications: {
          driver: 'messagingv2',
          transport_url: `rabbit://guest:guest@127.0.0.1:${port}/`,
          buffer_size: '1000',
        },
      },
    });
    try {
      for (const target of [once, forever]) await new ApiClient(target).createProject();
      let droppedOnce = 0;
      for (let i = 0; i < 100 && droppedOnce === 0; i++) {
        droppedOnce = await dropped(once);
        await new Promise((done) => setTimeout(done, 100));
      }
      expect(droppedOnce).toBeGreaterThan(0);
      expect(await dropped(forever)).toBe(0);
    } finally {
      await once.close();
      await forever.close();
    }
  });
});
