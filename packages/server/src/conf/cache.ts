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
    help: "Master switch for caching; each section's caching option only applies when this is on.",
  }),
  backend: choiceOption({
    default: 'memory',
    choices: ['memory', 'redis'],
    help:
      'Caches are always per process; this chooses how nodes sharing a database tell each other to drop them. ' +
      'memory: through PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL (else only the ' +
      'invalidation_poll_interval poll). redis: through publish/subscribe on redis_url, for MariaDB/MySQL. ' +
      'The poll stays on as the safety net either way.',
  }),
  redis_url: stringOption({
    default: 'redis://127.0.0.1:6379',
    help: 'The Redis server (redis://[:password@]host:port[/db]) that carries change announcements when backend = redis.',
  }),
  invalidation_poll_interval: integerOption({
    default: 1,
    min: 0,
    help:
      'Seconds between checks of the shared change counter, so that a revocation or role change ' +
      "made on another node (or by xloud-manage) reaches this node's caches within that time. " +
      '0 disables the check (a single process owns the database).',
  }),
  expiration_time: integerOption({
    default: 600,
    min: 1,
    help: 'Default seconds an entry stays cached, for sections without their own cache_time.',
  }),
} satisfies SectionSchema;
