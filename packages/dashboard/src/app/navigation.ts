import type { MessageKey } from '../i18n/t.ts';

export interface NavLeaf {
  kind: 'link';
  label: MessageKey;
  path: string;
  /** Shown only when the token passes this policy action. */
  action?: string;
}
interface NavBranch {
  kind: 'branch';
  label: MessageKey;
  children: NavLeaf[];
}
export interface NavGroup {
  label: MessageKey;
  items: Array<NavLeaf | NavBranch>;
}

/**
 * The sidebar. Labels follow the seed's directions word for word: Project → Identity → Application Credentials,
 * Project → API Access.
 */
export const navigation: NavGroup[] = [
  {
    label: 'nav.project',
    items: [
      { kind: 'link', label: 'nav.overview', path: '/overview' },
      { kind: 'link', label: 'nav.apiAccess', path: '/project/api-access' },
      {
        kind: 'branch',
        label: 'nav.projectIdentity',
        children: [
          { kind: 'link', label: 'nav.applicationCredentials', path: '/project/identity/application-credentials' },
        ],
      },
    ],
  },
  {
    label: 'nav.admin',
    items: [
      {
        kind: 'branch',
        label: 'nav.identity',
        children: [
          { kind: 'link', label: 'nav.domains', path: '/identity/domains', action: 'identity:list_domains' },
          { kind: 'link', label: 'nav.projects', path: '/identity/projects', action: 'identity:list_projects' },
          { kind: 'link', label: 'nav.users', path: '/identity/users', action: 'identity:list_users' },
          { kind: 'link', label: 'nav.groups', path: '/identity/groups', action: 'identity:list_groups' },
          { kind: 'link', label: 'nav.roles', path: '/identity/roles', action: 'identity:list_roles' },
          {
            kind: 'link',
            label: 'nav.roleAssignments',
            path: '/identity/role-assignments',
            action: 'identity:list_role_assignments',
          },
          { kind: 'link', label: 'nav.activityLog', path: '/identity/activity', action: 'identity:list_audit_events' },
        ],
      },
    ],
  },
];

export const navigationActions: string[] = navigation.flatMap((g) =>
  g.items
    .flatMap((item) => (item.kind === 'link' ? [item] : item.children))
    .flatMap((leaf) => (leaf.action ? [leaf.action] : [])),
);
