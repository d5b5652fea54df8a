import { hostname } from 'node:os';
import type { XloudConfig } from '../conf/index.ts';
import { parseTransportUrl } from '../conf/transport-url.ts';
import type { Logger } from '../logging/logger.ts';
import type { AuditEvent } from '../services/audit/audit-event.ts';
import { logDriver, messagingDriver } from './notification-drivers.ts';
import { Notifier, type NotificationDriver } from './notifier.ts';
import { RabbitPublisher } from './rabbit-publisher.ts';

export interface NotifierWiring {
  logger: Logger;
  observerId(): string | undefined;
  onDropped(count: number): void;
  record?(event: AuditEvent, cadf: Record<string, unknown>): void;
}

/** [oslo_messaging_notifications] and [DEFAULT]'s notification options, as a Notifier. */
export function buildNotifier(conf: XloudConfig, wiring: NotifierWiring): Notifier {
  const section = conf.oslo_messaging_notifications;
  const names = new Set(section.driver.filter((name) => name !== 'noop'));
  const drivers: NotificationDriver[] = [];
  if (names.has('log')) drivers.push(logDriver(wiring.logger));
  // With no transport_url anywhere, oslo.messaging's rabbit driver uses guest:guest@localhost:5672.
  const url = section.transport_url ?? conf.DEFAULT.transport_url ?? parseTransportUrl('rabbit://');
  for (const version of [2, 1] as const) {
    if (!names.has(version === 2 ? 'messagingv2' : 'messaging')) continue;
    const publisher = new RabbitPublisher({
      url,
      exchange: conf.DEFAULT.control_exchange,
      bufferSize: section.buffer_size,
      retry: section.retry,
      logger: wiring.logger,
      onDropped: wiring.onDropped,
    });
    drivers.push(messagingDriver(publisher, section.topics, version));
  }
  return new Notifier({
    format: conf.DEFAULT.notification_format,
    optOut: conf.DEFAULT.notification_opt_out,
    publisherId: `identity.${conf.DEFAULT.default_publisher_id ?? hostname()}`,
    drivers,
    observerId: wiring.observerId,
    record: wiring.record,
  });
}
