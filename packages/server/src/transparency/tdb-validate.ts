/**
 * Validates a statement of reasons against the TDB schema-v2 rules (spec §1.4), on our side, before
 * anything is sent or exported. Written from the spec's field table, not from the TDB's code.
 *
 * Where the TDB is lax and the spec tells us to be stricter, we are stricter (and say so below):
 * territorial_scope is always required; keywords must fit the chosen category or one of its
 * additions (the tree is guidance in the TDB, an overridable default here); an end date may not fall
 * before the application date (docs say so, the TDB code does not check); fields the TDB silently
 * drops or excludes are refused rather than sent; free text that looks like an e-mail address or a
 * phone number is refused because the database is public and must hold no personal data.
 */
import {
  ACCOUNT_TYPE,
  AUTOMATED_DECISION,
  CATEGORY,
  CONTENT_LANGUAGES,
  CONTENT_TYPE,
  DECISION_ACCOUNT,
  DECISION_GROUND,
  DECISION_MONETARY,
  DECISION_PROVISION,
  DECISION_VISIBILITY,
  KEYWORD,
  SOURCE_TYPE,
  TERRITORIAL_SCOPE_COUNTRIES,
  YES_NO,
  isCategoryKey,
  isKeywordKey,
  keywordFitsCategory,
  type CategoryKey,
} from '../taxonomy/dsa.ts';
import { isIsoDate } from './dates.ts';
import { TDB_SUBMISSION_FIELDS } from './tdb-statement.ts';

export type TdbRule =
  | 'not_an_object'
  | 'unknown_field'
  | 'required'
  | 'at_least_one_restriction'
  | 'type'
  | 'enum'
  | 'empty'
  | 'required_if'
  | 'excluded'
  | 'max_length'
  | 'date_format'
  | 'date_range'
  | 'end_date_before_application'
  | 'url'
  | 'puid_format'
  | 'ean13'
  | 'content_id_mismatch'
  | 'keyword_category_mismatch'
  | 'personal_data_suspected';

export interface TdbViolation {
  /** TDB field name (`decision_*` for the at-least-one-restriction rule). */
  field: string;
  rule: TdbRule;
  message: string;
}

export interface TdbRuleOptions {
  /** Keywords must sit under `category` or a `category_addition` in the tree (default true). */
  enforceKeywordTree?: boolean;
  /** End dates may not precede `application_date` (default true). */
  checkEndDatesAgainstApplication?: boolean;
  /** Refuse free text that contains an e-mail address or phone number (default true). */
  refusePersonalData?: boolean;
}

const MIN_DATE = { content_date: '2000-01-01', application_date: '2020-01-01' } as const;
const MAX_DATE = '2038-01-01';
const END_DATE_FIELDS = [
  'end_date_visibility_restriction',
  'end_date_monetary_restriction',
  'end_date_service_restriction',
  'end_date_account_restriction',
] as const;
const RESTRICTION_FIELDS = [
  'decision_visibility',
  'decision_monetary',
  'decision_provision',
  'decision_account',
];
const PUID = /^[a-zA-Z0-9_-]+$/;
const EAN13 = /^\d{13}$/;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
// A phone number: an international prefix (+ or 00) or a national leading 0, then at least 8 more
// digits with the usual separators. Legal references ("2021/784", "421-2-5") and product codes that
// do not start with 0 are not caught.
const PHONE = /(?:^|[^\w+])(?:\+|00|0)\d(?:[ .-]?\d){7,}(?!\w)/;

type Statement = Record<string, unknown>;

const lengthOf = (value: string) => [...value].length;
const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const isPresentRestriction = (value: unknown) =>
  !isBlank(value) && !(Array.isArray(value) && value.length === 0);

class Collector {
  readonly violations: TdbViolation[] = [];
  add(field: string, rule: TdbRule, message: string): void {
    this.violations.push({ field, rule, message });
  }
}

