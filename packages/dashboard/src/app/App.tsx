import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import { errorKind } from '../api/errors.ts';
import { SessionProvider } from '../session/SessionProvider.tsx';
import { routes } from './routes.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Only transient failures are worth retrying; a 403 or 404 will not change by asking again.
      retry: (count, error) => count < 2 && ['network', 'server'].includes(errorKind(error)),
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

/** The session provider needs the router (it navigates to sign-in), so it sits in a root route. */
function Root() {
  return (
    <SessionProvider>
      <Outlet />
    </SessionProvider>
  );
}

const router = createBrowserRouter([{ element: <Root />, children: routes }], { basename: '/dashboard' });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
