/**
 * The priority of a case: a sum of weighted reasons, every one of them shown to the reviewer so the
 * order of the queue can be explained and argued with.
 */
export interface PriorityInput {
  category: string;
  sourceType: string;
  trustedFlagger: boolean;
  reportCount: number;
  matchCount: number;
  escalated: boolean;
  /** Highest classifier score (0–1), null when never classified. */
  classifierScore?: number | null | undefined;
  /** The active incident the case is linked to (crisis protocol). */
  incident?: { name: string; weight: number } | null | undefined;
}

export interface PriorityReason {
  reason: string;
  weight: number;
}

/** Categories where delay itself causes harm (life, children, terrorism): reviewed first. */
const urgentCategories: Readonly<Record<string, number>> = {
  STATEMENT_CATEGORY_PROTECTION_OF_MINORS: 50,
  STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY: 40,
  STATEMENT_CATEGORY_SELF_HARM: 40,
  STATEMENT_CATEGORY_VIOLENCE: 25,
  STATEMENT_CATEGORY_CYBER_VIOLENCE: 15,
  STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN: 15,
  STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH: 10,
};

/** Below this a classifier score adds nothing: it says the content is more likely fine than not. */
const CLASSIFIER_SCORE_FLOOR = 0.5;

export function priorityOf(input: PriorityInput): { priority: number; reasons: PriorityReason[] } {
  const reasons: PriorityReason[] = [];
  if (input.sourceType === 'removal_order') {
    reasons.push({ reason: 'removal order from an authority (1-hour deadline)', weight: 100 });
  }
  const categoryWeight = urgentCategories[input.category];
  if (categoryWeight) reasons.push({ reason: `category ${input.category}`, weight: categoryWeight });
  if (input.trustedFlagger) reasons.push({ reason: 'notice from a trusted flagger (Art. 22)', weight: 30 });
  if (input.matchCount > 0) reasons.push({ reason: 'matches a hash bank', weight: 20 });
  if (input.reportCount > 1) {
    // Many reports make a case more likely to matter, with diminishing returns.
    const weight = Math.min(20, Math.round(5 * Math.log2(input.reportCount)));
    reasons.push({ reason: `${input.reportCount} reports`, weight });
  }
  if (input.escalated) reasons.push({ reason: 'escalated by a reviewer', weight: 40 });
  if (input.incident) {
    reasons.push({
      reason: `linked to incident "${input.incident.name}" (crisis protocol)`,
      weight: input.incident.weight,
    });
  }
  if (input.classifierScore != null && input.classifierScore >= CLASSIFIER_SCORE_FLOOR) {
    // A likely violation weighs like a hash match at most: a classifier errs more often than a bank.
    const weight = Math.round(20 * input.classifierScore);
    reasons.push({ reason: `classifier score ${input.classifierScore.toFixed(2)}`, weight });
  }
  return { priority: reasons.reduce((sum, r) => sum + r.weight, 0), reasons };
}
