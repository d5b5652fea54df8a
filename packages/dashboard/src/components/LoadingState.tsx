import { Bullseye, Spinner } from '@patternfly/react-core';
import { t } from '../i18n/t.ts';

export function LoadingState({ label }: { label?: string }) {
  return (
    <Bullseye>
      <Spinner size="xl" aria-label={label ?? t('state.loading')} />
    </Bullseye>
  );
}
