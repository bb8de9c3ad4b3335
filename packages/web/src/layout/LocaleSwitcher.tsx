import { useId } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { isLocale, locales } from '../i18n/locales.ts';

export function LocaleSwitcher() {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  return (
    <div className="locale-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) void setLocale(event.target.value);
        }}
      >
        {locales.map((entry) => (
          // lang on each option so screen readers pronounce every name in its own language.
          <option key={entry.code} value={entry.code} lang={entry.code}>
            {entry.name}
          </option>
        ))}
      </select>
    </div>
  );
}
