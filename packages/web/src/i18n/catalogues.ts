/**
 * Message catalogues. English is bundled (it is the reference every other catalogue must match, see
 * test/i18n.test.ts); the others are separate chunks loaded when chosen.
 */
import en from './en.json';
import type { Locale } from './locales.ts';

export type Messages = typeof en;
export type MessageKey = keyof Messages;

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Messages }>> = {
  fr: () => import('./fr.json'),
  es: () => import('./es.json'),
  pt: () => import('./pt.json'),
  de: () => import('./de.json'),
  ar: () => import('./ar.json'),
  sw: () => import('./sw.json'),
  hi: () => import('./hi.json'),
  id: () => import('./id.json'),
  tr: () => import('./tr.json'),
};

export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === 'en') return en;
  return (await loaders[locale]()).default;
}

export const englishMessages: Messages = en;
