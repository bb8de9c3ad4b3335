/**
 * The organisation's active incidents, as routing and intake read them: cached for a few seconds per
 * process (intake files every report), reset at once by changes made in this process.
 */
import { bruteForceQuery, hexToWords } from '@vigie/matching';
import { PDQ_NEIGHBOUR_DISTANCE } from '../cases/pdq-neighbours.ts';
import type { IncidentTable } from '../cases/tables.ts';
import type { Db } from '../storage/transaction.ts';

export interface Incident {
  id: string;
  name: string;
  description: string;
  queueId: string | null;
  priorityWeight: number;
  /**
   * `kind:value` content keys, the same identities `case_keys` holds (canonical URL, hashes). A `pdq`
   * key also stands for the images within the bank default distance of it.
   */
  contentKeys: string[];
  declaredBy: string;
  declaredAt: number;
  endedAt: number | null;
}

export const toIncident = (row: IncidentTable): Incident => ({
  id: row.id,
  name: row.name,
  description: row.description,
  queueId: row.queue_id,
  priorityWeight: row.priority_weight,
  contentKeys: JSON.parse(row.content_keys) as string[],
  declaredBy: row.declared_by,
  declaredAt: Number(row.declared_at),
  endedAt: row.ended_at === null ? null : Number(row.ended_at),
});

export interface ActiveIncidents {
  byId: ReadonlyMap<string, Incident>;
  /** Content key → the incident declared most recently for it. */
  byKey: ReadonlyMap<string, Incident>;
  /** Every PDQ key of the active incidents, packed 8 words each, and the incident of each. */
  pdqPacked: Uint32Array;
  pdqIncidents: readonly Incident[];
}

const CACHE_MS = 5_000;
const PDQ_PREFIX = 'pdq:';
const PDQ_WORDS = 8;
const cache = new Map<string, { active: ActiveIncidents; until: number }>();

export const forgetActiveIncidents = (orgId: string) => cache.delete(orgId);

export async function activeIncidents(db: Db, orgId: string, now = Date.now()): Promise<ActiveIncidents> {
  const cached = cache.get(orgId);
  if (cached && cached.until > now) return cached.active;
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('ended_at', 'is', null)
    .orderBy('declared_at')
    .execute();
  const byId = new Map<string, Incident>();
  const byKey = new Map<string, Incident>();
  const pdqs: string[] = [];
  const pdqIncidents: Incident[] = [];
  for (const incident of rows.map(toIncident)) {
    byId.set(incident.id, incident);
    for (const key of incident.contentKeys) {
      byKey.set(key, incident);
      if (key.startsWith(PDQ_PREFIX)) {
        pdqs.push(key.slice(PDQ_PREFIX.length));
        pdqIncidents.push(incident);
      }
    }
  }
  const pdqPacked = new Uint32Array(pdqs.length * PDQ_WORDS);
  pdqs.forEach((pdq, i) => pdqPacked.set(hexToWords(pdq), i * PDQ_WORDS));
  const active = { byId, byKey, pdqPacked, pdqIncidents };
  cache.set(orgId, { active, until: now + CACHE_MS });
  return active;
}

/**
 * The active incident any of these content keys belongs to, if any: an exact key first, then a PDQ
 * within the bank default distance of an incident's PDQ (the nearest; the latest declared on a tie).
 */
export function incidentOfKeys(
  active: ActiveIncidents,
  keys: readonly { kind: string; value: string }[],
): Incident | undefined {
  for (const key of keys) {
    const incident = active.byKey.get(`${key.kind}:${key.value}`);
    if (incident) return incident;
  }
  let nearest: { incident: Incident; distance: number } | undefined;
  for (const key of keys) {
    if (key.kind !== 'pdq' || active.pdqIncidents.length === 0) continue;
    for (const hit of bruteForceQuery(
      active.pdqPacked,
      PDQ_WORDS,
      hexToWords(key.value),
      PDQ_NEIGHBOUR_DISTANCE,
    )) {
      if (!nearest || hit.distance <= nearest.distance)
        nearest = { incident: active.pdqIncidents[hit.id]!, distance: hit.distance };
    }
  }
  return nearest?.incident;
}
