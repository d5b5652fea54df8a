import { join } from 'node:path';
import { integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[credential]`. */
export const credentialSection = {
  key_repository: stringOption({
    default: ({ dataDir }) => join(dataDir, 'credential-keys'),
    help:
      'Directory of Fernet keys that encrypt credential secrets at rest (xloud-manage credential setup/rotate/migrate). ' +
      'These keys have no relation to the token keys: never share the directory with [fernet_tokens] key_repository. ' +
      "Keystone's default is /etc/keystone/credential-keys/; ours lives in the data directory. " +
      'sql:// keeps them in the database instead, encrypted with XLOUD_KEY_ENCRYPTION_KEY (as [fernet_tokens] key_repository).',
  }),
  user_limit: integerOption({
    default: -1,
    min: -1,
    help: 'Maximum number of credentials a user may own. -1: unlimited.',
  }),
} satisfies SectionSchema;
