/**
 * Which open cases hold an image near a given one: the PDQ keys of the organisation's open cases
 * (`case_keys` by case, index from migration 0011) compared with `@vigie/matching`'s early-exit
 * popcount. Exact, and its cost follows the open backlog, not history. Shared by grouping reports by
 * image (pdq-grouping.ts) and by linking cases to a crisis incident declared with PDQ hashes.
 */
import { bruteForceQuery, hexToWords } from '@vigie/matching';
import { DEFAULT_THRESHOLDS } from '../banks/signals.ts';
import type { Db } from '../storage/transaction.ts';

/** The bank default, so a case groups with (or joins an incident by) what a bank check calls the same image. */
export const PDQ_NEIGHBOUR_DISTANCE = DEFAULT_THRESHOLDS.pdq;

const PDQ_WORDS = 8;

export interface PdqNeighbour {
  caseId: string;
  openedAt: number;
  /** The nearest of the query hashes, in bits. */
  distance: number;
}

/**
 * Open cases with a PDQ key within `PDQ_NEIGHBOUR_DISTANCE` of any of `pdqs`, each once with its
 * smallest distance. `unlinkedOnly` keeps the cases not yet linked to an incident.
 */
export async function openCasesNearPdq(
  db: Db,
  orgId: string,
  pdqs: readonly string[],
  options: { exceptCaseId?: string | undefined; unlinkedOnly?: boolean } = {},
): Promise<PdqNeighbour[]> {
  if (pdqs.length === 0) return [];
  const rows = await db
    .selectFrom('cases')
    .innerJoin('case_keys', (join) =>
      join
        .onRef('case_keys.case_id', '=', 'cases.id')
        .onRef('case_keys.org_id', '=', 'cases.org_id')
        .on('case_keys.kind', '=', 'pdq'),
    )
    .select(['case_keys.value', 'cases.id', 'cases.opened_at'])
    .where('cases.org_id', '=', orgId)
    .where('cases.status', '=', 'open')
    .$if(options.exceptCaseId !== undefined, (q) => q.where('cases.id', '!=', options.exceptCaseId as string))
    .$if(options.unlinkedOnly === true, (q) => q.where('cases.incident_id', 'is', null))
    .execute();
  if (rows.length === 0) return [];
  const packed = new Uint32Array(rows.length * PDQ_WORDS);
  rows.forEach((row, i) => packed.set(hexToWords(row.value), i * PDQ_WORDS));
  const nearest = new Map<string, PdqNeighbour>();
  for (const pdq of pdqs) {
    for (const hit of bruteForceQuery(packed, PDQ_WORDS, hexToWords(pdq), PDQ_NEIGHBOUR_DISTANCE)) {
      const row = rows[hit.id]!;
      const known = nearest.get(row.id);
      if (!known || hit.distance < known.distance)
        nearest.set(row.id, { caseId: row.id, openedAt: Number(row.opened_at), distance: hit.distance });
    }
  }
  return [...nearest.values()];
}
