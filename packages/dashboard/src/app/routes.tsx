import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { LoadingState } from '../components/LoadingState.tsx';
import { RequireSession } from '../session/RequireSession.tsx';
import { SignInPage } from '../pages/sign-in/SignInPage.tsx';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';

/** The signed-in shell and every page after sign-in are chunks of their own: the sign-in page loads only what it needs. */
const Layout = lazy(() => import('./Layout.tsx').then((m) => ({ default: m.Layout })));

const pages = {
  overview: lazy(() => import('../pages/overview/OverviewPage.tsx')),
  applicationCredentials: lazy(() => import('../pages/application-credentials/ApplicationCredentialsPage.tsx')),
  apiAccess: lazy(() => import('../pages/api-access/ApiAccessPage.tsx')),
  userCenter: lazy(() => import('../pages/user-center/UserCenterPage.tsx')),
  domains: lazy(() => import('../pages/admin/DomainsPage.tsx')),
  projects: lazy(() => import('../pages/admin/ProjectsPage.tsx')),
  projectDetail: lazy(() => import('../pages/admin/ProjectDetailPage.tsx')),
  users: lazy(() => import('../pages/admin/UsersPage.tsx')),
  userDetail: lazy(() => import('../pages/admin/UserDetailPage.tsx')),
  groups: lazy(() => import('../pages/admin/GroupsPage.tsx')),
  groupDetail: lazy(() => import('../pages/admin/GroupDetailPage.tsx')),
  roles: lazy(() => import('../pages/admin/RolesPage.tsx')),
  roleAssignments: lazy(() => import('../pages/admin/RoleAssignmentsPage.tsx')),
  activityLog: lazy(() => import('../pages/admin/ActivityLogPage.tsx')),
  notFound: lazy(() => import('../pages/NotFoundPage.tsx')),
};

function page(Component: LazyExoticComponent<ComponentType>) {
  return (
    <PageErrorBoundary>
      <Suspense fallback={<LoadingState />}>
        <Component />
      </Suspense>
    </PageErrorBoundary>
  );
}

export const routes: RouteObject[] = [
  { path: '/login', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <Suspense fallback={<LoadingState />}>
          <Layout />
        </Suspense>
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/overview" replace /> },
      { path: 'overview', element: page(pages.overview) },
      { path: 'project/identity/application-credentials', element: page(pages.applicationCredentials) },
      { path: 'project/api-access', element: page(pages.apiAccess) },
      { path: 'user-center/*', element: page(pages.userCenter) },
      { path: 'identity/domains', element: page(pages.domains) },
      { path: 'identity/projects', element: page(pages.projects) },
      { path: 'identity/projects/:projectId/*', element: page(pages.projectDetail) },
      { path: 'identity/users', element: page(pages.users) },
      { path: 'identity/users/:userId/*', element: page(pages.userDetail) },
      { path: 'identity/groups', element: page(pages.groups) },
      { path: 'identity/groups/:groupId/*', element: page(pages.groupDetail) },
      { path: 'identity/roles', element: page(pages.roles) },
      { path: 'identity/role-assignments', element: page(pages.roleAssignments) },
      { path: 'identity/activity', element: page(pages.activityLog) },
      { path: '*', element: page(pages.notFound) },
    ],
  },
];
