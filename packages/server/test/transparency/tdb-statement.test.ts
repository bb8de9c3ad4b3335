import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionFieldsSchema } from '../../src/transparency/decision-fields.ts';
import { renderTdbStatement, TDB_SUBMISSION_FIELDS } from '../../src/transparency/tdb-statement.ts';
import { validateTdbStatement, type TdbRule } from '../../src/transparency/tdb-validate.ts';
import {
  CATEGORY,
  CONTENT_TYPE,
  DECISION_ACCOUNT,
  DECISION_VISIBILITY,
  SOURCE_TYPE,
  TERRITORIAL_SCOPE_COUNTRIES,
  AUTOMATED_DECISION,
  keywordsByCategory,
} from '../../src/taxonomy/dsa.ts';
import { illegalVideoDecision, termsAccountDecision } from './fixtures.ts';

const decidedAt = Date.UTC(2026, 10, 22, 15, 30);
const render = (input: unknown) =>
  renderTdbStatement(decisionFieldsSchema.parse(input), { puid: 'dec-0001', decidedAt });

/** A statement that satisfies every rule, used as the base for one-rule mutations. */
const valid = () => render(illegalVideoDecision()) as unknown as Record<string, unknown>;
const rulesOf = (statement: unknown) =>
  validateTdbStatement(statement).map((violation) => `${violation.field}:${violation.rule}`);

describe('renderTdbStatement', () => {
  it('uses the exact TDB field names and values of spec §1.4', () => {
    expect(render(illegalVideoDecision())).toEqual({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      decision_ground_reference_url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000029755573',
      illegal_content_legal_ground: 'Art. 421-2-5 Code pénal (FR)',
      illegal_content_explanation: 'The video glorifies a terrorist attack and calls for further attacks.',
      content_type: ['CONTENT_TYPE_VIDEO'],
      category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
      category_specification: ['KEYWORD_TERRORIST_CONTENT'],
      territorial_scope: ['FR'],
      content_language: 'FR',
      content_date: '2026-11-20',
      application_date: '2026-11-22',
      decision_facts:
        'A video posted on the service shows footage of an attack with text praising the attackers.',
      source_type: 'SOURCE_ARTICLE_16',
      automated_detection: 'No',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      puid: 'dec-0001',
    });
  });

  it('sorts and de-duplicates arrays, strips the category from its additions, drops voluntary source identity', () => {
    const statement = render(termsAccountDecision());
    expect(statement.content_type).toEqual(['CONTENT_TYPE_IMAGE', 'CONTENT_TYPE_TEXT']);
    expect(statement.territorial_scope).toEqual(['BE', 'FR', 'NO']);
    expect(statement.category_addition).toEqual(['STATEMENT_CATEGORY_CONSUMER_INFORMATION']);
    expect(statement.decision_visibility).toEqual([
      'DECISION_VISIBILITY_CONTENT_DEMOTED',
      'DECISION_VISIBILITY_OTHER',
    ]);
    expect(statement.decision_visibility_other).toBe('Hidden from search results');
    expect(statement.end_date_account_restriction).toBe('2026-12-31');
    expect(statement.incompatible_content_illegal).toBe('No');
    expect(statement.automated_detection).toBe('Yes');
    expect(statement).not.toHaveProperty('source_identity');
    expect(statement).not.toHaveProperty('illegal_content_legal_ground');
    expect(validateTdbStatement(statement)).toEqual([]);
  });

  it('only ever emits TDB submission field names', () => {
    const names: readonly string[] = TDB_SUBMISSION_FIELDS;
    for (const input of [illegalVideoDecision(), termsAccountDecision()]) {
      for (const key of Object.keys(render(input))) expect(names).toContain(key);
    }
  });

  it('renders product identifiers as content_id {"EAN-13"}', () => {
    const statement = render({ ...illegalVideoDecision(), contentEan: '4006381333931' });
    expect(statement.content_id).toEqual({ 'EAN-13': '4006381333931' });
  });
});

