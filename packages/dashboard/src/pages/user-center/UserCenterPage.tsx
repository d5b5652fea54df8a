import { Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { useEffect, type ComponentType } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { ConsolePage } from '../../components/ConsolePage.tsx';
import { t, type MessageKey } from '../../i18n/t.ts';
import { ActivityTab } from './ActivityTab.tsx';
import { GroupsTab } from './GroupsTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { tabOfPath, userCenterPath, USER_CENTER_TABS, type UserCenterTab } from './paths.ts';
import { ProfileTab } from './ProfileTab.tsx';
import { SecurityTab } from './SecurityTab.tsx';
import { TwoFactorTab } from './TwoFactorTab.tsx';
import './user-center.css';

const TAB_LABELS: Record<UserCenterTab, MessageKey> = {
  overview: 'userCenter.tab.overview',
  profile: 'userCenter.tab.profile',
  security: 'userCenter.tab.security',
  'two-factor': 'userCenter.tab.twoFactor',
  groups: 'userCenter.tab.groups',
  activity: 'userCenter.tab.activity',
};

const TAB_CONTENT: Record<UserCenterTab, ComponentType> = {
  overview: OverviewTab,
  profile: ProfileTab,
  security: SecurityTab,
  'two-factor': TwoFactorTab,
  groups: GroupsTab,
  activity: ActivityTab,
};

/**
 * User Center (avatar menu → User Center): the signed-in user's own account. Every tab is an address
 * (/user-center, /user-center/profile, /security, /groups, /activity), so it can be bookmarked and reloaded.
 */
export default function UserCenterPage() {
  const navigate = useNavigate();
  const active = tabOfPath(useParams()['*'] ?? '');

  // After ConsolePage's own title effect (children's effects run first): name the tab too.
  useEffect(() => {
    if (active) document.title = `${t(TAB_LABELS[active])} · ${t('userCenter.title')} · ${t('app.name')}`;
  }, [active]);

  if (!active) return <Navigate to="/user-center" replace />;

  return (
    <ConsolePage title={t('userCenter.title')} description={t('userCenter.description')}>
      <Tabs
        activeKey={active}
        onSelect={(_event, key) => navigate(userCenterPath(key as UserCenterTab))}
        aria-label={t('userCenter.tabsLabel')}
        mountOnEnter
        unmountOnExit
      >
        {USER_CENTER_TABS.map((key) => {
          const Content = TAB_CONTENT[key];
          return (
            <Tab
              key={key}
              eventKey={key}
              title={<TabTitleText>{t(TAB_LABELS[key])}</TabTitleText>}
              data-testid={`user-center-tab-${key}`}
            >
              <div className="xloud-uc-panel">
                <Content />
              </div>
            </Tab>
          );
        })}
      </Tabs>
    </ConsolePage>
  );
}
