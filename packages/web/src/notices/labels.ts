/** Translated names of notice values that come back from the API as plain strings. */
import type { I18n } from '../i18n/i18n.tsx';
import { noticeStatuses, type NoticeStatus } from './api.ts';
import { DECISION_OUTCOMES } from './events.ts';

export const statusTone = {
  pending_delivery: 'neutral',
  delivery_failed: 'danger',
  sent: 'warning',
  closed: 'success',
} as const satisfies Record<NoticeStatus, string>;

export function isNoticeStatus(value: string): value is NoticeStatus {
  return (noticeStatuses as readonly string[]).includes(value);
}

export function noticeStatusLabel(t: I18n['t'], value: string): string {
  return isNoticeStatus(value) ? t(`noticeStatus.${value}`) : value;
}

export function outcomeLabel(t: I18n['t'], value: string): string {
  return (DECISION_OUTCOMES as readonly string[]).includes(value)
    ? t(`outcome.${value as (typeof DECISION_OUTCOMES)[number]}`)
    : value;
}
