/**
 * Narrowing a scorecard in the page (src/scorecards/figures.ts) against the server's own figures:
 * random notice timelines go through the server's `groupFigures` (what the API answers), the page
 * filters the groups, and every count and share must equal the server's figures computed over just
 * the matching notices; a median is either exactly the server's or absent, never a wrong number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeFigures,
  DAY_MS,
  groupFigures,
  type NoticeTimeline,
} from '../../server/src/scorecards/figures.ts';
import type { Scorecard } from '../src/scorecards/api.ts';
import {
  ANY,
  combineFigures,
  filterOptions,
  filterRows,
  narrowScorecard,
  NOT_RECORDED,
  type RowFilter,
} from '../src/scorecards/figures.ts';

const ASOF = 100 * DAY_MS;
const HOUR = 3_600_000;

const maybeAfter = (start: fc.Arbitrary<number>) => fc.option(start, { nil: null });
const timeline: fc.Arbitrary<NoticeTimeline> = fc
  .record({
    platform: fc.constantFrom('alpha', 'beta', 'gamma'),
    category: fc.constantFrom('STATEMENT_CATEGORY_VIOLENCE', 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD'),
    country: fc.constantFrom('FR', 'DE', null),
    language: fc.constantFrom('fr', 'ar', null),
    sentAt: fc.integer({ min: 0, max: 50 * DAY_MS }),
    ack: maybeAfter(fc.integer({ min: 0, max: 400 * HOUR })),
    decision: fc.constantFrom('removed', 'restricted', 'rejected', 'no_action', null),
    decided: fc.integer({ min: 0, max: 400 * HOUR }),
    escalated: maybeAfter(fc.integer({ min: 0, max: 400 * HOUR })),
    reversed: fc.boolean(),
    gone: maybeAfter(fc.integer({ min: 0, max: 400 * HOUR })),
  })
  .map((r) => ({
    platform: r.platform,
    channel: 'email',
    trustedFlagger: false,
    category: r.category,
    country: r.country,
    language: r.language,
    sentAt: r.sentAt,
    acknowledgedAt: r.ack === null ? null : r.sentAt + r.ack,
    decision: r.decision,
    decidedAt: r.decision === null ? null : r.sentAt + r.decided,
    statementOfReasonsAt: null,
    escalatedAt: r.escalated === null ? null : r.sentAt + r.escalated,
    reversedAt: r.escalated !== null && r.reversed ? r.sentAt + r.escalated + HOUR : null,
    contentGoneAt: r.gone === null ? null : r.sentAt + r.gone,
  }));

/** A notice sent at 0 to platform `a`, with nothing happening unless said. */
const notice = (over: Partial<NoticeTimeline>): NoticeTimeline => ({
  platform: 'a',
  channel: 'email',
  trustedFlagger: false,
  category: 'STATEMENT_CATEGORY_VIOLENCE',
  country: null,
  language: null,
  sentAt: 0,
  acknowledgedAt: null,
  decision: null,
  decidedAt: null,
  statementOfReasonsAt: null,
  escalatedAt: null,
  reversedAt: null,
  contentGoneAt: null,
  ...over,
});

function scorecardOf(timelines: NoticeTimeline[]): Scorecard {
  return {
    scope: { kind: 'organisation', name: 'test' },
    period: { from: null, to: null, asOf: ASOF },
    ...groupFigures(timelines, ASOF),
    excluded: { unsent: 0 },
    methodology: '',
  };
}

const filter = fc.record({
  platform: fc.constantFrom('', 'alpha', 'beta', 'delta'),
  category: fc.constantFrom('', 'STATEMENT_CATEGORY_VIOLENCE'),
  country: fc.constantFrom('', 'FR', NOT_RECORDED),
  language: fc.constantFrom('', 'ar', NOT_RECORDED),
});

const matches = (f: RowFilter, t: NoticeTimeline) =>
  (f.platform === '' || f.platform === t.platform) &&
  (f.category === '' || f.category === t.category) &&
  (f.country === '' || f.country === (t.country ?? NOT_RECORDED)) &&
  (f.language === '' || f.language === (t.language ?? NOT_RECORDED));

