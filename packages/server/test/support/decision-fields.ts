/** Decision fields for tests, in a module of its own so that the console's browser tests can use it too. */

/** Statement-of-reasons fields that satisfy the TDB rules (spec domain.md §1.4). */
export function decisionFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    restrictions: { visibility: { types: ['DECISION_VISIBILITY_CONTENT_REMOVED'] } },
    ground: {
      type: 'DECISION_GROUND_ILLEGAL_CONTENT',
      legalGround: 'Art. 421-2-5 Code pénal (FR)',
      explanation: 'Public glorification of a terrorist act.',
    },
    contentTypes: ['CONTENT_TYPE_TEXT'],
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    keywords: ['KEYWORD_TERRORIST_CONTENT'],
    territorialScope: ['FR'],
    contentDate: '2026-11-01',
    facts: 'A post praising an attack, reported by a user.',
    sourceType: 'SOURCE_ARTICLE_16',
    automatedDetection: false,
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    ...overrides,
  };
}
