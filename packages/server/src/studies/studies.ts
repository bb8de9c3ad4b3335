/**
 * Collective "report-and-audit" studies. An organisation creates a study and invites others by their
 * slug; an admin (any holder of `studies:manage`) of the invited organisation accepts. Members flag
 * their own notices into the study. The study scorecard aggregates across active members; nothing
 * else crosses organisations: notice texts, reporters and notes stay in the organisation that wrote
 * them (every notice query stays scoped by the caller's organisation).
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { findOrganisationBySlug } from '../identity/organisations.ts';
import { inTransaction, isUniqueViolation, type Db } from '../storage/transaction.ts';
import type { StudyTable } from './tables.ts';

export interface Study {
  id: string;
  name: string;
  title: string;
  description: string;
  /** True when the caller's organisation created it. */
  owned: boolean;
  /** The caller's membership: `active` or `invited`. */
  membership: string;
  createdAt: number;
}

export interface StudyMembership {
  organisation: string;
  status: string;
  invitedAt: number;
  acceptedAt: number | null;
}

function toStudy(row: StudyTable, orgId: string, membership: string): Study {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    description: row.description,
    owned: row.owner_org_id === orgId,
    membership,
    createdAt: row.created_at,
  };
}

export async function createStudy(
  db: Db,
  actor: Actor,
  input: { name: string; title: string; description?: string | undefined },
  requestId: string | null = null,
): Promise<Study> {
  const now = Date.now();
  const row: StudyTable = {
    id: randomUUID(),
    name: input.name,
    title: input.title,
    description: input.description ?? '',
    owner_org_id: actor.orgId,
    created_at: now,
  };
  return inTransaction(db, async (trx) => {
    try {
      await trx.insertInto('studies').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('already_exists', {
          message: 'A study with this name exists.',
          field: 'body.name',
        });
      }
      throw error;
    }
    await trx
      .insertInto('study_members')
      .values({
        study_id: row.id,
        org_id: actor.orgId,
        status: 'active',
        invited_at: now,
        accepted_at: now,
        accepted_by: actor.id,
      })
      .execute();
    await appendAudit(
      trx,
      actor,
      { action: 'study.create', targetType: 'study', targetId: row.id, details: { name: row.name } },
      requestId,
    );
    return toStudy(row, actor.orgId, 'active');
  });
}

/** The study as seen by a member organisation (invited or active); 404 for anyone else. */
async function memberStudy(db: Db, orgId: string, studyId: string, field: string) {
  const row = await db
    .selectFrom('studies')
    .innerJoin('study_members', 'study_members.study_id', 'studies.id')
    .selectAll('studies')
    .select('study_members.status as membership')
    .where('studies.id', '=', studyId)
    .where('study_members.org_id', '=', orgId)
    .executeTakeFirst();
  if (!row) throw notFound('Study', field);
  return row;
}

/** The study, if the organisation is an active member of it. */
export async function activeStudyOf(db: Db, orgId: string, studyId: string, field: string): Promise<Study> {
  const { membership, ...row } = await memberStudy(db, orgId, studyId, field);
  if (membership !== 'active') throw notFound('Study', field);
  return toStudy(row, orgId, membership);
}

export async function findActiveStudyByName(db: Db, orgId: string, name: string): Promise<Study> {
  const row = await db.selectFrom('studies').select('id').where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound('Study', 'study');
  return activeStudyOf(db, orgId, row.id, 'study');
}

export async function listStudies(db: Db, orgId: string): Promise<Study[]> {
  const rows = await db
    .selectFrom('studies')
    .innerJoin('study_members', 'study_members.study_id', 'studies.id')
    .selectAll('studies')
    .select('study_members.status as membership')
    .where('study_members.org_id', '=', orgId)
    .orderBy('studies.created_at')
    .execute();
  return rows.map(({ membership, ...row }) => toStudy(row, orgId, membership));
}

/** Invites an organisation (by slug). Only the study's owner invites. */
export async function inviteToStudy(
  db: Db,
  actor: Actor,
  studyId: string,
  organisationSlug: string,
  requestId: string | null = null,
): Promise<StudyMembership> {
  return inTransaction(db, async (trx) => {
    const study = await activeStudyOf(trx, actor.orgId, studyId, 'params.studyId');
    if (!study.owned)
      throw new AppError('forbidden', { message: 'Only the organisation that created the study invites.' });
    const invited = await findOrganisationBySlug(trx, organisationSlug);
    if (!invited) throw notFound('Organisation', 'body.organisation');
    const now = Date.now();
    try {
      await trx
        .insertInto('study_members')
        .values({
          study_id: studyId,
          org_id: invited.id,
          status: 'invited',
          invited_at: now,
          accepted_at: null,
          accepted_by: null,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('already_exists', {
          message: 'That organisation is already invited.',
          field: 'body.organisation',
        });
      }
      throw error;
    }
    await appendAudit(
      trx,
      actor,
      {
        action: 'study.invite',
        targetType: 'study',
        targetId: studyId,
        details: { organisation: invited.slug },
      },
      requestId,
    );
    return { organisation: invited.slug, status: 'invited', invitedAt: now, acceptedAt: null };
  });
}

export async function acceptStudyInvitation(
  db: Db,
  actor: Actor,
  studyId: string,
  requestId: string | null = null,
): Promise<Study> {
  return inTransaction(db, async (trx) => {
    const { membership, ...row } = await memberStudy(trx, actor.orgId, studyId, 'params.studyId');
    if (membership === 'active')
      throw new AppError('conflict', { message: 'Already a member of this study.' });
    await trx
      .updateTable('study_members')
      .set({ status: 'active', accepted_at: Date.now(), accepted_by: actor.id })
      .where('study_id', '=', studyId)
      .where('org_id', '=', actor.orgId)
      .execute();
    await appendAudit(
      trx,
      actor,
      { action: 'study.accept', targetType: 'study', targetId: studyId },
      requestId,
    );
    return toStudy(row, actor.orgId, 'active');
  });
}

/** Ids of the study's active member organisations. */
export async function activeMemberIds(db: Db, studyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('study_members')
    .select('org_id')
    .where('study_id', '=', studyId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.org_id);
}
