import { booleanOption, integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/**
 * `[dashboard]`: the Xloud console served at /dashboard/ and its session endpoints (/dashboard/api/).
 * Not a keystone.conf section (Keystone has no UI; Horizon is a separate service).
 */
export const dashboardSection = {
  enabled: booleanOption({
    default: true,
    help:
      'Serve the console at /dashboard/ and its session endpoints at /dashboard/api/. When false, ' +
      'every /dashboard path answers 404 and GET / no longer redirects browsers to the console.',
  }),
  idle_timeout: integerOption({
    default: 3600,
    min: 0,
    help:
      "Seconds without a proxied API call after which a console session ends (like Horizon's " +
      'SESSION_TIMEOUT). 0: sessions last until their token expires.',
  }),
  static_dir: stringOption({
    help:
      'Directory holding the console build (index.html and assets/). Unset: packages/dashboard/dist ' +
      'of this source tree (npm run build -w @xloud/dashboard). Relative paths are resolved against ' +
      'the working directory.',
  }),
} satisfies SectionSchema;
