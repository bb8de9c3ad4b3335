/**
 * Incidents (crisis protocol): during an attack livestream, a coordinated campaign or a leak, an
 * organisation declares an incident with the content that identifies it (canonical URLs, exact
 * hashes, PDQ hashes that also stand for images within the bank default distance of them). Cases about
 * that content — already open, filed while the incident is active, or whose image is hashed then — are linked
 * to it, go to its queue ahead of every routing rule, and get its priority weight with a reason naming
 * it. Ending the incident re-triages its open cases by the ordinary rules; they stay linked for history.
 */
import { randomUUID } from 'node:crypto';
import { canonicalUrl } from '@vigie/hashing';
import { appendAudit } from '../audit/audit-log.ts';
import { appendCaseEvents } from '../cases/events.ts';
import { openCasesNearPdq } from '../cases/pdq-neighbours.ts';
import type { CaseTable, IncidentTable } from '../cases/tables.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { isPostgres, type Db } from '../storage/transaction.ts';
import { triageColumns } from './case-triage.ts';
import {
  activeIncidents,
  forgetActiveIncidents,
  incidentOfKeys,
  toIncident,
  type Incident,
} from './incident-store.ts';

export type { Incident } from './incident-store.ts';

/** Above the trusted-flagger weight (30), below a removal order (100). */
export const DEFAULT_INCIDENT_WEIGHT = 60;

export interface IncidentInput {
  name: string;
  description?: string | undefined;
  queueId?: string | undefined;
  priorityWeight?: number | undefined;
  urls?: string[] | undefined;
  hashes?: { kind: 'sha256' | 'md5' | 'pdq'; value: string }[] | undefined;
}

function contentKeys(input: IncidentInput): string[] {
  const keys = new Set<string>();
  (input.urls ?? []).forEach((url, i) => {
    try {
      keys.add(`url:${canonicalUrl(url)}`);
    } catch {
      throw new AppError('validation_failed', {
        message: 'Not a URL that can be canonicalised.',
        field: `body.urls.${i}`,
      });
    }
  });
  for (const hash of input.hashes ?? []) keys.add(`${hash.kind}:${hash.value.toLowerCase()}`);
  if (keys.size === 0) {
    throw new AppError('validation_failed', {
      message: 'An incident needs the URLs or hashes of its content.',
      field: 'body.urls',
    });
  }
  return [...keys];
}

/** Re-triages open cases and records why on each (a `routed` event naming the incident). */
async function retriage(
  db: Db,
  actor: Actor,
  cases: CaseTable[],
  change: { incident_id?: string },
  data: Record<string, unknown>,
  now: number,
): Promise<void> {
  for (const kase of cases) {
    const triage = await triageColumns(db, actor.orgId, { ...kase, ...change });
    await appendCaseEvents(
      db,
      actor,
      kase,
      [{ type: 'routed', data: { queueId: triage.queue_id, ...data } }],
      { ...change, ...triage },
      now,
    );
  }
}

export async function declareIncident(
  db: Db,
  actor: Actor,
  input: IncidentInput,
  requestId: string | null,
  now = Date.now(),
): Promise<{ incident: Incident; linkedCases: number }> {
  const keys = contentKeys(input);
  if (input.queueId) {
    const queue = await db
      .selectFrom('queues')
      .select('id')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', input.queueId)
      .executeTakeFirst();
    if (!queue) throw notFound('Queue', 'body.queueId');
  }
  const row: IncidentTable = {
    id: randomUUID(),
    org_id: actor.orgId,
    name: input.name,
    description: input.description ?? '',
    queue_id: input.queueId ?? null,
    priority_weight: input.priorityWeight ?? DEFAULT_INCIDENT_WEIGHT,
    content_keys: JSON.stringify(keys),
    declared_by: actor.id,
    declared_at: now,
    ended_at: null,
  };
  await db.insertInto('incidents').values(row).execute();
  forgetActiveIncidents(actor.orgId);
  const linked = await openCasesOfContent(db, actor.orgId, keys);
  await retriage(db, actor, linked, { incident_id: row.id }, { incidentId: row.id }, now);
  await appendAudit(
    db,
    actor,
    {
      action: 'incident.declare',
      targetType: 'incident',
      targetId: row.id,
      details: { name: row.name, queueId: row.queue_id, keys: keys.length, linkedCases: linked.length },
    },
    requestId,
  );
  // Filled again after commit, so no other transaction caches the incident before it exists.
  forgetActiveIncidents(actor.orgId);
  return { incident: toIncident(row), linkedCases: linked.length };
}

