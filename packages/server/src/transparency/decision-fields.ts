/**
 * The contract between a reviewer's decision (cases module, `decisions.fields`) and everything that
 * renders it: the TDB statement of reasons (Art. 24(5)), the Art. 17 notice to the affected user, the
 * export. It holds every Art. 17 / TDB field a person decides; the system derives the rest (puid,
 * application date, platform name). Names are camelCase; `tdb-statement.ts` maps them to the exact
 * TDB names. Enum values are the TDB keys themselves, so what we persist is what we send.
 *
 * The schema checks the shape here and then runs the same rule set as the TDB export
 * (`validateTdbStatement`) on a rendering of the fields, so a decision that is accepted can be
 * exported, and the rules live in one place.
 */
import { decisionFieldsShape } from './decision-fields-shape.ts';
import { renderTdbStatement } from './tdb-statement.ts';
import { validateTdbStatement, type TdbRuleOptions } from './tdb-validate.ts';

export {
  decisionFieldsShape,
  type DecisionFields,
  type DecisionFieldsInput,
} from './decision-fields-shape.ts';

// Rules that depend on values only the system knows (the puid it assigns, the day the restriction
// starts) are checked at export time, not when the decision is recorded or re-read later.
const SYSTEM_FIELDS = new Set(['puid', 'application_date']);
const decisionTimeRules: TdbRuleOptions = { checkEndDatesAgainstApplication: false };

/** TDB field name → path in `DecisionFields`, so a rule failure points at what the reviewer typed. */
const fieldPaths: Readonly<Record<string, readonly (string | number)[]>> = {
  'decision_*': ['restrictions'],
  decision_visibility: ['restrictions', 'visibility', 'types'],
  decision_visibility_other: ['restrictions', 'visibility', 'other'],
  end_date_visibility_restriction: ['restrictions', 'visibility', 'endDate'],
  decision_monetary: ['restrictions', 'monetary', 'type'],
  decision_monetary_other: ['restrictions', 'monetary', 'other'],
  end_date_monetary_restriction: ['restrictions', 'monetary', 'endDate'],
  decision_provision: ['restrictions', 'provision', 'type'],
  end_date_service_restriction: ['restrictions', 'provision', 'endDate'],
  decision_account: ['restrictions', 'account', 'type'],
  end_date_account_restriction: ['restrictions', 'account', 'endDate'],
  account_type: ['accountType'],
  decision_ground: ['ground', 'type'],
  decision_ground_reference_url: ['ground', 'referenceUrl'],
  illegal_content_legal_ground: ['ground', 'legalGround'],
  illegal_content_explanation: ['ground', 'explanation'],
  incompatible_content_ground: ['ground', 'termsGround'],
  incompatible_content_explanation: ['ground', 'explanation'],
  incompatible_content_illegal: ['ground', 'alsoIllegal'],
  content_type: ['contentTypes'],
  content_type_other: ['contentTypeOther'],
  category: ['category'],
  category_addition: ['categoryAdditions'],
  category_specification: ['keywords'],
  category_specification_other: ['keywordOther'],
  territorial_scope: ['territorialScope'],
  content_language: ['contentLanguage'],
  content_date: ['contentDate'],
  decision_facts: ['facts'],
  source_type: ['sourceType'],
  source_identity: ['sourceIdentity'],
  automated_detection: ['automatedDetection'],
  automated_decision: ['automatedDecision'],
  content_id: ['contentEan'],
};

export const decisionFieldsSchema = decisionFieldsShape.superRefine((fields, ctx) => {
  const statement = renderTdbStatement(fields, { puid: 'pending', decidedAt: Date.now() });
  for (const violation of validateTdbStatement(statement, decisionTimeRules)) {
    if (SYSTEM_FIELDS.has(violation.field)) continue;
    ctx.addIssue({
      code: 'custom',
      path: [...(fieldPaths[violation.field] ?? [violation.field])],
      message: `${violation.rule}: ${violation.message}`,
    });
  }
});