function checkString(out: Collector, s: Statement, field: string, max: number, required: boolean): void {
  const value = s[field];
  if (isBlank(value)) {
    if (required) out.add(field, 'required', `${field} is required`);
    return;
  }
  if (typeof value !== 'string') return out.add(field, 'type', `${field} must be a string`);
  if (lengthOf(value) > max) out.add(field, 'max_length', `${field} is longer than ${max} characters`);
}

function checkEnum(
  out: Collector,
  s: Statement,
  field: string,
  allowed: readonly string[],
  required: boolean,
) {
  const value = s[field];
  if (isBlank(value)) {
    if (required) out.add(field, 'required', `${field} is required`);
    return;
  }
  if (typeof value !== 'string') return out.add(field, 'type', `${field} must be one key string`);
  if (!allowed.includes(value))
    out.add(field, 'enum', `${field} has an unknown value ${JSON.stringify(value)}`);
}

function checkEnumArray(
  out: Collector,
  s: Statement,
  field: string,
  allowed: readonly string[],
  required: boolean,
): string[] {
  const value = s[field];
  if (value === undefined || value === null) {
    if (required) out.add(field, 'required', `${field} is required`);
    return [];
  }
  if (!Array.isArray(value)) {
    out.add(field, 'type', `${field} must be an array of keys`);
    return [];
  }
  if (required && value.length === 0) out.add(field, 'empty', `${field} needs at least one value`);
  const strings = value.filter((item): item is string => typeof item === 'string');
  if (strings.length !== value.length) out.add(field, 'type', `${field} must hold strings only`);
  const unknown = strings.filter((item) => !allowed.includes(item));
  if (unknown.length > 0) out.add(field, 'enum', `${field} has unknown values ${unknown.join(', ')}`);
  return strings;
}

function checkDate(out: Collector, s: Statement, field: string, min: string | null, required: boolean) {
  const value = s[field];
  if (isBlank(value)) {
    if (required) out.add(field, 'required', `${field} is required`);
    return;
  }
  if (typeof value !== 'string' || !isIsoDate(value)) {
    return out.add(field, 'date_format', `${field} must be a date YYYY-MM-DD`);
  }
  if (min !== null && value < min) out.add(field, 'date_range', `${field} must be on or after ${min}`);
  if (value > MAX_DATE) out.add(field, 'date_range', `${field} must be on or before ${MAX_DATE}`);
}

