import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { englishMessages, loadMessages, type MessageKey, type Messages } from './catalogues.ts';
import { interpolate } from './interpolate.ts';
import { directionOf, type Locale } from './locales.ts';

const STORAGE_KEY = 'vigie.locale';

export interface I18n {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t(key: MessageKey, values?: Record<string, string | number>): string;
  setLocale(locale: Locale): Promise<void>;
  formatDateTime(epochMs: number): string;
  formatDate(epochMs: number): string;
  formatNumber(value: number): string;
}

const I18nContext = createContext<I18n | null>(null);

/** Puts the language and writing direction on <html>, so screen readers and layout follow them. */
export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

export function savedLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: fall back to the browser's languages
  }
}

function saveLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // The choice then lasts for this page only.
  }
}

export function I18nProvider(props: {
  initialLocale: Locale;
  initialMessages: Messages;
  children: ReactNode;
}) {
  const [state, setState] = useState({ locale: props.initialLocale, messages: props.initialMessages });

  const setLocale = useCallback(async (locale: Locale) => {
    const messages = await loadMessages(locale);
    saveLocale(locale);
    applyDocumentLocale(locale);
    setState({ locale, messages });
  }, []);

  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(state.locale);
    return {
      locale: state.locale,
      dir: directionOf(state.locale),
      // English fills any gap so a missing translation shows text, never a key.
      t: (key, values) => interpolate(state.messages[key] ?? englishMessages[key], values),
      setLocale,
      formatDateTime: (epochMs) => dateTime.format(epochMs),
      formatDate: (epochMs) => date.format(epochMs),
      formatNumber: (n) => number.format(n),
    };
  }, [state, setLocale]);

  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
