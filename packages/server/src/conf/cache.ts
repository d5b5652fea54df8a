import { booleanOption, choiceOption, integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/**
 * keystone.conf `[cache]`. Keystone takes this section from oslo.cache (dogpile
 * backends); we keep its switch and expiry names but offer our own backends.
 * Keystone turns caching on by default, so do we.
 */
export const cacheSection = {
  enabled: booleanOption({
    default: true,
    help: 'Master switch for caching; each section\'s caching option only applies when this is on.',
  }),
  backend: choiceOption({
    default: 'memory',
    choices: ['memory', 'redis'],
    help:
      'memory: per-process cache (a single node, or short cache times). redis: shared ' +
      'between nodes, needs redis_url.',
  }),
  redis_url: stringOption({
    help: 'Redis URL for backend = redis, e.g. redis://127.0.0.1:6379/0.',
  }),
  expiration_time: integerOption({
    default: 600,
    min: 1,
    help: 'Default seconds an entry stays cached, for sections without their own cache_time.',
  }),
} satisfies SectionSchema;
