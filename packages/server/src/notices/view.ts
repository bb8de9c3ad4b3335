/** The public view of a notice and of its events. */
import { noticeClocks, type NoticeClocks } from './clocks.ts';
import type { NoticeEventTable, NoticeTable } from './tables.ts';

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
  clocks: NoticeClocks;
}

export interface NoticeEventView {
  seq: number;
  type: string;
  actorType: string;
  actorId: string;
  at: number;
  recordedAt: number;
  data: Record<string, unknown>;
}

export function toNotice(row: NoticeTable, asOf: number): Notice {
  return {
    id: row.id,
    reference: row.reference,
    platformId: row.platform_id,
    platformSlug: row.platform_slug,
    caseId: row.case_id,
    studyId: row.study_id,
    channel: row.channel,
    channelAddress: row.channel_address,
    legalBasis: row.legal_basis,
    trustedFlagger: row.trusted_flagger === 1,
    category: row.category,
    country: row.country,
    language: row.language,
    text: row.body,
    items: JSON.parse(row.items) as { url: string }[],
    status: row.status,
    externalId: row.external_id,
    sentAt: row.sent_at,
    acknowledgedAt: row.acknowledged_at,
    decision: row.decision,
    decidedAt: row.decided_at,
    statementOfReasonsAt: row.sor_received_at,
    escalatedAt: row.escalated_at,
    reversedAt: row.reversed_at,
    contentGoneAt: row.content_gone_at,
    closedAt: row.closed_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    clocks: noticeClocks(row, asOf),
  };
}

export function toEventView(row: Omit<NoticeEventTable, 'id'>): NoticeEventView {
  const { type: _type, ...data } = JSON.parse(row.data) as { type: string } & Record<string, unknown>;
  return {
    seq: row.seq,
    type: row.type,
    actorType: row.actor_type,
    actorId: row.actor_id,
    at: row.at,
    recordedAt: row.recorded_at,
    data,
  };
}
