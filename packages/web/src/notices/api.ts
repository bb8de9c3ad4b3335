/** Outbound notices' API objects and operations (`/api/v1/notices`). */
import type { Clock, ClockState } from '../../../server/src/notices/clocks.ts';
import type { RecordableEvent } from '../../../server/src/notices/event-schema.ts';
import type { Notice, NoticeEventView as NoticeEvent } from '../../../server/src/notices/view.ts';
import type { ApiClient } from '../api/client.ts';
import type { ChannelKind } from '../platforms/api.ts';

export type { ClockState, Notice, NoticeEvent, RecordableEvent };

export const noticeStatuses = ['pending_delivery', 'delivery_failed', 'sent', 'closed'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

/** A response clock as the API computed it when it answered. */
export type NoticeClock = Clock;

export interface NoticeInput {
  platformId: string;
  channel: ChannelKind;
  legalBasis: string;
  trustedFlagger?: boolean;
  category?: string;
  country?: string;
  language?: string;
  text: string;
  items?: { url: string }[];
  caseId?: string;
  sentAt?: number;
}

export interface NoticeQuery {
  platformId?: string;
  status?: NoticeStatus;
  overdue?: 'true';
  limit?: number;
}

const segment = encodeURIComponent;

export function noticesApi(client: ApiClient) {
  return {
    notices: (query: NoticeQuery) =>
      client.get<{ notices: Notice[]; asOf: number }>('/api/v1/notices', { ...query }),
    notice: (noticeId: string) =>
      client.get<{ notice: Notice; events: NoticeEvent[] }>(`/api/v1/notices/${segment(noticeId)}`),
    createNotice: (body: NoticeInput) => client.post<{ notice: Notice }>('/api/v1/notices', body),
    recordNoticeEvent: (noticeId: string, body: { event: RecordableEvent; at?: number }) =>
      client.post<{ notice: Notice }>(`/api/v1/notices/${segment(noticeId)}/events`, body),
  };
}
