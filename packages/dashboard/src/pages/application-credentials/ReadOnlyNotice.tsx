import { Alert } from '@patternfly/react-core';
import { t } from '../../i18n/t.ts';

/** Why the page offers no create or delete in this session, in plain words. */
export function ReadOnlyNotice({ restrictedName, needsProject }: { restrictedName?: string; needsProject: boolean }) {
  if (restrictedName !== undefined) {
    return (
      <Alert
        variant="info"
        isInline
        title={t('appCreds.readOnlyTitle')}
        className="xloud-ac-notice"
        data-testid="app-creds-read-only"
      >
        {t('appCreds.readOnlyAppCred', { name: restrictedName })}
      </Alert>
    );
  }
  if (needsProject) {
    return (
      <Alert
        variant="info"
        isInline
        title={t('appCreds.needProjectTitle')}
        className="xloud-ac-notice"
        data-testid="app-creds-need-project"
      >
        {t('appCreds.needProject')}
      </Alert>
    );
  }
  return null;
}
