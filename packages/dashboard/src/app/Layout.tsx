import {
  Alert,
  AlertActionCloseButton,
  AlertGroup,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  MastheadToggle,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { BarsIcon } from '@patternfly/react-icons/dist/esm/icons/bars-icon.js';
import { useState } from 'react';
import { Link, Outlet } from 'react-router';
import { t } from '../i18n/t.ts';
import { ScopeSwitcher } from './ScopeSwitcher.tsx';
import { SessionCountdown } from './SessionCountdown.tsx';
import { Sidebar } from './Sidebar.tsx';
import { UserMenu } from './UserMenu.tsx';

const MAIN_ID = 'main-content';

/** The signed-in shell: masthead (scope, countdown, user menu), sidebar, and the page. */
export function Layout() {
  const [notice, setNotice] = useState<string | null>(null);
  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton variant="plain" aria-label={t('nav.toggle')}>
            <BarsIcon />
          </PageToggleButton>
        </MastheadToggle>
        <MastheadBrand>
          <Link to="/overview" className="xloud-brand">
            Xloud
          </Link>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup align={{ default: 'alignEnd' }} gap={{ default: 'gapMd' }}>
              <ToolbarItem>
                <ScopeSwitcher onError={setNotice} />
              </ToolbarItem>
              <ToolbarItem visibility={{ default: 'hidden', md: 'visible' }}>
                <SessionCountdown />
              </ToolbarItem>
              <ToolbarItem>
                <UserMenu />
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Sidebar />
      </PageSidebarBody>
    </PageSidebar>
  );
  return (
    <Page
      masthead={masthead}
      sidebar={sidebar}
      isManagedSidebar
      skipToContent={<SkipToContent href={`#${MAIN_ID}`}>{t('app.skipToContent')}</SkipToContent>}
      mainContainerId={MAIN_ID}
    >
      {notice ? (
        <AlertGroup isToast isLiveRegion>
          <Alert
            variant="danger"
            title={notice}
            actionClose={<AlertActionCloseButton onClose={() => setNotice(null)} />}
          />
        </AlertGroup>
      ) : null}
      <Outlet />
    </Page>
  );
}
