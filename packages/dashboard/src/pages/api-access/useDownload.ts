import { useState } from 'react';
import { errorMessage } from '../../api/errors.ts';
import { t } from '../../i18n/t.ts';
import type { CredentialFile } from './credential-files.ts';
import { downloadFile } from './download.ts';

/** Saves a generated file, or says why it could not be made (the generator checks that the credential is usable). */
export function useDownload(): { error: string | null; save: (make: () => CredentialFile) => void } {
  const [error, setError] = useState<string | null>(null);
  return {
    error,
    save(make) {
      try {
        downloadFile(make());
        setError(null);
      } catch (e) {
        setError(t('apiAccess.fileFailed', { message: errorMessage(e) }));
      }
    },
  };
}
