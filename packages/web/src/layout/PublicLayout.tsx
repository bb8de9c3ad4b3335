import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { LocaleSwitcher } from './LocaleSwitcher.tsx';

/** Pages reachable without signing in (sign-in today; public report pages later). */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="public-shell">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="public-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </span>
        <LocaleSwitcher />
      </header>
      <main id="main" className="public-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
