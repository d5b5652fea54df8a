import type { Logger } from '../logging/logger.ts';
import { amqpBody, type OsloNotification } from './oslo-message.ts';
import type { NotificationDriver } from './notifier.ts';
import type { RabbitPublisher } from './rabbit-publisher.ts';

/** driver = log: oslo.messaging's LogDriver, one log line per notification (message and payload as JSON). */
export function logDriver(logger: Logger): NotificationDriver {
  return {
    send: (notification) => logger.info({ notification }, `notification ${notification.event_type}`),
    close: async () => undefined,
  };
}

/** driver = messagingv2 (2.0 envelope) or messaging (1.0, bare): <topic>.info on the control exchange, per topic. */
export function messagingDriver(
  publisher: RabbitPublisher,
  topics: readonly string[],
  version: 1 | 2,
): NotificationDriver {
  return {
    send: (notification: OsloNotification) => {
      const body = amqpBody(notification, version);
      for (const topic of topics) publisher.publish(`${topic}.${notification.priority.toLowerCase()}`, body);
    },
    close: () => publisher.close(),
  };
}