const ADDITIVE = [
  'sent',
  'acknowledged',
  'acknowledgedShare',
  'decided',
  'actioned',
  'actionedByLivenessOnly',
  'removedWithin24h',
  'removedWithin24hShare',
  'removedWithin7d',
  'removedWithin7dShare',
  'noResponse',
  'noResponseShare',
  'escalated',
  'reversedAfterEscalation',
  'reversalShare',
] as const;

function expectSameFigures(
  actual: ReturnType<typeof computeFigures>,
  expected: ReturnType<typeof computeFigures>,
) {
  for (const key of ADDITIVE) {
    const want = expected[key];
    if (want === null) expect(actual[key], key).toBeNull();
    else expect(actual[key], key).toBeCloseTo(want, 12);
  }
  for (const key of ['medianMsToAcknowledgement', 'medianMsToAction'] as const) {
    if (actual[key] !== null) expect(actual[key], key).toBe(expected[key]);
  }
}

describe('narrowScorecard', () => {
  it('agrees with the server over the matching notices, overall and per platform', () => {
    fc.assert(
      fc.property(fc.array(timeline, { maxLength: 60 }), filter, (timelines, f) => {
        const card = scorecardOf(timelines);
        const narrowed = narrowScorecard(card, f);
        // Channel figures exist only as the API split them: by platform, never by a finer filter.
        expect(narrowed.channels).toEqual(
          f.category || f.country || f.language
            ? []
            : card.channels.filter((c) => f.platform === '' || c.platform === f.platform),
        );
        const kept = timelines.filter((t) => matches(f, t));
        expectSameFigures(narrowed.overall, computeFigures(kept, ASOF));
        expect(narrowed.rows.reduce((n, r) => n + r.figures.sent, 0)).toBe(kept.length);
        expect(narrowed.platforms.map((p) => p.platform)).toEqual(
          [...new Set(kept.map((t) => t.platform))].sort(),
        );
        for (const { platform, figures } of narrowed.platforms)
          expectSameFigures(
            figures,
            computeFigures(
              kept.filter((t) => t.platform === platform),
              ASOF,
            ),
          );
      }),
    );
  });

  it("keeps the server's exact medians when no filter splits a platform into groups", () => {
    fc.assert(
      fc.property(fc.array(timeline, { minLength: 1, maxLength: 40 }), (timelines) => {
        const card = scorecardOf(timelines);
        expect(narrowScorecard(card, ANY).overall).toEqual(card.overall);
        const first = card.platforms[0]!;
        const narrowed = narrowScorecard(card, { ...ANY, platform: first.platform });
        expect(narrowed.overall).toEqual(first.figures);
        expect(narrowed.platforms).toEqual([first]);
        expect(narrowed.channels).toEqual(card.channels.filter((c) => c.platform === first.platform));
      }),
    );
  });
});

describe('combineFigures', () => {
  it('knows a median only when a single group contributes to it', () => {
    const one = computeFigures(
      [notice({ acknowledgedAt: HOUR }), notice({ acknowledgedAt: 3 * HOUR })],
      ASOF,
    );
    const silent = computeFigures([notice({})], ASOF);
    const other = computeFigures([notice({ acknowledgedAt: 10 * HOUR })], ASOF);
    expect(combineFigures([one, silent]).medianMsToAcknowledgement).toBe(2 * HOUR);
    expect(combineFigures([one, other]).medianMsToAcknowledgement).toBeNull();
    expect(combineFigures([one, silent]).acknowledgedShare).toBeCloseTo(2 / 3, 12);
    expect(combineFigures([]).sent).toBe(0);
    expect(combineFigures([]).reversalShare).toBeNull();
  });
});

describe('filterRows and filterOptions', () => {
  it('offers each recorded value once, "not recorded" for nulls, and filters by it', () => {
    const card = scorecardOf([
      notice({ platform: 'b', country: 'FR' }),
      notice({ platform: 'a', language: 'fr' }),
      notice({ platform: 'a', country: 'FR', language: 'fr' }),
    ]);
    expect(filterOptions(card.rows)).toEqual({
      platforms: ['a', 'b'],
      categories: ['STATEMENT_CATEGORY_VIOLENCE'],
      countries: [NOT_RECORDED, 'FR'],
      languages: [NOT_RECORDED, 'fr'],
    });
    expect(filterRows(card.rows, { ...ANY, country: NOT_RECORDED }).map((r) => r.platform)).toEqual(['a']);
    expect(filterRows(card.rows, { ...ANY, language: 'fr' })).toHaveLength(2);
  });
});
