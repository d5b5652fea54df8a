import { join } from 'node:path';
import { integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[fernet_tokens]`. */
export const fernetTokensSection = {
  key_repository: stringOption({
    default: ({ dataDir }) => join(dataDir, 'fernet-keys'),
    help:
      'Directory of Fernet keys, in keystone-manage fernet_setup layout (files 0, 1, 2, …). ' +
      'Must be readable only by the service user and identical on every node. ' +
      "Keystone's default is /etc/keystone/fernet-keys/; ours lives in the data directory. " +
      'sql:// keeps the keys in the database instead (table fernet_key, encrypted with the 32-byte base64 key in ' +
      'XLOUD_KEY_ENCRYPTION_KEY, which every node needs): a rotation on one node reaches the others by itself.',
  }),
  max_active_keys: integerOption({
    default: 3,
    min: 1,
    help:
      'Number of keys kept after a rotation: the staged key, the primary key and ' +
      'max_active_keys - 2 older keys that can still decrypt existing tokens.',
  }),
} satisfies SectionSchema;
