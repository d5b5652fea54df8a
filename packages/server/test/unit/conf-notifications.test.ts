import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/conf/index.ts';
import { parseTransportUrl, redactTransportUrl } from '../../src/conf/transport-url.ts';

describe('transport_url', () => {
  it('reads brokers, credentials and the virtual host as oslo.messaging does', () => {
    expect(parseTransportUrl('rabbit://u:p%40ss@mq1:5673,v:w@mq2/cloud')).toMatchObject({
      brokers: [
        { hostname: 'mq1', port: 5673, username: 'u', password: 'p@ss' },
        { hostname: 'mq2', port: 5672, username: 'v', password: 'w' },
      ],
      virtualHost: 'cloud',
    });
    expect(parseTransportUrl('rabbit://')).toMatchObject({
      brokers: [{ hostname: 'localhost', port: 5672, username: 'guest', password: 'guest' }],
      virtualHost: '/',
    });
  });

  it('refuses transports other than rabbit', () => {
    expect(() => parseTransportUrl('kafka://broker:9092')).toThrow(/not supported/);
  });

  it('never shows a password', () => {
    expect(redactTransportUrl('rabbit://u:secret@mq1:5672,v:other@mq2/')).toBe('rabbit://u:****@mq1:5672,v:****@mq2/');
    expect(() =>
      loadConfig({ env: {}, dataDir: '/tmp', overrides: { DEFAULT: { transport_url: 'amqp1://u:secret@h/' } } }),
    ).toThrow(/^(?![\s\S]*secret)/);
  });

  it('refuses an unknown notification driver', () => {
    expect(() =>
      loadConfig({ env: {}, dataDir: '/tmp', overrides: { oslo_messaging_notifications: { driver: 'kafka' } } }),
    ).toThrow(/unknown notification driver kafka/);
  });
});

describe('multi-valued options (oslo.config MultiStrOpt)', () => {
  const file = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'xloud-conf-')), 'keystone.conf');
    writeFileSync(path, text);
    return path;
  };

  it('add up when repeated in one file, as in Keystone; a higher source replaces them', () => {
    const path = file(
      '[DEFAULT]\nnotification_opt_out = identity.user.created\nnotification_opt_out = identity.authenticate.success,identity.project.deleted\n[oslo_messaging_notifications]\ndriver = log\ndriver = messagingv2\n',
    );
    const conf = loadConfig({ env: {}, dataDir: '/tmp', file: path });
    expect(conf.DEFAULT.notification_opt_out).toEqual([
      'identity.user.created',
      'identity.authenticate.success',
      'identity.project.deleted',
    ]);
    expect(conf.oslo_messaging_notifications.driver).toEqual(['log', 'messagingv2']);
    const overridden = loadConfig({
      env: {},
      dataDir: '/tmp',
      file: path,
      overrides: { DEFAULT: { notification_opt_out: 'identity.group.created' } },
    });
    expect(overridden.DEFAULT.notification_opt_out).toEqual(['identity.group.created']);
  });
});