/** `field` must be present exactly when `condition` holds. */
function requiredIff(out: Collector, s: Statement, field: string, condition: boolean, because: string) {
  if (condition && isBlank(s[field])) out.add(field, 'required_if', `${field} is required when ${because}`);
  if (!condition && s[field] !== undefined && s[field] !== null) {
    out.add(field, 'excluded', `${field} is only allowed when ${because}`);
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function checkUrl(out: Collector, s: Statement, field: string) {
  const value = s[field];
  if (typeof value !== 'string' || isBlank(value)) return;
  if (!isHttpUrl(value)) out.add(field, 'url', `${field} must be an http(s) URL`);
}

function checkContentId(out: Collector, s: Statement) {
  const contentId = s.content_id;
  let ean: string | undefined;
  if (contentId !== undefined && contentId !== null) {
    const keys = typeof contentId === 'object' && !Array.isArray(contentId) ? Object.keys(contentId) : null;
    const value = (contentId as Record<string, unknown>)['EAN-13'];
    if (keys === null || keys.length !== 1 || keys[0] !== 'EAN-13') {
      out.add('content_id', 'type', 'content_id must be an object with the single key "EAN-13"');
    } else if (typeof value !== 'string' || !EAN13.test(value)) {
      out.add('content_id', 'ean13', 'content_id["EAN-13"] must be 13 digits');
    } else {
      ean = value;
    }
  }
  const direct = s.content_id_ean;
  if (direct !== undefined && direct !== null) {
    if (typeof direct !== 'string' || !EAN13.test(direct)) {
      out.add('content_id_ean', 'ean13', 'content_id_ean must be 13 digits');
    } else if (ean !== undefined && ean !== direct) {
      out.add('content_id_ean', 'content_id_mismatch', 'content_id_ean differs from content_id["EAN-13"]');
    }
  }
}

function checkPersonalData(out: Collector, s: Statement, field: string) {
  const value = s[field];
  if (typeof value !== 'string') return;
  if (EMAIL.test(value) || PHONE.test(value)) {
    out.add(field, 'personal_data_suspected', `${field} seems to contain an e-mail address or phone number`);
  }
}

function checkKeywordTree(out: Collector, category: unknown, additions: string[], keywords: string[]) {
  if (typeof category !== 'string' || !isCategoryKey(category)) return;
  const categories: CategoryKey[] = [category, ...additions.filter(isCategoryKey)];
  const misplaced = keywords
    .filter(isKeywordKey)
    .filter((keyword) => !categories.some((c) => keywordFitsCategory(keyword, c)));
  if (misplaced.length > 0) {
    out.add(
      'category_specification',
      'keyword_category_mismatch',
      `${misplaced.join(', ')} do not belong to ${categories.join(' or ')}`,
    );
  }
}

/** Every rule violation of `statement`; an empty list means the TDB should accept it. */
export function validateTdbStatement(statement: unknown, options: TdbRuleOptions = {}): TdbViolation[] {
  const out = new Collector();
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) {
    out.add('', 'not_an_object', 'a statement must be a JSON object');
    return out.violations;
  }
  const s = statement as Statement;
  const known: readonly string[] = TDB_SUBMISSION_FIELDS;
  for (const field of Object.keys(s)) {
    if (!known.includes(field))
      out.add(field, 'unknown_field', `${field} is not a TDB field (it would be dropped)`);
  }

  // Restrictions: at least one of the four (required_without_all), each from its own enum.
  if (!RESTRICTION_FIELDS.some((field) => isPresentRestriction(s[field]))) {
    out.add('decision_*', 'at_least_one_restriction', `one of ${RESTRICTION_FIELDS.join(', ')} is required`);
  }
  const visibility = checkEnumArray(out, s, 'decision_visibility', DECISION_VISIBILITY, false);
  requiredIff(
    out,
    s,
    'decision_visibility_other',
    visibility.includes('DECISION_VISIBILITY_OTHER'),
    'decision_visibility contains DECISION_VISIBILITY_OTHER',
  );
  checkString(out, s, 'decision_visibility_other', 500, false);
  checkEnum(out, s, 'decision_monetary', DECISION_MONETARY, false);
  requiredIff(
    out,
    s,
    'decision_monetary_other',
    s.decision_monetary === 'DECISION_MONETARY_OTHER',
    'decision_monetary is DECISION_MONETARY_OTHER',
  );
  checkString(out, s, 'decision_monetary_other', 500, false);
  checkEnum(out, s, 'decision_provision', DECISION_PROVISION, false);
  checkEnum(out, s, 'decision_account', DECISION_ACCOUNT, false);
  checkEnum(out, s, 'account_type', ACCOUNT_TYPE, false);

  // Ground: illegal (Art. 17(3)(d)) or incompatible with the terms (17(3)(e)), each with its texts.
  checkEnum(out, s, 'decision_ground', DECISION_GROUND, true);
  const illegal = s.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT';
  const incompatible = s.decision_ground === 'DECISION_GROUND_INCOMPATIBLE_CONTENT';
  checkString(out, s, 'decision_ground_reference_url', 500, false);
  checkUrl(out, s, 'decision_ground_reference_url');
  const illegalBecause = 'decision_ground is DECISION_GROUND_ILLEGAL_CONTENT';
  const incompatibleBecause = 'decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT';
  // With no valid ground there is nothing to say about which ground texts belong.
  if (illegal || incompatible) {
    requiredIff(out, s, 'illegal_content_legal_ground', illegal, illegalBecause);
    requiredIff(out, s, 'illegal_content_explanation', illegal, illegalBecause);
    requiredIff(out, s, 'incompatible_content_ground', incompatible, incompatibleBecause);
    requiredIff(out, s, 'incompatible_content_explanation', incompatible, incompatibleBecause);
  }
  checkString(out, s, 'illegal_content_legal_ground', 500, false);
  checkString(out, s, 'illegal_content_explanation', 2000, false);
  checkString(out, s, 'incompatible_content_ground', 500, false);
  checkString(out, s, 'incompatible_content_explanation', 2000, false);
  if (s.incompatible_content_illegal !== undefined && s.incompatible_content_illegal !== null) {
    if (!incompatible)
      out.add('incompatible_content_illegal', 'excluded', `only allowed when ${incompatibleBecause}`);
    checkEnum(out, s, 'incompatible_content_illegal', YES_NO, false);
  }

  // Content.
  const contentTypes = checkEnumArray(out, s, 'content_type', CONTENT_TYPE, true);
  requiredIff(
    out,
    s,
    'content_type_other',
    contentTypes.includes('CONTENT_TYPE_OTHER'),
    'content_type contains CONTENT_TYPE_OTHER',
  );
  checkString(out, s, 'content_type_other', 500, false);
  checkEnum(out, s, 'content_language', CONTENT_LANGUAGES, false);
  checkDate(out, s, 'content_date', MIN_DATE.content_date, true);
  checkContentId(out, s);

  // Category and keywords.
  checkEnum(out, s, 'category', CATEGORY, true);
  const additions = checkEnumArray(out, s, 'category_addition', CATEGORY, false);
  const keywords = checkEnumArray(out, s, 'category_specification', KEYWORD, false);
  checkString(out, s, 'category_specification_other', 500, false);
  if (options.enforceKeywordTree ?? true) checkKeywordTree(out, s.category, additions, keywords);

  // Where and when.
  checkEnumArray(out, s, 'territorial_scope', TERRITORIAL_SCOPE_COUNTRIES, true);
  checkDate(out, s, 'application_date', MIN_DATE.application_date, true);
  for (const field of END_DATE_FIELDS) checkDate(out, s, field, null, false);
  if (options.checkEndDatesAgainstApplication ?? true) {
    const start = s.application_date;
    for (const field of END_DATE_FIELDS) {
      const end = s[field];
      if (
        typeof start === 'string' &&
        isIsoDate(start) &&
        typeof end === 'string' &&
        isIsoDate(end) &&
        end < start
      ) {
        out.add(field, 'end_date_before_application', `${field} is before application_date ${start}`);
      }
    }
  }

  // Facts, source, automation, identifier.
  checkString(out, s, 'decision_facts', 5000, true);
  checkEnum(out, s, 'source_type', SOURCE_TYPE, true);
  checkString(out, s, 'source_identity', 500, false);
  if (s.source_type === 'SOURCE_VOLUNTARY' && !isBlank(s.source_identity)) {
    out.add('source_identity', 'excluded', 'source_identity is dropped when source_type is SOURCE_VOLUNTARY');
  }
  checkEnum(out, s, 'automated_detection', YES_NO, true);
  checkEnum(out, s, 'automated_decision', AUTOMATED_DECISION, true);
  checkString(out, s, 'puid', 500, true);
  if (typeof s.puid === 'string' && !isBlank(s.puid) && !PUID.test(s.puid)) {
    out.add('puid', 'puid_format', 'puid may hold only letters, digits, "-" and "_"');
  }

  if (options.refusePersonalData ?? true) {
    for (const field of [
      'decision_facts',
      'source_identity',
      'illegal_content_explanation',
      'incompatible_content_explanation',
      'decision_visibility_other',
      'decision_monetary_other',
      'content_type_other',
      'category_specification_other',
    ]) {
      checkPersonalData(out, s, field);
    }
  }
  return out.violations;
}
