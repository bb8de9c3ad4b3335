/**
 * The per-person daily exposure counter: how many media items a reviewer revealed today (UTC day),
 * kept in the browser. It drives break reminders; it is a wellbeing aid, not a control, so it lives
 * with the person rather than on the server.
 */
import type { ProtectionSettings } from './settings.ts';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function exposureKey(userId: string, now: number): string {
  return `vigie.exposure.${userId}.${new Date(now).toISOString().slice(0, 10)}`;
}

export function exposuresToday(store: KeyValueStore, userId: string, now: number): number {
  const n = Number(store.getItem(exposureKey(userId, now)));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** Counts one reveal and returns today's new total. */
export function recordExposure(store: KeyValueStore, userId: string, now: number): number {
  const total = exposuresToday(store, userId, now) + 1;
  store.setItem(exposureKey(userId, now), String(total));
  return total;
}

export type Reminder = 'none' | 'break' | 'limit';

/** What to tell the reviewer after their `count`-th reveal today. */
export function reminderFor(count: number, settings: ProtectionSettings): Reminder {
  if (settings.dailyLimit > 0 && count >= settings.dailyLimit) return 'limit';
  if (settings.breakEvery > 0 && count > 0 && count % settings.breakEvery === 0) return 'break';
  return 'none';
}

/** Graphic-content labels: bank labels that warrant a warning before any media shows. */
const GRAPHIC_LABEL =
  /(graphic|gore|violen|terror|gifct|csam|csae|ncii|self[-_ ]?harm|suicide|abuse|injur|death)/i;

export function graphicLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.filter((label) => GRAPHIC_LABEL.test(label)))];
}
