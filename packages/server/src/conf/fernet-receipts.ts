import { join } from 'node:path';
import { integerOption, stringOption } from './option-builders.ts';
import type { SectionSchema } from './option-types.ts';

/** keystone.conf `[fernet_receipts]`. */
export const fernetReceiptsSection = {
  key_repository: stringOption({
    default: ({ dataDir }) => join(dataDir, 'fernet-receipt-keys'),
    help:
      'Directory of the Fernet keys that seal auth receipts, in keystone-manage fernet_setup layout; created by ' +
      "`xloud-manage fernet setup --receipts` (and on the quick start's first run). Keystone's default is the token " +
      'repository /etc/keystone/fernet-keys/; a repository of their own lets receipts and tokens rotate apart. ' +
      'sql:// keeps the keys in the database, as for [fernet_tokens].',
  }),
  max_active_keys: integerOption({
    default: 3,
    min: 1,
    help: 'Number of receipt keys kept after a rotation (the staged key, the primary key and older keys).',
  }),
} satisfies SectionSchema;
