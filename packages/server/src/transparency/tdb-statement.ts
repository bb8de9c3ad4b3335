/**
 * Renders a decision as a statement of reasons for the EU Transparency Database (schema v2, spec
 * §1.4): exactly the TDB field names, optional fields omitted rather than null, arrays de-duplicated
 * and sorted the way the TDB stores them, and fields the TDB excludes in a given situation left out.
 */
import { normaliseTerritorialScope } from '../taxonomy/dsa.ts';
import type {
  AccountTypeKey,
  AutomatedDecisionKey,
  CategoryKey,
  ContentLanguage,
  ContentTypeKey,
  DecisionAccountKey,
  DecisionGroundKey,
  DecisionMonetaryKey,
  DecisionProvisionKey,
  DecisionVisibilityKey,
  KeywordKey,
  SourceTypeKey,
  TerritorialScopeCountry,
  YesNo,
} from '../taxonomy/dsa.ts';
import { utcDay } from './dates.ts';
import type { DecisionFields } from './decision-fields-shape.ts';

/** The fields a platform submits, in the TDB's own names and order of §1.4. */
export interface TdbStatement {
  decision_visibility?: DecisionVisibilityKey[];
  decision_visibility_other?: string;
  end_date_visibility_restriction?: string;
  decision_monetary?: DecisionMonetaryKey;
  decision_monetary_other?: string;
  end_date_monetary_restriction?: string;
  decision_provision?: DecisionProvisionKey;
  end_date_service_restriction?: string;
  decision_account?: DecisionAccountKey;
  end_date_account_restriction?: string;
  account_type?: AccountTypeKey;
  decision_ground: DecisionGroundKey;
  decision_ground_reference_url?: string;
  illegal_content_legal_ground?: string;
  illegal_content_explanation?: string;
  incompatible_content_ground?: string;
  incompatible_content_explanation?: string;
  incompatible_content_illegal?: YesNo;
  content_type: ContentTypeKey[];
  content_type_other?: string;
  category: CategoryKey;
  category_addition?: CategoryKey[];
  category_specification?: KeywordKey[];
  category_specification_other?: string;
  territorial_scope: TerritorialScopeCountry[];
  content_language?: ContentLanguage;
  content_date: string;
  application_date: string;
  decision_facts: string;
  source_type: SourceTypeKey;
  source_identity?: string;
  automated_detection: YesNo;
  automated_decision: AutomatedDecisionKey;
  puid: string;
  content_id?: { 'EAN-13': string };
}

/** Every field name a submission may carry; anything else is refused by our validator. */
export const TDB_SUBMISSION_FIELDS = [
  'decision_visibility',
  'decision_visibility_other',
  'end_date_visibility_restriction',
  'decision_monetary',
  'decision_monetary_other',
  'end_date_monetary_restriction',
  'decision_provision',
  'end_date_service_restriction',
  'decision_account',
  'end_date_account_restriction',
  'account_type',
  'decision_ground',
  'decision_ground_reference_url',
  'illegal_content_legal_ground',
  'illegal_content_explanation',
  'incompatible_content_ground',
  'incompatible_content_explanation',
  'incompatible_content_illegal',
  'content_type',
  'content_type_other',
  'category',
  'category_addition',
  'category_specification',
  'category_specification_other',
  'territorial_scope',
  'content_language',
  'content_date',
  'application_date',
  'decision_facts',
  'source_type',
  'source_identity',
  'automated_detection',
  'automated_decision',
  'puid',
  'content_id',
  'content_id_ean',
] as const satisfies readonly (keyof TdbStatement | 'content_id_ean')[];

export interface TdbRenderContext {
  /** Platform unique identifier of this statement: unique within the platform, never reused. */
  puid: string;
  /** When the decision was taken (epoch ms); its UTC day is the application date. */
  decidedAt: number;
}

const sortedUnique = <T extends string>(values: readonly T[]): T[] => [...new Set(values)].sort();

export function renderTdbStatement(fields: DecisionFields, context: TdbRenderContext): TdbStatement {
  const { visibility, monetary, provision, account } = fields.restrictions;
  const { ground } = fields;
  const illegal = ground.type === 'DECISION_GROUND_ILLEGAL_CONTENT';
  const additions = sortedUnique(fields.categoryAdditions).filter((category) => category !== fields.category);
  const keywords = sortedUnique(fields.keywords);
  // Built field by field (in the order of spec §1.4), leaving out what is absent rather than sending null.
  const out: Record<string, unknown> = {};
  const set = (field: keyof TdbStatement, value: unknown) => {
    if (value !== undefined) out[field] = value;
  };
  set('decision_visibility', visibility && sortedUnique(visibility.types));
  set('decision_visibility_other', visibility?.other);
  set('end_date_visibility_restriction', visibility?.endDate);
  set('decision_monetary', monetary?.type);
  set('decision_monetary_other', monetary?.other);
  set('end_date_monetary_restriction', monetary?.endDate);
  set('decision_provision', provision?.type);
  set('end_date_service_restriction', provision?.endDate);
  set('decision_account', account?.type);
  set('end_date_account_restriction', account?.endDate);
  set('account_type', fields.accountType);
  set('decision_ground', ground.type);
  set('decision_ground_reference_url', ground.referenceUrl);
  set('illegal_content_legal_ground', illegal ? ground.legalGround : undefined);
  set('illegal_content_explanation', illegal ? ground.explanation : undefined);
  if (!illegal) {
    set('incompatible_content_ground', ground.termsGround);
    set('incompatible_content_explanation', ground.explanation);
    set(
      'incompatible_content_illegal',
      ground.alsoIllegal === undefined ? undefined : ground.alsoIllegal ? 'Yes' : 'No',
    );
  }
  set('content_type', sortedUnique(fields.contentTypes));
  set('content_type_other', fields.contentTypeOther);
  set('category', fields.category);
  set('category_addition', additions.length > 0 ? additions : undefined);
  set('category_specification', keywords.length > 0 ? keywords : undefined);
  set('category_specification_other', fields.keywordOther);
  set('territorial_scope', normaliseTerritorialScope(fields.territorialScope));
  set('content_language', fields.contentLanguage);
  set('content_date', fields.contentDate);
  set('application_date', utcDay(context.decidedAt));
  set('decision_facts', fields.facts);
  set('source_type', fields.sourceType);
  // The TDB drops source_identity for own-initiative decisions; we do not send it at all.
  set('source_identity', fields.sourceType === 'SOURCE_VOLUNTARY' ? undefined : fields.sourceIdentity);
  set('automated_detection', fields.automatedDetection ? 'Yes' : 'No');
  set('automated_decision', fields.automatedDecision);
  set('puid', context.puid);
  set('content_id', fields.contentEan === undefined ? undefined : { 'EAN-13': fields.contentEan });
  return out as unknown as TdbStatement;
}

const PUID_SHAPE = /^[a-zA-Z0-9_-]{1,500}$/;

/**
 * The puid of a decision's statement. Decision ids are never reused and a reversal is a new
 * decision, so the id itself is the puid whenever it fits the TDB's character set.
 */
export function puidForDecision(decisionId: string): string {
  if (!PUID_SHAPE.test(decisionId)) {
    throw new Error(`decision id ${JSON.stringify(decisionId)} cannot serve as a TDB puid`);
  }
  return decisionId;
}
