import { defaultLocale, isLocale, type Locale } from './locales.ts';

/**
 * Picks the console language: a choice the user saved wins; then the browser's preferred languages
 * (navigator.languages mirrors Accept-Language), matched exactly and then by base language
 * (`pt-BR` → `pt`); then English.
 */
export function negotiateLocale(saved: string | null, preferred: readonly string[]): Locale {
  if (saved && isLocale(saved)) return saved;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (isLocale(lower)) return lower;
    const base = lower.split('-')[0] ?? '';
    if (isLocale(base)) return base;
  }
  return defaultLocale;
}
