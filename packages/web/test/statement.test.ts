/**
 * The decision form's model against the server's own rules: a valid draft renders a statement of
 * reasons carrying what the reviewer typed, and an invalid one points at the field to fix. The
 * expected TDB keys come from the DSA taxonomy (transparency database schema), not from this code.
 */
import { describe, expect, it } from 'vitest';
import { checkDraft, sourceTypeOfCase, type DecisionDraft } from '../src/review/statement.ts';

const valid: DecisionDraft = {
  action: 'remove',
  groundType: 'illegal',
  ground: 'Art. 421-2-5 Code pénal (FR)',
  explanation: 'Glorification of a terrorist act.',
  referenceUrl: '',
  contentTypes: ['CONTENT_TYPE_IMAGE'],
  category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  wholeEea: false,
  countries: 'fr, be',
  contentDate: '2026-11-20',
  facts: 'Image matched a hash bank entry.',
  sourceType: 'SOURCE_ARTICLE_16',
  automatedDetection: true,
  automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  statement: '',
};

describe('checkDraft', () => {
  it('renders a valid draft as the TDB statement, with the action’s restriction', () => {
    const result = checkDraft(valid, Date.UTC(2026, 10, 22));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.statement).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: 'Art. 421-2-5 Code pénal (FR)',
      territorial_scope: ['BE', 'FR'],
      automated_detection: 'Yes',
      content_date: '2026-11-20',
    });
  });

  it('uses an account restriction for account actions', () => {
    const result = checkDraft({ ...valid, action: 'suspend_account' }, Date.now());
    expect(result.ok && result.statement?.decision_account).toBe('DECISION_ACCOUNT_SUSPENDED');
  });

  it('has no statement for no_action', () => {
    expect(checkDraft({ ...valid, action: 'no_action', facts: '' }, Date.now())).toEqual({
      ok: true,
      fields: undefined,
      statement: null,
    });
  });

  it('points each problem at the form field to fix', () => {
    const result = checkDraft(
      { ...valid, ground: ' ', contentTypes: [], countries: 'XX', facts: '' },
      Date.now(),
    );
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : [...new Set(result.issues.map((issue) => issue.field))].sort();
    expect(fields).toEqual(['contentTypes', 'countries', 'facts', 'ground']);
  });

  it('maps case origins to TDB source types', () => {
    expect(sourceTypeOfCase('notice')).toBe('SOURCE_ARTICLE_16');
    expect(sourceTypeOfCase('trusted_flagger')).toBe('SOURCE_TRUSTED_FLAGGER');
    expect(sourceTypeOfCase('match')).toBe('SOURCE_VOLUNTARY');
    expect(sourceTypeOfCase('removal_order')).toBe('SOURCE_TYPE_OTHER_NOTIFICATION');
  });
});