describe('validateTdbStatement: one violation per broken rule', () => {
  const cases: Array<[string, (s: Record<string, unknown>) => void, string]> = [
    ['not a TDB field', (s) => (s.content_language_other = 'x'), 'content_language_other:unknown_field'],
    ['no restriction at all', (s) => delete s.decision_visibility, 'decision_*:at_least_one_restriction'],
    ['empty restriction arrays do not count', (s) => (s.decision_visibility = []), 'decision_*:at_least_one_restriction'],
    ['unknown visibility key', (s) => (s.decision_visibility = ['REMOVED']), 'decision_visibility:enum'],
    ['visibility not an array', (s) => (s.decision_visibility = 'DECISION_VISIBILITY_CONTENT_REMOVED'), 'decision_visibility:type'],
    ['OTHER visibility without text', (s) => (s.decision_visibility = ['DECISION_VISIBILITY_OTHER']), 'decision_visibility_other:required_if'],
    ['visibility text without OTHER', (s) => (s.decision_visibility_other = 'x'), 'decision_visibility_other:excluded'],
    ['monetary as an array', (s) => (s.decision_monetary = ['DECISION_MONETARY_SUSPENSION']), 'decision_monetary:type'],
    ['OTHER monetary without text', (s) => (s.decision_monetary = 'DECISION_MONETARY_OTHER'), 'decision_monetary_other:required_if'],
    ['monetary text without OTHER', (s) => Object.assign(s, { decision_monetary: 'DECISION_MONETARY_SUSPENSION', decision_monetary_other: 'x' }), 'decision_monetary_other:excluded'],
    ['unknown provision', (s) => (s.decision_provision = 'DECISION_PROVISION_FULL'), 'decision_provision:enum'],
    ['unknown account decision', (s) => (s.decision_account = 'DECISION_ACCOUNT_BANNED'), 'decision_account:enum'],
    ['unknown account type', (s) => (s.account_type = 'ACCOUNT_TYPE_COMPANY'), 'account_type:enum'],
    ['missing ground', (s) => delete s.decision_ground, 'decision_ground:required'],
    ['unknown ground', (s) => (s.decision_ground = 'DECISION_GROUND_OTHER'), 'decision_ground:enum'],
    ['reference is not a URL', (s) => (s.decision_ground_reference_url = 'legifrance'), 'decision_ground_reference_url:url'],
    ['reference longer than 500', (s) => (s.decision_ground_reference_url = `https://e.eu/${'a'.repeat(500)}`), 'decision_ground_reference_url:max_length'],
    ['illegal without legal ground', (s) => delete s.illegal_content_legal_ground, 'illegal_content_legal_ground:required_if'],
    ['illegal with blank explanation', (s) => (s.illegal_content_explanation = '   '), 'illegal_content_explanation:required_if'],
    ['legal ground over 500', (s) => (s.illegal_content_legal_ground = 'é'.repeat(501)), 'illegal_content_legal_ground:max_length'],
    ['explanation over 2000', (s) => (s.illegal_content_explanation = 'a'.repeat(2001)), 'illegal_content_explanation:max_length'],
    ['terms ground on an illegal decision', (s) => (s.incompatible_content_ground = 'ToS 1'), 'incompatible_content_ground:excluded'],
    ['also-illegal flag on an illegal decision', (s) => (s.incompatible_content_illegal = 'Yes'), 'incompatible_content_illegal:excluded'],
    ['no content type', (s) => (s.content_type = []), 'content_type:empty'],
    ['content type missing', (s) => delete s.content_type, 'content_type:required'],
    ['OTHER content type without text', (s) => (s.content_type = ['CONTENT_TYPE_OTHER']), 'content_type_other:required_if'],
    ['content type text without OTHER', (s) => (s.content_type_other = 'x'), 'content_type_other:excluded'],
    ['missing category', (s) => delete s.category, 'category:required'],
    ['"Not captured" is not a category key', (s) => (s.category = 'STATEMENT_CATEGORY_NOT_CAPTURED'), 'category:enum'],
    ['v1 category', (s) => (s.category = 'STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT'), 'category:enum'],
    ['unknown addition', (s) => (s.category_addition = ['STATEMENT_CATEGORY_X']), 'category_addition:enum'],
    ['legacy keyword', (s) => (s.category_specification = ['KEYWORD_DANGEROUS_TOYS']), 'category_specification:enum'],
    ['keyword of another category', (s) => (s.category_specification = ['KEYWORD_PHISHING']), 'category_specification:keyword_category_mismatch'],
    ['keyword other over 500', (s) => (s.category_specification_other = 'a'.repeat(501)), 'category_specification_other:max_length'],
    ['no territorial scope', (s) => delete s.territorial_scope, 'territorial_scope:required'],
    ['Greece as EL', (s) => (s.territorial_scope = ['EL']), 'territorial_scope:enum'],
    ['non-EEA country', (s) => (s.territorial_scope = ['FR', 'CH']), 'territorial_scope:enum'],
    ['lowercase language', (s) => (s.content_language = 'fr'), 'content_language:enum'],
    ['missing content date', (s) => delete s.content_date, 'content_date:required'],
    ['unpadded content date', (s) => (s.content_date = '2026-1-5'), 'content_date:date_format'],
    ['impossible content date', (s) => (s.content_date = '2026-02-30'), 'content_date:date_format'],
    ['content date before 2000', (s) => (s.content_date = '1999-12-31'), 'content_date:date_range'],
    ['application date before 2020', (s) => (s.application_date = '2019-12-31'), 'application_date:date_range'],
    ['application date after 2038', (s) => (s.application_date = '2038-01-02'), 'application_date:date_range'],
    ['end date after 2038', (s) => (s.end_date_visibility_restriction = '2038-01-02'), 'end_date_visibility_restriction:date_range'],
    ['end date before application', (s) => (s.end_date_visibility_restriction = '2026-11-21'), 'end_date_visibility_restriction:end_date_before_application'],
    ['end date in another format', (s) => (s.end_date_account_restriction = '31/12/2026'), 'end_date_account_restriction:date_format'],
    ['missing facts', (s) => (s.decision_facts = ''), 'decision_facts:required'],
    ['facts over 5000', (s) => (s.decision_facts = 'a'.repeat(5001)), 'decision_facts:max_length'],
    ['facts with an e-mail address', (s) => (s.decision_facts = 'Posted by jane.doe@example.org'), 'decision_facts:personal_data_suspected'],
    ['facts with a phone number', (s) => (s.decision_facts = 'Call +33 6 12 34 56 78 for more'), 'decision_facts:personal_data_suspected'],
    ['facts with a national phone number', (s) => (s.decision_facts = 'Tel. 06.12.34.56.78'), 'decision_facts:personal_data_suspected'],
    ['missing source type', (s) => delete s.source_type, 'source_type:required'],
    ['unknown source type', (s) => (s.source_type = 'SOURCE_AUTHORITY'), 'source_type:enum'],
    ['identity with a voluntary source', (s) => Object.assign(s, { source_type: 'SOURCE_VOLUNTARY', source_identity: 'Rights Holder SA' }), 'source_identity:excluded'],
    ['detection as a boolean', (s) => (s.automated_detection = false), 'automated_detection:type'],
    ['automated decision as Yes', (s) => (s.automated_decision = 'Yes'), 'automated_decision:enum'],
    ['missing puid', (s) => delete s.puid, 'puid:required'],
    ['puid with a slash', (s) => (s.puid = 'dec/1'), 'puid:puid_format'],
    ['puid over 500', (s) => (s.puid = 'a'.repeat(501)), 'puid:max_length'],
    ['content id with another key', (s) => (s.content_id = { ASIN: 'B000' }), 'content_id:type'],
    ['EAN of 12 digits', (s) => (s.content_id = { 'EAN-13': '400638133393' }), 'content_id:ean13'],
    ['two EANs that differ', (s) => Object.assign(s, { content_id: { 'EAN-13': '4006381333931' }, content_id_ean: '4006381333932' }), 'content_id_ean:content_id_mismatch'],
  ]; // prettier-ignore

  it('accepts the valid base statement', () => {
    expect(validateTdbStatement(valid())).toEqual([]);
  });

  it.each(cases)('%s', (_name, mutate, expected) => {
    const statement = valid();
    mutate(statement);
    expect(rulesOf(statement)).toEqual([expected]);
  });

  it('covers every rule it can report', () => {
    const covered = new Set(cases.map(([, , expected]) => expected.split(':')[1] as TdbRule));
    covered.add('not_an_object');
    const all: TdbRule[] = [
      'not_an_object', 'unknown_field', 'required', 'at_least_one_restriction', 'type', 'enum', 'empty',
      'required_if', 'excluded', 'max_length', 'date_format', 'date_range', 'end_date_before_application',
      'url', 'puid_format', 'ean13', 'content_id_mismatch', 'keyword_category_mismatch', 'personal_data_suspected',
    ]; // prettier-ignore
    expect([...covered].sort()).toEqual([...all].sort());
  });

  it('refuses non-objects', () => {
    expect(rulesOf(null)).toEqual([':not_an_object']);
    expect(rulesOf([])).toEqual([':not_an_object']);
  });

  it('does not mistake legal references and EANs for phone numbers', () => {
    const statement = valid();
    statement.decision_facts =
      'Removal order under Reg. (EU) 2021/784, art. 421-2-5 and LCEN 6-1-1, on 2026-11-20, about EAN 4006381333931 (lot 2026-01-05).';
    expect(validateTdbStatement(statement)).toEqual([]);
  });

  it('lets keywords fit an addition, and the tree be switched off', () => {
    const statement = valid();
    statement.category_specification = ['KEYWORD_PHISHING', 'KEYWORD_STALKING', 'KEYWORD_OTHER'];
    statement.category_addition = ['STATEMENT_CATEGORY_SCAMS_AND_FRAUD'];
    expect(validateTdbStatement(statement)).toEqual([]);
    delete statement.category_addition;
    expect(validateTdbStatement(statement, { enforceKeywordTree: false })).toEqual([]);
  });

  it('counts length in characters, not bytes', () => {
    const statement = valid();
    statement.illegal_content_legal_ground = 'é'.repeat(500);
    expect(validateTdbStatement(statement)).toEqual([]);
  });
});

