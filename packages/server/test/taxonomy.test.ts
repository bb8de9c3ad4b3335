import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrganisation, type TestApp } from './support/app.ts';
import {
  CATEGORY,
  KEYWORD,
  KEYWORDS_FOR_ANY_CATEGORY,
  TERRITORIAL_SCOPE_COUNTRIES,
  categoryLabels,
  categoryOfKeywordKey,
  describeLabel,
  frenchLegalGrounds,
  frenchLegalGroundsForCategory,
  gifctLabelSet,
  isKnownLabel,
  isTerritorialScopeCountry,
  keywordFitsCategory,
  keywordsByCategory,
  knownLabels,
  normaliseTerritorialScope,
  parseLabel,
  DECISION_VISIBILITY,
  AUTOMATED_DECISION,
  SOURCE_TYPE,
  CONTENT_TYPE,
} from '../src/taxonomy/index.ts';

describe('DSA taxonomy (spec §1.5)', () => {
  it('has the counts the spec states: 16 categories, 69 keywords, 8 content types, 7 visibility options', () => {
    expect(CATEGORY).toHaveLength(16);
    expect(KEYWORD).toHaveLength(69);
    expect(CONTENT_TYPE).toHaveLength(8);
    expect(DECISION_VISIBILITY).toHaveLength(7);
    expect(SOURCE_TYPE).toEqual([
      'SOURCE_ARTICLE_16',
      'SOURCE_TRUSTED_FLAGGER',
      'SOURCE_TYPE_OTHER_NOTIFICATION',
      'SOURCE_VOLUNTARY',
    ]);
    expect(AUTOMATED_DECISION).toEqual([
      'AUTOMATED_DECISION_FULLY',
      'AUTOMATED_DECISION_PARTIALLY',
      'AUTOMATED_DECISION_NOT_AUTOMATED',
    ]);
  });

  it('places every keyword under exactly one category, except KEYWORD_OTHER and KEYWORD_STALKING', () => {
    const homes = new Map<string, string[]>();
    for (const category of CATEGORY) {
      for (const keyword of keywordsByCategory[category]) {
        homes.set(keyword, [...(homes.get(keyword) ?? []), category]);
      }
    }
    for (const keyword of KEYWORD) {
      const expected = KEYWORDS_FOR_ANY_CATEGORY.includes(keyword) ? 0 : 1;
      expect(homes.get(keyword)?.length ?? 0, keyword).toBe(expected);
    }
    // The tree holds only accepted keywords.
    expect([...homes.keys()].every((keyword) => (KEYWORD as readonly string[]).includes(keyword))).toBe(true);
    expect(homes.size).toBe(67);
  });

  it('leaves NOT_SPECIFIED_NOTICE without keywords and rejects the legacy KEYWORD_DANGEROUS_TOYS', () => {
    expect(keywordsByCategory.STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE).toEqual([]);
    expect(KEYWORD).not.toContain('KEYWORD_DANGEROUS_TOYS');
  });

  it('checks keyword fit against the tree', () => {
    expect(categoryOfKeywordKey('KEYWORD_TERRORIST_CONTENT')).toBe(
      'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    );
    expect(keywordFitsCategory('KEYWORD_TERRORIST_CONTENT', 'STATEMENT_CATEGORY_VIOLENCE')).toBe(false);
    expect(keywordFitsCategory('KEYWORD_OTHER', 'STATEMENT_CATEGORY_VIOLENCE')).toBe(true);
    expect(categoryOfKeywordKey('KEYWORD_STALKING')).toBeNull();
  });

  it('keeps the typographic apostrophe of the OTHER_VIOLATION_TC label', () => {
    expect(categoryLabels.STATEMENT_CATEGORY_OTHER_VIOLATION_TC.en).toContain('\u2019');
  });

  it('allows the 27 EU states plus IS, LI, NO, with Greece as GR', () => {
    expect(TERRITORIAL_SCOPE_COUNTRIES).toHaveLength(30);
    expect(isTerritorialScopeCountry('GR')).toBe(true);
    expect(isTerritorialScopeCountry('EL')).toBe(false);
    expect(isTerritorialScopeCountry('GB')).toBe(false);
    expect(isTerritorialScopeCountry('NO')).toBe(true);
    expect(normaliseTerritorialScope(['FR', 'BE', 'FR'])).toEqual(['BE', 'FR']);
  });
});

describe('French legal grounds (spec §4.4)', () => {
  it('map to existing DSA categories and keywords', () => {
    for (const ground of frenchLegalGrounds) {
      expect(CATEGORY, ground.id).toContain(ground.dsaCategory);
      for (const addition of ground.dsaCategoryAdditions) expect(CATEGORY).toContain(addition);
      for (const keyword of ground.dsaKeywords) expect(KEYWORD).toContain(keyword);
    }
  });

  it('have unique ids and legal-ground texts within the TDB 500-character limit', () => {
    expect(new Set(frenchLegalGrounds.map((ground) => ground.id)).size).toBe(frenchLegalGrounds.length);
    for (const ground of frenchLegalGrounds) expect(ground.legalGround.length).toBeLessThanOrEqual(500);
  });

  it('includes the verified terrorism and CSAM provisions', () => {
    const terror = frenchLegalGroundsForCategory('STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY');
    expect(terror.map((ground) => ground.articles).flat()).toContain('421-2-5');
    const minors = frenchLegalGroundsForCategory('STATEMENT_CATEGORY_PROTECTION_OF_MINORS');
    expect(minors.find((ground) => ground.articles.includes('227-23'))?.verification).toBe('V');
  });
});

describe('label vocabulary', () => {
  it('parses the four namespaces and rejects anything else', () => {
    expect(parseLabel('law:fr:cp-227-23')).toEqual({ namespace: 'law:fr', value: 'cp-227-23' });
    expect(parseLabel('dsa-keyword:KEYWORD_PHISHING')).toEqual({
      namespace: 'dsa-keyword',
      value: 'KEYWORD_PHISHING',
    });
    expect(parseLabel('dsa:')).toBeNull();
    expect(parseLabel('law:de:x')).toBeNull();
    expect(parseLabel('STATEMENT_CATEGORY_VIOLENCE')).toBeNull();
  });

  it('knows every listed label and describes it in English and French', () => {
    const labels = knownLabels();
    expect(labels).toHaveLength(16 + 69 + gifctLabelSet.labels.length + frenchLegalGrounds.length);
    for (const label of labels) {
      expect(isKnownLabel(label), label).toBe(true);
      expect(describeLabel(label, 'en')).toBeTruthy();
      expect(describeLabel(label, 'fr')).toBeTruthy();
    }
  });

  it('describes labels from the right source', () => {
    expect(describeLabel('dsa:STATEMENT_CATEGORY_SELF_HARM')).toBe('Self-harm');
    expect(describeLabel('dsa:STATEMENT_CATEGORY_SELF_HARM', 'fr')).toBe('Automutilation');
    expect(describeLabel('gifct:glorification-of-terrorist-acts')).toBe('Glorification of Terrorist Acts');
    expect(describeLabel('law:fr:cp-421-2-5')).toContain('Art. 421-2-5 Code pénal');
  });

  it('does not know keys placed in the wrong namespace or misspelt', () => {
    expect(isKnownLabel('dsa:KEYWORD_PHISHING')).toBe(false);
    expect(isKnownLabel('dsa-keyword:STATEMENT_CATEGORY_VIOLENCE')).toBe(false);
    expect(isKnownLabel('gifct:attacker-produced-content')).toBe(false);
    expect(isKnownLabel('law:fr:cp-999')).toBe(false);
    expect(isKnownLabel('dsa:constructor')).toBe(false);
    expect(describeLabel('dsa:toString')).toBeNull();
  });
});

describe('GET /api/v1/taxonomy/dsa', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('serves the tree and labels to any signed-in caller, and nothing anonymously', async () => {
    const org = await createTestOrganisation(t, 'Taxonomy reader', ['cases:read']);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/taxonomy/dsa',
      headers: org.apiKeyHeaders,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.categories).toHaveLength(16);
    const security = body.categories.find(
      (c: { key: string }) => c.key === 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    );
    expect(security.label).toEqual({
      en: 'Risk for public security',
      fr: 'Risque pour la sécurité publique',
    });
    expect(security.keywords.map((k: { key: string }) => k.key)).toContain('KEYWORD_TERRORIST_CONTENT');
    expect(body.enums.decision_visibility).toHaveLength(7);
    expect(body.territorialScope).toHaveLength(30);
    expect(body.contentLanguages).toHaveLength(184);
    expect(body.frenchLegalGrounds.length).toBe(frenchLegalGrounds.length);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/taxonomy/dsa' })).statusCode).toBe(401);
  });
});