/**
 * Open cases not yet linked to an incident that hold any of these content keys, or an image within the
 * bank default PDQ distance of one of its PDQ keys.
 */
async function openCasesOfContent(db: Db, orgId: string, keys: string[]): Promise<CaseTable[]> {
  const pairs = keys.map((k) => {
    const at = k.indexOf(':');
    return { kind: k.slice(0, at), value: k.slice(at + 1) };
  });
  const pdqs = pairs.filter((p) => p.kind === 'pdq').map((p) => p.value);
  const near = (await openCasesNearPdq(db, orgId, pdqs, { unlinkedOnly: true })).map((n) => n.caseId);
  return db
    .selectFrom('cases')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', '=', 'open')
    .where('incident_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb(
          'id',
          'in',
          eb
            .selectFrom('case_keys')
            .select('case_id')
            .where('org_id', '=', orgId)
            .where((k) => k.or(pairs.map((p) => k.and([k('kind', '=', p.kind), k('value', '=', p.value)])))),
        ),
        ...(near.length > 0 ? [eb('id', 'in', near)] : []),
      ]),
    )
    .$if(isPostgres(db), (q) => q.forUpdate())
    .execute();
}

/**
 * Links an open case not yet linked to an incident to the active incident that `keys` (keys the case
 * just gained, e.g. the PDQ of an image hashed after intake) belong to, and re-triages it. Returns the
 * incident, if any.
 */
export async function linkCaseToActiveIncident(
  db: Db,
  actor: Actor,
  kase: CaseTable,
  keys: readonly { kind: string; value: string }[],
  now = Date.now(),
): Promise<Incident | undefined> {
  if (kase.status !== 'open' || kase.incident_id !== null) return undefined;
  const incident = incidentOfKeys(await activeIncidents(db, actor.orgId), keys);
  if (!incident) return undefined;
  await retriage(db, actor, [kase], { incident_id: incident.id }, { incidentId: incident.id }, now);
  return incident;
}

export async function endIncident(
  db: Db,
  actor: Actor,
  incidentId: string,
  requestId: string | null,
  now = Date.now(),
): Promise<Incident> {
  const row = await db
    .selectFrom('incidents')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .where('id', '=', incidentId)
    .executeTakeFirst();
  if (!row) throw notFound('Incident', 'params.incidentId');
  if (row.ended_at !== null) {
    throw new AppError('conflict', {
      message: 'The incident has already ended.',
      field: 'params.incidentId',
    });
  }
  await db
    .updateTable('incidents')
    .set({ ended_at: now })
    .where('org_id', '=', actor.orgId)
    .where('id', '=', incidentId)
    .execute();
  forgetActiveIncidents(actor.orgId);
  const linked = await db
    .selectFrom('cases')
    .selectAll()
    .where('org_id', '=', actor.orgId)
    .where('status', '=', 'open')
    .where('incident_id', '=', incidentId)
    .$if(isPostgres(db), (q) => q.forUpdate())
    .execute();
  await retriage(db, actor, linked, {}, { incidentEnded: incidentId }, now);
  await appendAudit(
    db,
    actor,
    {
      action: 'incident.end',
      targetType: 'incident',
      targetId: incidentId,
      details: { cases: linked.length },
    },
    requestId,
  );
  forgetActiveIncidents(actor.orgId);
  return toIncident({ ...row, ended_at: now });
}

export interface IncidentWithCases extends Incident {
  /** Cases linked to the incident, whatever their state; they stay linked after it ends. */
  linkedCases: number;
  /** Of those, the ones still open. */
  openCases: number;
}

export async function listIncidents(db: Db, orgId: string): Promise<IncidentWithCases[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('declared_at', 'desc')
    .limit(500)
    .execute();
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom('cases')
    .select((eb) => [
      'incident_id',
      eb.fn.countAll().as('linked'),
      eb.fn.sum(eb.case().when('status', '=', 'open').then(1).else(0).end()).as('open'),
    ])
    .where('org_id', '=', orgId)
    .where(
      'incident_id',
      'in',
      rows.map((r) => r.id),
    )
    .groupBy('incident_id')
    .execute();
  const byIncident = new Map(counts.map((c) => [c.incident_id, c]));
  return rows.map((row) => {
    const count = byIncident.get(row.id);
    return {
      ...toIncident(row),
      linkedCases: Number(count?.linked ?? 0),
      openCases: Number(count?.open ?? 0),
    };
  });
}
