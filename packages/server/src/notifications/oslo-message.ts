import { randomUUID } from 'node:crypto';

/** The notification as oslo.messaging's Notifier builds it (notify/notifier.py _notify). */
export interface OsloNotification {
  message_id: string;
  publisher_id: string;
  event_type: string;
  priority: 'INFO';
  payload: Record<string, unknown>;
  timestamp: string;
}

/** Python's str(datetime.utcnow()): 2026-12-03 07:32:16.386000 (no fraction when it is zero). */
export function pythonUtcTimestamp(time: Date): string {
  const iso = time.toISOString();
  const fraction = time.getUTCMilliseconds() === 0 ? '' : `.${iso.slice(20, 23)}000`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}`;
}

export function osloNotification(
  publisherId: string,
  eventType: string,
  payload: Record<string, unknown>,
  time: Date,
): OsloNotification {
  return {
    message_id: randomUUID(),
    publisher_id: publisherId,
    event_type: eventType,
    priority: 'INFO',
    payload,
    timestamp: pythonUtcTimestamp(time),
  };
}

/**
 * The AMQP message body: the rabbit driver adds _unique_id (amqpdriver _send); messagingv2 wraps the message
 * in the 2.0 envelope (common.serialize_msg), messaging (1.0) sends it bare.
 */
export function amqpBody(notification: OsloNotification, version: 1 | 2): Buffer {
  const message = { ...notification, _unique_id: randomUUID().replace(/-/g, '') };
  const body = version === 2 ? { 'oslo.version': '2.0', 'oslo.message': JSON.stringify(message) } : message;
  return Buffer.from(JSON.stringify(body), 'utf8');
}
