/**
 * The scorecard operations of the API (`/api/v1/scorecards`, `/api/v1/studies/…/scorecard`,
 * `/api/v1/public/scorecards/:orgSlug`) and their objects, as `packages/server/src/api/scorecards/
 * schemas.ts` describes them. Times are epoch milliseconds.
 */
import type { Figures, ScorecardRow } from '../../../server/src/scorecards/figures.ts';
import type { Scorecard as ServerScorecard } from '../../../server/src/scorecards/scorecard.ts';
import type { ApiClient } from '../api/client.ts';

export type { Figures, ScorecardRow };

/** The organisation setting that makes `/api/v1/public/scorecards/:orgSlug` answer (server: PUBLISH_SETTING). */
export const PUBLISH_SETTING = 'publishScorecard';

/** The scorecard as the API answers it: the server's own type, plus the CSV when asked for. */
export type Scorecard = ServerScorecard & { csv?: string };

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
