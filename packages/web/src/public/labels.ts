/** Translated names of API enumerations that come back as plain strings. */
import { CATEGORY } from '../../../server/src/taxonomy/dsa.ts';
import { actions, type Action } from '../api/types.ts';
import type { I18n } from '../i18n/i18n.tsx';

export { CATEGORY };
export type Category = (typeof CATEGORY)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORY as readonly string[]).includes(value);
}

export function categoryLabel(t: I18n['t'], value: string): string {
  return isCategory(value) ? t(`category.${value}`) : value;
}

export function actionLabel(t: I18n['t'], value: string): string {
  return (actions as readonly string[]).includes(value) ? t(`action.${value as Action}`) : value;
}
