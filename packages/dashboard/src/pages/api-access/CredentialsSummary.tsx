import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
} from '@patternfly/react-core';
import type { TokenData } from '@xloud/sdk/browser';
import { CopyValue } from '../../components/CopyButton.tsx';
import { t, type MessageKey } from '../../i18n/t.ts';
import type { IdentityEndpoint } from './credential-files.ts';

/** Horizon's "View Credentials": what a CLI user types by hand, each value with a copy button. */
export function CredentialsSummary({ token, endpoint }: { token: TokenData; endpoint: IdentityEndpoint }) {
  const values: Array<[MessageKey, string | undefined]> = [
    ['apiAccess.cred.userName', token.user.name],
    ['apiAccess.cred.userId', token.user.id],
    ['apiAccess.cred.userDomain', token.user.domain.name ?? token.user.domain.id],
  ];
  if (token.project) {
    values.push(
      ['apiAccess.cred.projectName', token.project.name],
      ['apiAccess.cred.projectId', token.project.id],
      ['apiAccess.cred.domain', token.project.domain.name ?? token.project.domain.id],
    );
  } else if (token.domain) {
    values.push(
      ['apiAccess.cred.scopeDomainName', token.domain.name],
      ['apiAccess.cred.scopeDomainId', token.domain.id],
    );
  }
  values.push(['apiAccess.cred.authUrl', endpoint.authUrl], ['apiAccess.cred.region', endpoint.regionName]);
  return (
    <DescriptionList orientation={{ sm: 'horizontal' }} isCompact data-testid="api-credentials">
      {values
        .filter((entry): entry is [MessageKey, string] => Boolean(entry[1]))
        .map(([label, value]) => (
          <DescriptionListGroup key={label}>
            <DescriptionListTerm>{t(label)}</DescriptionListTerm>
            <DescriptionListDescription>
              <CopyValue value={value} label={t(label)} />
            </DescriptionListDescription>
          </DescriptionListGroup>
        ))}
    </DescriptionList>
  );
}
