import { DescriptionList } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import type { TokenData } from '@xloud/sdk/browser';
import { identity } from '../../api/identity.ts';
import { CopyValue } from '../../components/CopyButton.tsx';
import { DescriptionItem } from '../../components/DescriptionItem.tsx';
import { TitledCard } from '../../components/TitledCard.tsx';
import { t, type MessageKey } from '../../i18n/t.ts';

const METHOD_NAMES: Record<string, MessageKey> = {
  password: 'overview.me.methodPassword',
  token: 'overview.me.methodToken',
  totp: 'overview.me.methodTotp',
};

function signedInWith(token: TokenData): string {
  if (token.application_credential) return t('overview.me.appCred', { name: token.application_credential.name });
  return token.methods.map((m) => (METHOD_NAMES[m] ? t(METHOD_NAMES[m]) : m)).join(', ');
}

/** Who I am: from the token, plus the email from GET /v3/users/{me} when I may read it (silently left out if not). */
export function MeCard({ token }: { token: TokenData }) {
  const me = useQuery({
    queryKey: ['user', token.user.id],
    queryFn: () => identity.users.get(token.user.id),
    retry: false,
    staleTime: 60_000,
  });
  const email = typeof me.data?.email === 'string' && me.data.email ? me.data.email : undefined;
  return (
    <TitledCard title={t('overview.me')} isFullHeight>
      <DescriptionList orientation={{ sm: 'horizontal' }} isCompact data-testid="overview-me">
        <DescriptionItem term={t('overview.me.name')} className="xloud-break">
          {token.user.name}
        </DescriptionItem>
        <DescriptionItem term={t('overview.me.id')}>
          <CopyValue value={token.user.id} label={t('overview.me.id')} />
        </DescriptionItem>
        <DescriptionItem term={t('overview.me.domain')} className="xloud-break">
          {token.user.domain.name ?? token.user.domain.id}
        </DescriptionItem>
        {email ? (
          <DescriptionItem term={t('overview.me.email')} className="xloud-break">
            {email}
          </DescriptionItem>
        ) : null}
        <DescriptionItem term={t('overview.me.signedInWith')} className="xloud-break">
          {signedInWith(token)}
        </DescriptionItem>
      </DescriptionList>
    </TitledCard>
  );
}
