import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router/router.tsx';
import { useSession, useSignedIn } from '../session/session.tsx';
import { consoleRoutes, navGroups, type NavGroup } from '../routes.tsx';
import { LocaleSwitcher } from './LocaleSwitcher.tsx';

/** The signed-in frame: brand and account bar on top, navigation at the inline start, the screen. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { session, can } = useSignedIn();
  const { signOut } = useSession();
  const itemsOf = (group: NavGroup) =>
    consoleRoutes.filter((route) => route.nav === group && (!route.permission || can(route.permission)));
  const groups = navGroups
    .map((id) => ({ id, heading: t(`nav.${id}`), items: itemsOf(id) }))
    .filter((group) => group.items.length > 0);
  // A case or a bank highlights its list in the navigation.
  const isCurrent = (path: string) => pathname === path || pathname.startsWith(`${path}/`);

  return (
    <div className="console-shell">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="console-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </Link>
        <div className="header-tools">
          <LocaleSwitcher />
          <div className="user-menu" aria-label={t('header.userMenu')} role="group">
            <Link
              to="/account"
              className="user-name"
              aria-current={pathname === '/account' ? 'page' : undefined}
            >
              {session.user.displayName}
            </Link>
            <button type="button" className="button button-quiet" onClick={() => void signOut()}>
              {t('header.signOut')}
            </button>
          </div>
        </div>
      </header>
      <div className="console-body">
        <nav className="console-nav" aria-label={t('nav.label')}>
          {groups.map((group) => (
            <div key={group.id}>
              <p className="nav-heading" id={`nav-${group.id}`}>
                {group.heading}
              </p>
              <ul aria-labelledby={`nav-${group.id}`}>
                {group.items.map((route) => (
                  <li key={route.path}>
                    <Link to={route.path} aria-current={isCurrent(route.path) ? 'page' : undefined}>
                      {t(route.title)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" className="console-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
