import type { CaseTable } from './tables.ts';

/**
 * The row of a case just opened: open, unrouted, unclaimed, undecided, no events yet, with what the
 * filing knows about it in `fields` (content attributes and counts default to none). Intake routes it
 * and writes its first events right after.
 */
export function openedCaseRow(
  fields: Pick<CaseTable, 'id' | 'org_id' | 'reference' | 'category' | 'source_type'> & Partial<CaseTable>,
  now: number,
): CaseTable {
  return {
    status: 'open',
    language: null,
    country: null,
    url: null,
    canonical_url: null,
    trusted_flagger: 0,
    report_count: 0,
    match_count: 0,
    priority: 0,
    priority_reasons: '[]',
    queue_id: null,
    assigned_to: null,
    claim_expires_at: null,
    escalated_at: null,
    due_at: null,
    decision_id: null,
    opened_at: now,
    updated_at: now,
    closed_at: null,
    last_seq: 0,
    classifier_score: null,
    incident_id: null,
    ...fields,
  };
}
