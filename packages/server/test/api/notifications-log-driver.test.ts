/**
 * [oslo_messaging_notifications] driver = log: the same notifications written to the server's log, one line each.
 * Also Keystone's defaults around them: successful sign-ins opted out, failures sent (its opt-out list names
 * "identity.authenticate.failed" while the outcome is "failure"); notification_format = basic; driver unset.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { ApiClient, passwordAuth, uniq } from './api-client.ts';

interface Line {
  msg: string;
  notification?: { event_type: string; publisher_id: string; priority: string; payload: Record<string, any> };
}

async function serverLogging(
  config: Record<string, Record<string, string>>,
): Promise<{ server: TestServer; api: ApiClient; lines: Line[] }> {
  const lines: Line[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Line) });
  const server = await startTestServer({ logger, config });
  return { server, api: new ApiClient(server), lines };
}

const notifications = (lines: Line[], eventType: string) =>
  lines.flatMap((line) => (line.notification?.event_type === eventType ? [line.notification] : []));

describe('driver = log, Keystone defaults (cadf, authentication successes opted out)', () => {
  let ctx: Awaited<ReturnType<typeof serverLogging>>;
  beforeAll(async () => {
    ctx = await serverLogging({ oslo_messaging_notifications: { driver: 'log' } });
  });
  afterAll(async () => ctx.server.close());

  it('logs resource events as CADF and failed sign-ins, not successful ones', async () => {
    const { api, lines } = ctx;
    const user = await api.createUser();
    expect((await api.issue(passwordAuth({ id: user.id }, user.password))).status).toBe(201);
    expect((await api.issue(passwordAuth({ id: user.id }, 'wrong'))).status).toBe(401);
    const created = notifications(lines, 'identity.user.created').find((n) => n.payload.target.id === user.id);
    expect(created).toMatchObject({
      priority: 'INFO',
      payload: { action: 'created.user', target: { typeURI: 'data/security/account/user' } },
    });
    const signIns = notifications(lines, 'identity.authenticate').filter(
      (n) => n.payload.initiator.user_id === user.id,
    );
    expect(signIns.map((n) => n.payload.outcome)).toEqual(['failure']);
  });
});

describe('driver = log, notification_format = basic, nothing opted out', () => {
  let ctx: Awaited<ReturnType<typeof serverLogging>>;
  beforeAll(async () => {
    ctx = await serverLogging({
      DEFAULT: { notification_format: 'basic', notification_opt_out: 'identity.group.created' },
      oslo_messaging_notifications: { driver: 'log' },
    });
  });
  afterAll(async () => ctx.server.close());

  it('sends {resource_info} for resources, CADF for sign-ins, and skips the opted-out event type', async () => {
    const { api, lines } = ctx;
    const token = await api.adminToken();
    const project = (await api.post('/projects', token, { project: { name: uniq('basic'), domain_id: 'default' } }))
      .body.project;
    const group = await api.createGroup();
    expect(notifications(lines, 'identity.project.created').map((n) => n.payload)).toContainEqual({
      resource_info: project.id,
    });
    expect(notifications(lines, 'identity.group.created').filter((n) => n.payload.resource_info === group.id)).toEqual(
      [],
    );
    expect(
      notifications(lines, 'identity.authenticate').some((n) => n.payload.outcome === 'success' && n.payload.typeURI),
    ).toBe(true);
  });
});

describe('driver unset', () => {
  let ctx: Awaited<ReturnType<typeof serverLogging>>;
  beforeAll(async () => {
    ctx = await serverLogging({});
  });
  afterAll(async () => ctx.server.close());

  it('sends nothing', async () => {
    await ctx.api.createUser();
    expect(ctx.lines.filter((line) => line.notification)).toEqual([]);
  });
});
