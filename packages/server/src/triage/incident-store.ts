/**
 * The organisation's active incidents, as routing and intake read them: cached for a few seconds per
 * process (intake files every report), reset at once by changes made in this process.
 */
import type { IncidentTable } from '../cases/tables.ts';
import type { Db } from '../storage/transaction.ts';

export interface Incident {
  id: string;
  name: string;
  description: string;
  queueId: string | null;
  priorityWeight: number;
  /** `kind:value` content keys, the same identities `case_keys` holds (canonical URL, exact hashes). */
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
}

const CACHE_MS = 5_000;
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
  for (const incident of rows.map(toIncident)) {
    byId.set(incident.id, incident);
    for (const key of incident.contentKeys) byKey.set(key, incident);
  }
  const active = { byId, byKey };
  cache.set(orgId, { active, until: now + CACHE_MS });
  return active;
}

/** The active incident any of these content keys belongs to, if any. */
export function incidentOfKeys(
  active: ActiveIncidents,
  keys: readonly { kind: string; value: string }[],
): Incident | undefined {
  for (const key of keys) {
    const incident = active.byKey.get(`${key.kind}:${key.value}`);
    if (incident) return incident;
  }
  return undefined;
}
