import { Content, DescriptionList } from '@patternfly/react-core';
import type { TokenData } from '@xloud/sdk/browser';
import { DateTime, parseApiTime } from '../../components/DateTime.tsx';
import { DescriptionItem } from '../../components/DescriptionItem.tsx';
import { TitledCard } from '../../components/TitledCard.tsx';
import { t } from '../../i18n/t.ts';
import { scopeLabel } from '../../session/scope.ts';
import { formatDuration } from '../../session/useSessionClock.ts';
import type { MyRole, ScopeKey } from './my-roles.ts';
import { plainRole, RoleLabels } from './RoleLabels.tsx';
import { useNow } from './useNow.ts';

function currentKey(token: TokenData): ScopeKey | undefined {
  if (token.project) return `project:${token.project.id}`;
  if (token.domain) return `domain:${token.domain.id}`;
  if (token.system) return 'system';
  return undefined;
}

/**
 * The token's roles, marked with their provenance where the role assignments are readable. The token's list stays
 * the authority (an application-credential session carries only the credential's roles).
 */
function currentRoles(token: TokenData, byScope?: Map<ScopeKey, MyRole[]>): MyRole[] {
  const key = currentKey(token);
  const known = new Map(key && byScope?.get(key) ? byScope.get(key)!.map((r) => [r.id, r]) : []);
  return (token.roles ?? [])
    .map((r) => known.get(r.id) ?? plainRole(r))
    .sort((a, b) => Number(a.implied) - Number(b.implied) || a.name.localeCompare(b.name));
}

/** Where I am working: the scope, my roles there (implied ones marked), and when the session's token expires. */
export function ScopeCard({ token, byScope }: { token: TokenData; byScope?: Map<ScopeKey, MyRole[]> }) {
  const now = useNow();
  const roles = currentRoles(token, byScope);
  const remaining = Math.max(0, Math.floor((parseApiTime(token.expires_at).getTime() - now) / 1000));
  const note = byScope
    ? roles.some((r) => r.implied)
      ? t('overview.role.legend')
      : null
    : t('overview.role.provenanceUnknown');
  return (
    <TitledCard title={t('overview.scope')} isFullHeight>
      <DescriptionList orientation={{ sm: 'horizontal' }} isCompact data-testid="overview-scope">
        <DescriptionItem term={t('overview.scope.where')} className="xloud-break">
          {scopeLabel(token)}
        </DescriptionItem>
        <DescriptionItem term={t('overview.scope.roles')} testId="overview-scope-roles">
          {roles.length > 0 ? (
            <RoleLabels roles={roles} label={t('overview.scope.roles')} />
          ) : (
            t('overview.scope.noRoles')
          )}
          {roles.length > 0 && note ? (
            <Content component="small" className="xloud-ov-note">
              {note}
            </Content>
          ) : null}
        </DescriptionItem>
        <DescriptionItem term={t('overview.scope.expires')}>
          <DateTime value={token.expires_at} />
        </DescriptionItem>
        {/* Not a live region: a screen reader announcing every second would drown everything else. */}
        <DescriptionItem term={t('overview.scope.remaining')} testId="overview-token-countdown">
          {t('overview.scope.remainingValue', { time: formatDuration(remaining) })}
        </DescriptionItem>
      </DescriptionList>
    </TitledCard>
  );
}
