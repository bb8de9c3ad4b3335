/**
 * The scorecard operations of the API (`/api/v1/scorecards`, `/api/v1/studies/…/scorecard`,
 * `/api/v1/public/scorecards/:orgSlug`) and their objects, as `packages/server/src/api/scorecards/
 * schemas.ts` describes them. Times are epoch milliseconds.
 */
import type { ApiClient } from '../api/client.ts';

/** The organisation setting that makes `/api/v1/public/scorecards/:orgSlug` answer (server: PUBLISH_SETTING). */
export const PUBLISH_SETTING = 'publishScorecard';

export interface Figures {
  sent: number;
  acknowledged: number;
  acknowledgedShare: number;
  medianMsToAcknowledgement: number | null;
  decided: number;
  actioned: number;
  actionedByLivenessOnly: number;
  medianMsToAction: number | null;
  removedWithin24h: number;
  removedWithin24hShare: number;
  removedWithin7d: number;
  removedWithin7dShare: number;
  noResponse: number;
  noResponseShare: number;
  escalated: number;
  reversedAfterEscalation: number;
  /** Reversals / escalations; null when nothing was escalated. */
  reversalShare: number | null;
}

export interface ScorecardRow {
  platform: string;
  category: string;
  country: string | null;
  language: string | null;
  figures: Figures;
}

export interface Scorecard {
  scope: { kind: 'organisation' | 'study'; name: string };
  period: { from: number | null; to: number | null; asOf: number };
  rows: ScorecardRow[];
  channels: { platform: string; channel: string; trustedFlagger: boolean; figures: Figures }[];
  platforms: { platform: string; figures: Figures }[];
  overall: Figures;
  excluded: { unsent: number };
  /** The generated methodology note (English, Markdown-like plain text). */
  methodology: string;
  csv?: string;
}

export interface Study {
  id: string;
  name: string;
  title: string;
  description: string;
  owned: boolean;
  /** `active` or `invited`: only active members read the study's scorecard. */
  membership: string;
  createdAt: number;
}

/** Sending-time window: `from` inclusive, `to` exclusive. */
export interface Period {
  from?: number | undefined;
  to?: number | undefined;
}

/** Whose scorecard: the signed-in organisation's own, or one study's (by id). */
export type ScorecardScope = { kind: 'organisation' } | { kind: 'study'; studyId: string };

const segment = encodeURIComponent;

function scopePath(scope: ScorecardScope): string {
  return scope.kind === 'organisation'
    ? '/api/v1/scorecards'
    : `/api/v1/studies/${segment(scope.studyId)}/scorecard`;
}

export function scorecardsApi(client: ApiClient) {
  return {
    scorecard: (scope: ScorecardScope, period: Period) =>
      client.get<Scorecard>(scopePath(scope), { from: period.from, to: period.to }),
    /** The same scorecard with its CSV text (the API answers JSON carrying `csv`). */
    scorecardCsv: async (scope: ScorecardScope, period: Period) =>
      (await client.get<Scorecard>(scopePath(scope), { from: period.from, to: period.to, format: 'csv' }))
        .csv ?? '',
    studies: () => client.get<{ studies: Study[] }>('/api/v1/studies'),
    /** Answers 404 (`not_found`) unless the organisation published its scorecard. */
    publicScorecard: (orgSlug: string, period: Period) =>
      client.get<Scorecard>(`/api/v1/public/scorecards/${segment(orgSlug)}`, {
        from: period.from,
        to: period.to,
      }),
  };
}
