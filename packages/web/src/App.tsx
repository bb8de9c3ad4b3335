import { useEffect } from 'react';
import type { ConsolePermission } from './api/types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { ConsoleLayout } from './layout/ConsoleLayout.tsx';
import { PublicLayout } from './layout/PublicLayout.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { ForbiddenPage, NotFoundPage } from './pages/StatusPages.tsx';
import { consoleRoutes, homePath, publicRoutes } from './routes.tsx';
import { navigate } from './router/history.ts';
import { findRoute } from './router/match.ts';
import { RouteParamsContext, useLocation } from './router/router.tsx';
import { ProtectionProvider } from './protection/protection.tsx';
import { useSession } from './session/session.tsx';
import { Loading, LoadFailed } from './ui/components.tsx';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** Decides what the current address shows, given the session: the route table's gatekeeper. */
export function App() {
  const { pathname, search } = useLocation();
  const { state, reload } = useSession();
  const { t } = useI18n();

  if (state.status === 'loading') {
    return (
      <PublicLayout>
        <Loading />
      </PublicLayout>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <PublicLayout>
        <h1>{t('app.name')}</h1>
        <LoadFailed error={state.error} onRetry={reload} />
      </PublicLayout>
    );
  }

  const publicMatch = findRoute(publicRoutes, pathname);
  if (publicMatch) {
    const next = search.get('next');
    // Only same-site paths: `next` comes from the address bar and must not send the user elsewhere.
    if (state.status === 'signedIn' && pathname === '/login')
      return <Redirect to={next?.startsWith('/') && !next.startsWith('//') ? next : '/'} />;
    const Page = publicMatch.route.page;
    return (
      <PublicLayout>
        <RouteParamsContext.Provider value={publicMatch.params}>
          <Page key={pathname} />
        </RouteParamsContext.Provider>
      </PublicLayout>
    );
  }

  if (state.status === 'signedOut') {
    const next =
      pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + (search.size ? `?${search}` : ''))}`;
    return <Redirect to={`/login${next}`} />;
  }

  const { session } = state;
  if (session.passwordChangeRequired) {
    return (
      <PublicLayout>
        <ChangePasswordPage />
      </PublicLayout>
    );
  }

  const can = (permission: ConsolePermission) => session.permissions.includes(permission);
  if (pathname === '/') return <Redirect to={homePath(can)} />;

  const match = findRoute(consoleRoutes, pathname);
  const Page = match
    ? match.route.permission && !can(match.route.permission)
      ? ForbiddenPage
      : match.route.page
    : NotFoundPage;
  return (
    <ProtectionProvider>
      <ConsoleLayout>
        <RouteParamsContext.Provider value={match?.params ?? {}}>
          {/* A new key per path resets a screen's state when the user navigates to another one. */}
          <Page key={pathname} />
        </RouteParamsContext.Provider>
      </ConsoleLayout>
    </ProtectionProvider>
  );
}