describe('decisionFieldsSchema', () => {
  it('accepts the fixtures and refuses unknown fields', () => {
    expect(decisionFieldsSchema.safeParse(illegalVideoDecision()).success).toBe(true);
    expect(decisionFieldsSchema.safeParse(termsAccountDecision()).success).toBe(true);
    expect(decisionFieldsSchema.safeParse({ ...illegalVideoDecision(), puid: 'x' }).success).toBe(false);
  });

  it('reports TDB rule failures at the path the reviewer filled in', () => {
    const input = illegalVideoDecision();
    input.restrictions = { visibility: { types: ['DECISION_VISIBILITY_OTHER'] } };
    const result = decisionFieldsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'restrictions.visibility.other',
    ]);
  });

  it('requires at least one restriction', () => {
    const result = decisionFieldsSchema.safeParse({ ...illegalVideoDecision(), restrictions: {} });
    expect(result.error?.issues[0]?.message).toMatch(/^at_least_one_restriction/);
    expect(result.error?.issues[0]?.path).toEqual(['restrictions']);
  });

  it('keeps a decision with an elapsed end date valid when re-read later', () => {
    const input = termsAccountDecision();
    input.restrictions.account = { type: 'DECISION_ACCOUNT_SUSPENDED', endDate: '2020-06-01' };
    expect(decisionFieldsSchema.safeParse(input).success).toBe(true);
  });

  it('refuses a keyword from another category unless an addition covers it', () => {
    const input = { ...illegalVideoDecision(), keywords: ['KEYWORD_SUICIDE' as const] };
    expect(decisionFieldsSchema.safeParse(input).error?.issues[0]?.path).toEqual(['keywords']);
    const covered = { ...input, categoryAdditions: ['STATEMENT_CATEGORY_SELF_HARM' as const] };
    expect(decisionFieldsSchema.safeParse(covered).success).toBe(true);
  });
});

