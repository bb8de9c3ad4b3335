import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { navigationCount } from '../router/history.ts';

/**
 * The heading of a screen. After a client-side navigation, focus moves to it and the document title
 * changes, so screen-reader and keyboard users learn that the page changed, as with a page load.
 * After a real page load focus stays at the top, where the skip link is the first stop.
 */
export function PageHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro?: string;
  actions?: ReactNode;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    // Only on arrival (empty deps): a locale switch re-renders the title but must not steal focus.
    if (navigationCount() > 0) heading.current?.focus();
  }, []);

  return (
    <header className="page-header">
      <div>
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {intro && <p className="page-intro">{intro}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
