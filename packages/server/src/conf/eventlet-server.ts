import { integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/**
 * keystone.conf `[eventlet_server]`. Keystone removed its built-in server long ago;
 * we reuse the historical option names for our own HTTP listener.
 */
export const eventletServerSection = {
  public_bind_host: stringOption({
    default: '127.0.0.1',
    help:
      'Address to listen on. Keystone\'s old default was 0.0.0.0; ours is loopback so a ' +
      'fresh install is not exposed by accident.',
  }),
  public_port: integerOption({
    default: 5000,
    min: 0,
    max: 65535,
    help: 'Port to listen on (0: any free port). The XLOUD_PORT environment variable overrides it.',
  }),
} satisfies SectionSchema;
