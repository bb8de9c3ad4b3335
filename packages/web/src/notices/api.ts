/** Outbound notices' API objects and operations (`/api/v1/notices`). */
import type { RecordableEvent } from '../../../server/src/notices/event-schema.ts';
import type { ApiClient } from '../api/client.ts';
import type { ChannelKind } from '../platforms/api.ts';

export type { RecordableEvent };

export const noticeStatuses = ['pending_delivery', 'delivery_failed', 'sent', 'closed'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export type ClockState = 'running' | 'overdue' | 'met' | 'met_late' | 'stopped';

/** A response clock as the API computed it when it answered. */
export interface NoticeClock {
  dueAt: number;
  metAt: number | null;
  state: ClockState;
  lateByMs: number;
}

export interface Notice {
  id: string;
  reference: string;
  platformId: string;
  platformSlug: string;
  caseId: string | null;
  studyId: string | null;
  channel: string;
  channelAddress: string;
  legalBasis: string;
  trustedFlagger: boolean;
  category: string;
  country: string | null;
  language: string | null;
  text: string;
  items: { url: string }[];
  status: string;
  externalId: string | null;
  sentAt: number | null;
  acknowledgedAt: number | null;
  decision: string | null;
  decidedAt: number | null;
  statementOfReasonsAt: number | null;
  escalatedAt: number | null;
  reversedAt: number | null;
  contentGoneAt: number | null;
  closedAt: number | null;
  createdBy: string;
  createdAt: number;
  clocks: { acknowledgement: NoticeClock | null; decision: NoticeClock | null };
}

export interface NoticeEvent {
  seq: number;
  type: string;
  actorType: string;
  actorId: string;
  at: number;
  recordedAt: number;
  data: Record<string, unknown>;
}

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
