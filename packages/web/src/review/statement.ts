/**
 * The decision form's model: what a reviewer fills in, turned into the API's `DecisionFields` and
 * checked with the server's own schema (which runs the Transparency Database rule set), then
 * rendered as the statement of reasons the TDB will receive. The schema and renderer are imported
 * from the server package so the preview and the API can never disagree about what is valid.
 */
import type { Action } from '../api/types.ts';
import { restrictionOf } from '../../../server/src/cases/actions.ts';
import {
  decisionFieldsSchema,
  type DecisionFieldsInput,
} from '../../../server/src/transparency/decision-fields.ts';
import { renderTdbStatement, type TdbStatement } from '../../../server/src/transparency/tdb-statement.ts';
import { TERRITORIAL_SCOPE_COUNTRIES } from '../../../server/src/taxonomy/dsa.ts';

export type GroundType = 'illegal' | 'incompatible';

export interface DecisionDraft {
  action: Action;
  groundType: GroundType;
  /** The legal provision (illegal content) or the terms clause (incompatible content). */
  ground: string;
  explanation: string;
  referenceUrl: string;
  contentTypes: string[];
  category: string;
  wholeEea: boolean;
  /** Comma- or space-separated country codes, used when `wholeEea` is off. */
  countries: string;
  contentDate: string;
  facts: string;
  sourceType: string;
  automatedDetection: boolean;
  automatedDecision: string;
  /** Told to the reporters; not part of the statement of reasons. */
  statement: string;
}

export type DraftField = keyof DecisionDraft;

export interface DraftIssue {
  field: DraftField;
  detail: string;
}

export type DraftCheck =
  | { ok: true; fields: DecisionFieldsInput | undefined; statement: TdbStatement | null }
  | { ok: false; issues: DraftIssue[] };

function countriesOf(draft: DecisionDraft): string[] {
  if (draft.wholeEea) return [...TERRITORIAL_SCOPE_COUNTRIES];
  return draft.countries
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** The draft as the API's `fields` body; `no_action` restricts nothing and has no statement. */
export function draftFields(draft: DecisionDraft): DecisionFieldsInput | undefined {
  if (draft.action === 'no_action') return undefined;
  const restriction = restrictionOf[draft.action];
  const ground =
    draft.groundType === 'illegal'
      ? {
          type: 'DECISION_GROUND_ILLEGAL_CONTENT' as const,
          legalGround: draft.ground,
          explanation: draft.explanation,
          referenceUrl: optional(draft.referenceUrl),
        }
      : {
          type: 'DECISION_GROUND_INCOMPATIBLE_CONTENT' as const,
          termsGround: draft.ground,
          explanation: draft.explanation,
          referenceUrl: optional(draft.referenceUrl),
        };
  const fields = {
    restrictions:
      restriction.kind === 'visibility'
        ? { visibility: { types: [restriction.key] } }
        : { account: { type: restriction.key } },
    ground: Object.fromEntries(Object.entries(ground).filter(([, value]) => value !== undefined)),
    contentTypes: draft.contentTypes,
    category: draft.category,
    territorialScope: countriesOf(draft),
    contentDate: draft.contentDate,
    facts: draft.facts,
    sourceType: draft.sourceType,
    automatedDetection: draft.automatedDetection,
    automatedDecision: draft.automatedDecision,
  };
  // The schema checks every value; the cast only hands it the shape it validates.
  return fields as unknown as DecisionFieldsInput;
}

/** Where a schema issue path points in the form. */
function fieldOfPath(path: readonly PropertyKey[]): DraftField {
  const [first, second] = path;
  if (first === 'ground')
    return second === 'explanation' ? 'explanation' : second === 'referenceUrl' ? 'referenceUrl' : 'ground';
  if (first === 'restrictions') return 'action';
  if (first === 'territorialScope') return 'countries';
  if (first === 'contentTypes' || first === 'contentTypeOther') return 'contentTypes';
  if (typeof first === 'string' && first in emptyIssueTargets) return first as DraftField;
  return 'facts';
}

const emptyIssueTargets: Partial<Record<DraftField, true>> = {
  category: true,
  contentDate: true,
  facts: true,
  sourceType: true,
  automatedDetection: true,
  automatedDecision: true,
};

/** Validates the draft exactly as the API will, and renders the statement of reasons when valid. */
export function checkDraft(draft: DecisionDraft, now: number): DraftCheck {
  const fields = draftFields(draft);
  if (!fields) return { ok: true, fields: undefined, statement: null };
  const parsed = decisionFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      field: fieldOfPath(issue.path),
      detail: issue.message,
    }));
    return { ok: false, issues };
  }
  return {
    ok: true,
    fields,
    statement: renderTdbStatement(parsed.data, { puid: 'pending', decidedAt: now }),
  };
}

/** The source type a case's origin implies (Art. 17(3)(b)). */
export function sourceTypeOfCase(caseSourceType: string): string {
  if (caseSourceType === 'trusted_flagger') return 'SOURCE_TRUSTED_FLAGGER';
  if (caseSourceType === 'notice') return 'SOURCE_ARTICLE_16';
  if (caseSourceType === 'match') return 'SOURCE_VOLUNTARY';
  return 'SOURCE_TYPE_OTHER_NOTIFICATION';
}
