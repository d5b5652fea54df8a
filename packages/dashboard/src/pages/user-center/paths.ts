/** The User Center's tabs and their addresses (each tab is bookmarkable). */
export const USER_CENTER_TABS = ['overview', 'profile', 'security', 'two-factor', 'groups', 'activity'] as const;
export type UserCenterTab = (typeof USER_CENTER_TABS)[number];

/** /user-center for the overview, /user-center/<tab> for the others. */
export function userCenterPath(tab: UserCenterTab): string {
  return tab === 'overview' ? '/user-center' : `/user-center/${tab}`;
}

/** Which tab an address below /user-center/ names (undefined: none). */
export function tabOfPath(rest: string): UserCenterTab | undefined {
  const segment = rest.replace(/\/+$/, '');
  if (segment === '') return 'overview';
  return (USER_CENTER_TABS as readonly string[]).includes(segment) && segment !== 'overview'
    ? (segment as UserCenterTab)
    : undefined;
}