describe('property: every decision the schema accepts renders a statement that validates', () => {
  const category = fc.constantFrom(...CATEGORY);
  const text = fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((value) => value.trim() !== '' && !/[\d@]/.test(value)); // no phone numbers or addresses
  const date = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2037-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const decision = category.chain((cat) =>
    fc.record({
      restrictions: fc.record(
        {
          visibility: fc.record({
            types: fc.uniqueArray(fc.constantFrom(...DECISION_VISIBILITY), { minLength: 1 }),
          }),
          account: fc.record({ type: fc.constantFrom(...DECISION_ACCOUNT) }),
        },
        { requiredKeys: ['account'] },
      ),
      ground: fc.oneof(
        fc.record({
          type: fc.constant('DECISION_GROUND_ILLEGAL_CONTENT' as const),
          legalGround: text,
          explanation: text,
        }),
        fc.record({
          type: fc.constant('DECISION_GROUND_INCOMPATIBLE_CONTENT' as const),
          termsGround: text,
          explanation: text,
          alsoIllegal: fc.boolean(),
        }),
      ),
      contentTypes: fc.uniqueArray(
        fc.constantFrom(...CONTENT_TYPE.filter((t) => t !== 'CONTENT_TYPE_OTHER')),
        {
          minLength: 1,
        },
      ),
      category: fc.constant(cat),
      keywords: fc.subarray([...keywordsByCategory[cat], 'KEYWORD_OTHER' as const]),
      territorialScope: fc.uniqueArray(fc.constantFrom(...TERRITORIAL_SCOPE_COUNTRIES), { minLength: 1 }),
      contentDate: date,
      facts: text,
      sourceType: fc.constantFrom(...SOURCE_TYPE),
      automatedDetection: fc.boolean(),
      automatedDecision: fc.constantFrom(...AUTOMATED_DECISION),
    }),
  );

  it('holds, and the other-text rule is the only one OTHER visibility can break', () => {
    fc.assert(
      fc.property(decision, (input) => {
        const parsed = decisionFieldsSchema.safeParse(input);
        const needsOther =
          input.restrictions.visibility?.types.includes('DECISION_VISIBILITY_OTHER') ?? false;
        expect(parsed.success).toBe(!needsOther);
        if (parsed.success) {
          expect(validateTdbStatement(renderTdbStatement(parsed.data, { puid: 'p-1', decidedAt }))).toEqual(
            [],
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
