import { Nav, NavExpandable, NavGroup, NavItem } from '@patternfly/react-core';
import { NavLink, useLocation } from 'react-router';
import { t } from '../i18n/t.ts';
import { adminTarget } from '../pages/admin/components/permissions.ts';
import { usePermissions } from '../permissions/usePermissions.ts';
import { useCurrentSession } from '../session/SessionProvider.tsx';
import { navigation, navigationActions, type NavLeaf } from './navigation.ts';

/** The sidebar: administration entries appear only where the server's policy allows them. */
export function Sidebar() {
  const location = useLocation();
  const session = useCurrentSession();
  // A domain-scoped token passes the domain rules for its own domain's objects: ask about those, as the pages do.
  const permissions = usePermissions(navigationActions, adminTarget(session.token));
  const visible = (leaf: NavLeaf) => !leaf.action || permissions.allowed(leaf.action) === true;
  const item = (leaf: NavLeaf) => (
    <NavItem key={leaf.path} isActive={location.pathname.startsWith(leaf.path)}>
      <NavLink to={leaf.path}>{t(leaf.label)}</NavLink>
    </NavItem>
  );
  return (
    <Nav aria-label={t('nav.label')}>
      {navigation.map((group) => {
        const items = group.items.flatMap((entry) => {
          if (entry.kind === 'link') return visible(entry) ? [item(entry)] : [];
          const children = entry.children.filter(visible);
          if (children.length === 0) return [];
          const active = children.some((c) => location.pathname.startsWith(c.path));
          return [
            <NavExpandable key={entry.label} title={t(entry.label)} isActive={active} isExpanded>
              {children.map(item)}
            </NavExpandable>,
          ];
        });
        if (items.length === 0) return null;
        return (
          <NavGroup key={group.label} title={t(group.label)}>
            {items}
          </NavGroup>
        );
      })}
    </Nav>
  );
}
