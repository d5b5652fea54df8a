import { OptionValueError } from './config-error.ts';
import { customOption, integerOption, listOption } from './option-builders.ts';
import type { OptionSpec, SectionSchema } from './option-types.ts';
import { parseTransportUrl, redactTransportUrl, type TransportUrl } from './transport-url.ts';

/** oslo.messaging notification drivers this server implements. */
const NOTIFICATION_DRIVERS = ['messagingv2', 'messaging', 'log', 'noop'] as const;
export type NotificationDriverName = (typeof NOTIFICATION_DRIVERS)[number];

/** A transport URL option, shared by [DEFAULT] and [oslo_messaging_notifications]; its password never shows. */
export function transportUrlOption(help: string): OptionSpec<TransportUrl | undefined> {
  return customOption<TransportUrl | undefined>({
    typeName: 'string value',
    default: () => undefined,
    parse: parseTransportUrl,
    format: (value) => redactTransportUrl(value.text),
    redact: redactTransportUrl,
    help,
  });
}

function driverListOption(): OptionSpec<readonly NotificationDriverName[]> {
  const list = listOption({
    default: [],
    multi: true,
    help:
      'Where notifications go (oslo.messaging): messagingv2 publishes them to the message broker of transport_url ' +
      'in the 2.0 envelope, messaging without it (1.0), log writes them to the log, noop or nothing sends none. ' +
      'Several may be given, comma-separated or on repeated lines.',
  });
  return {
    ...list,
    constraints: [`Allowed values: ${NOTIFICATION_DRIVERS.join(', ')}`],
    defaultValue: () => Object.freeze([]),
    parse: (raw) => {
      const names = list.parse(raw);
      const unknown = names.find((name) => !(NOTIFICATION_DRIVERS as readonly string[]).includes(name));
      if (unknown !== undefined)
        throw new OptionValueError(
          `unknown notification driver ${unknown}: expected ${NOTIFICATION_DRIVERS.join(', ')}`,
        );
      return names as readonly NotificationDriverName[];
    },
  };
}

/** keystone.conf `[oslo_messaging_notifications]` (oslo.messaging's notifier options). */
export const osloMessagingNotificationsSection = {
  driver: driverListOption(),
  transport_url: transportUrlOption(
    'The broker notifications are published to, rabbit://user:password@host:port/virtual_host (several brokers: ' +
      'user:password@host1:5672,user:password@host2:5672). Unset: [DEFAULT] transport_url.',
  ),
  topics: listOption({
    default: ['notifications'],
    help: 'Topics published to: each notification goes to the routing key <topic>.info of the [DEFAULT] control_exchange exchange.',
  }),
  retry: integerOption({
    default: -1,
    min: -1,
    help:
      'How many times a notification is retried while the broker cannot be reached before it is dropped; -1 retries ' +
      'until the buffer (buffer_size) is full. A request never waits for the broker either way.',
  }),
  buffer_size: integerOption({
    default: 1000,
    min: 1,
    help:
      'Xloud option: notifications held in memory while the broker is unreachable. When full, the oldest is dropped ' +
      '(counted by xloud_notifications_dropped_total and logged once per outage).',
  }),
} satisfies SectionSchema;
