import type { DecisionFieldsInput } from '../../src/transparency/decision-fields.ts';

/** A complete, valid decision on an illegal terrorist video (values chosen from spec §1.4–1.5, §4.4). */
export function illegalVideoDecision(): DecisionFieldsInput {
  return {
    restrictions: { visibility: { types: ['DECISION_VISIBILITY_CONTENT_REMOVED'] } },
    ground: {
      type: 'DECISION_GROUND_ILLEGAL_CONTENT',
      legalGround: 'Art. 421-2-5 Code pénal (FR)',
      explanation: 'The video glorifies a terrorist attack and calls for further attacks.',
      referenceUrl: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000029755573',
    },
    contentTypes: ['CONTENT_TYPE_VIDEO'],
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    keywords: ['KEYWORD_TERRORIST_CONTENT'],
    territorialScope: ['FR'],
    contentLanguage: 'FR',
    contentDate: '2026-11-20',
    facts: 'A video posted on the service shows footage of an attack with text praising the attackers.',
    sourceType: 'SOURCE_ARTICLE_16',
    automatedDetection: false,
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  };
}

/** A valid terms-of-service decision suspending an account, with several restrictions and dates. */
export function termsAccountDecision(): DecisionFieldsInput {
  return {
    restrictions: {
      visibility: {
        types: ['DECISION_VISIBILITY_OTHER', 'DECISION_VISIBILITY_CONTENT_DEMOTED'],
        other: 'Hidden from search results',
        endDate: '2026-12-31',
      },
      account: { type: 'DECISION_ACCOUNT_SUSPENDED', endDate: '2026-12-31' },
    },
    accountType: 'ACCOUNT_TYPE_PRIVATE',
    ground: {
      type: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      termsGround: 'Community rules §4.2 (spam)',
      explanation: 'The account posted the same advertisement 300 times in one hour.',
      alsoIllegal: false,
    },
    contentTypes: ['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_IMAGE', 'CONTENT_TYPE_TEXT'],
    category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
    categoryAdditions: ['STATEMENT_CATEGORY_SCAMS_AND_FRAUD', 'STATEMENT_CATEGORY_CONSUMER_INFORMATION'],
    keywords: ['KEYWORD_HIDDEN_ADVERTISEMENT', 'KEYWORD_INAUTHENTIC_ACCOUNTS', 'KEYWORD_OTHER'],
    keywordOther: 'Mass posting',
    territorialScope: ['NO', 'FR', 'BE', 'FR'],
    contentDate: '2026-11-01',
    facts: 'Automated filters flagged repeated identical posts; a moderator confirmed.',
    sourceType: 'SOURCE_VOLUNTARY',
    sourceIdentity: 'should be dropped',
    automatedDetection: true,
    automatedDecision: 'AUTOMATED_DECISION_PARTIALLY',
  };
}
