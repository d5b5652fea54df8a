import { describe, expect, it } from 'vitest';
import { cadfPayload, cadfTime, resourceUuid } from '../../src/notifications/cadf-payload.ts';
import { Notifier } from '../../src/notifications/notifier.ts';
import {
  amqpBody,
  osloNotification,
  pythonUtcTimestamp,
  type OsloNotification,
} from '../../src/notifications/oslo-message.ts';
import type { AuditEvent } from '../../src/services/audit/audit-event.ts';

const TIME = new Date('2026-03-04T05:06:07.089Z');

const event = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: '5b0b6c0e-0000-4000-8000-000000000001',
  eventType: 'identity.project.created',
  action: 'created.project',
  outcome: 'success',
  time: TIME,
  initiator: { userId: 'u1', projectId: 'p1', address: '192.0.2.1', agent: 'curl/8' },
  target: { type: 'project', id: 'p9' },
  resourceInfo: 'p9',
  ...over,
});

describe('the formats Keystone and oslo.messaging use', () => {
  it("resource_uuid: a UUID as written, anything else uuid5 in Keystone's namespace (values from keystone.common.utils)", () => {
    expect(resourceUuid('abc')).toBe('87dcba93e45d55fe89296c4edd902484');
    expect(resourceUuid('0123456789abcdef0123456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
  });

  it("times: pycadf's eventTime and Python's str(datetime)", () => {
    expect(cadfTime(TIME)).toBe('2026-03-04T05:06:07.089000+0000');
    expect(pythonUtcTimestamp(TIME)).toBe('2026-03-04 05:06:07.089000');
    expect(pythonUtcTimestamp(new Date('2026-03-04T05:06:07.000Z'))).toBe('2026-03-04 05:06:07');
  });

  it('the CADF event of a resource change', () => {
    expect(cadfPayload(event(), 'svc')).toEqual({
      typeURI: 'http://schemas.dmtf.org/cloud/audit/1.0/event',
      eventType: 'activity',
      id: '5b0b6c0e-0000-4000-8000-000000000001',
      eventTime: '2026-03-04T05:06:07.089000+0000',
      action: 'created.project',
      outcome: 'success',
      observer: { id: 'svc', typeURI: 'service/security' },
      initiator: {
        id: resourceUuid('u1'),
        typeURI: 'service/security/account/user',
        host: { address: '192.0.2.1', agent: 'curl/8' },
        user_id: 'u1',
        project_id: 'p1',
      },
      target: { id: 'p9', typeURI: 'data/security/project' },
      resource_info: 'p9',
    });
  });

  it('the 2.0 envelope carries the message as a JSON string, with _unique_id', () => {
    const message = osloNotification('identity.host', 'identity.project.created', { resource_info: 'p9' }, TIME);
    const body = JSON.parse(amqpBody(message, 2).toString('utf8')) as {
      'oslo.version': string;
      'oslo.message': string;
    };
    expect(body['oslo.version']).toBe('2.0');
    expect(JSON.parse(body['oslo.message'])).toMatchObject({
      ...message,
      _unique_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(JSON.parse(amqpBody(message, 1).toString('utf8'))).toMatchObject(message);
  });

  it('notification_opt_out matches authentication events with their outcome appended, as Keystone does', () => {
    const sent: OsloNotification[] = [];
    const notifier = new Notifier({
      format: 'cadf',
      optOut: ['identity.authenticate.success', 'identity.authenticate.failed', 'identity.project.created'],
      publisherId: 'identity.host',
      drivers: [{ send: (n) => void sent.push(n), close: async () => undefined }],
      observerId: () => undefined,
    });
    const signIn = (outcome: AuditEvent['outcome']) =>
      event({
        eventType: 'identity.authenticate',
        action: 'authenticate',
        outcome,
        resourceInfo: undefined,
        target: { type: 'user', id: 'u1' },
      });
    notifier.emit(signIn('success'));
    notifier.emit(signIn('failure'));
    notifier.emit(event());
    notifier.emit(event({ eventType: 'identity.project.deleted', action: 'deleted.project' }));
    expect(sent.map((n) => [n.event_type, n.payload.outcome])).toEqual([
      ['identity.authenticate', 'failure'],
      ['identity.project.deleted', 'success'],
    ]);
  });
});
