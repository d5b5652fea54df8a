import { Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { t } from '../i18n/t.ts';
import { useCurrentSession, useSession } from '../session/SessionProvider.tsx';

/** The avatar menu, top right: User Center and sign-out (which revokes the token). */
export function UserMenu() {
  const session = useCurrentSession();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const name = session.token.user.name;
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      popperProps={{ position: 'right' }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen((o) => !o)}
          isExpanded={open}
          aria-label={t('header.userMenu', { name })}
          data-testid="user-menu"
        >
          {name}
        </MenuToggle>
      )}
    >
      <DropdownList>
        <DropdownItem key="center" onClick={() => navigate('/user-center')}>
          {t('nav.userCenter')}
        </DropdownItem>
        <DropdownItem key="out" onClick={() => void signOut()} data-testid="sign-out">
          {t('header.signOut')}
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
}
