import { integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/**
 * keystone.conf `[eventlet_server]`. Keystone removed its built-in server long ago;
 * we reuse the historical option names for our own HTTP listener, and keep its
 * timeouts here too (client_socket_timeout is one of Keystone's old names).
 */
export const eventletServerSection = {
  public_bind_host: stringOption({
    default: '127.0.0.1',
    help:
      "Address to listen on. Keystone's old default was 0.0.0.0; ours is loopback so a " +
      'fresh install is not exposed by accident.',
  }),
  public_port: integerOption({
    default: 5000,
    min: 0,
    max: 65535,
    help: 'Port to listen on (0: any free port). The XLOUD_PORT environment variable overrides it.',
  }),
  client_socket_timeout: integerOption({
    default: 60,
    min: 0,
    help:
      'Seconds a client connection may stay silent (no bytes in either direction) while a request ' +
      "is being received or answered before it is closed. 0: never. Keystone's eventlet server had " +
      'this option with 900.',
  }),
  headers_timeout: integerOption({
    default: 20,
    min: 0,
    help:
      'Seconds a client has to send the request line and all headers, counted from its first byte ' +
      '(or from connecting). A slower client gets 408 and is disconnected, so clients trickling ' +
      'headers cannot hold connections open. 0: no limit (not recommended).',
  }),
  request_timeout: integerOption({
    default: 60,
    min: 0,
    help:
      'Seconds a client has to send a whole request, headers and body. A slower client gets 408 ' +
      'and is disconnected. Must not be less than headers_timeout. 0: no limit (not recommended).',
  }),
  keep_alive_timeout: integerOption({
    default: 72,
    min: 1,
    help:
      'Seconds an idle keep-alive connection is kept open for the next request. Keep it longer than ' +
      'the idle timeout of a load balancer in front (often 60), so the balancer, not this server, ' +
      'closes idle connections and never sends a request into one being closed.',
  }),
} satisfies SectionSchema;
