import { describe, expect, it } from 'vitest';
import type { TermMatch } from '../src/packs/matcher.ts';
import { computeSignals, packLogit } from '../src/signals.ts';

const m = (category: TermMatch['category'], start: number, end = start + 1): TermMatch => ({
  category,
  term: category,
  start,
  end,
  kind: 'exact',
  reclaimed: false,
});
const words = { chars: false, negationAfter: false };

describe('computeSignals', () => {
  it('reads identity + negative content as an attack', () => {
    const s = computeSignals([m('hate', 1), m('identity', 2)], 'I hate them', words);
    expect(s.identityNegative).toBe(1);
    expect(s.negatedNegative).toBe(0);
  });

  it('applies negation just before a negative term', () => {
    const s = computeSignals([m('negation', 1), m('hate', 2), m('identity', 3)], 'I do not hate them', words);
    expect(s).toMatchObject({ negative: 0, negatedNegative: 1, identityNegative: 0 });
  });

  it('ignores negation far before the term', () => {
    const s = computeSignals([m('negation', 0), m('hate', 6), m('identity', 7)], 'x', words);
    expect(s.negative).toBe(1);
  });

  it('does not read a negation word inside a term as negating it', () => {
    const s = computeSignals(
      [m('hate', 1, 3), m('negation', 1), m('identity', 4)],
      'I have no respect for them',
      words,
    );
    expect(s).toMatchObject({ negative: 1, negatedNegative: 0, identityNegative: 1 });
  });

  it('lets negation reach the end of its clause, and no further, in character languages', () => {
    const chars = { chars: true, negationAfter: false, clauseBreaks: [6] };
    const inClause = computeSignals([m('negation', 0), m('hate', 4, 6), m('identity', 6, 8)], 'x', chars);
    expect(inClause.negatedNegative).toBe(1);
    const nextClause = computeSignals([m('negation', 0), m('identity', 4, 6), m('hate', 6, 8)], 'x', chars);
    expect(nextClause).toMatchObject({ negative: 1, negatedNegative: 0 });
  });

  it('applies negation after the term only for verb-final languages', () => {
    const matches = [m('hate', 1), m('identity', 2), m('negation', 3)];
    expect(computeSignals(matches, 'x', words).negative).toBe(1);
    expect(computeSignals(matches, 'x', { chars: false, negationAfter: true }).negative).toBe(0);
  });

  it('reads negated praise of a group as hostile', () => {
    const s = computeSignals([m('identity', 0), m('negation', 2), m('positive', 3)], 'x', words);
    expect(s.identityNegatedPositive).toBe(1);
  });

  it('detects quoted passages but not scare quotes or apostrophes', () => {
    expect(computeSignals([], 'he wrote “they are all the same” yesterday', words).quote).toBe(1);
    expect(computeSignals([], '他说「他们都一样坏」', { chars: true, negationAfter: false }).quote).toBe(1);
    expect(computeSignals([], 'so-called “experts” again', words).quote).toBe(0);
    expect(computeSignals([], "it's fine and it's ok, isn't it", words).quote).toBe(0);
  });

  it('scores an attack above praise, and counter-speech below the attack', () => {
    const attack = packLogit(computeSignals([m('identity', 0), m('dehumanising', 2)], 'x', words));
    const praise = packLogit(computeSignals([m('identity', 0), m('positive', 2)], 'x', words));
    const counter = packLogit(
      computeSignals([m('counter', 0), m('identity', 2), m('dehumanising', 4)], '"x"', words),
    );
    expect(attack).toBeGreaterThan(praise);
    expect(attack).toBeGreaterThan(counter);
  });
});
