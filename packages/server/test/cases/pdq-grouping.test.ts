/**
 * Reports about the same image join one case when their PDQ hashes are within the bank default
 * threshold (31 bits), even under different URLs; farther images keep their own cases. A bank match
 * whose PDQ is near an open case joins it too. A crisis incident declared with a PDQ hash links the
 * cases of images near it.
 */
import { pdqHash } from '@vigie/hashing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseFromMatch } from '../../src/cases/jobs.ts';
import { PDQ_GROUPING_DISTANCE } from '../../src/cases/pdq-grouping.ts';
import { systemActor } from '../../src/identity/actor.ts';
import { declareIncident } from '../../src/triage/incidents.ts';
import type { Job } from '../../src/jobs/outbox.ts';
import { decodeImage } from '../../src/media/index.ts';
import { addMember, type TestApp, type TestOrganisation } from '../support/app.ts';
import { createReportingTestApp, notice, publicReport, runHashJob } from './support.ts';

let t: TestApp;
let org: TestOrganisation;

beforeAll(async () => {
  ({ t, org } = await createReportingTestApp('PDQ grouping', []));
});
afterAll(async () => t?.close());

const SIZE = 128;

/** A smooth synthetic photo whose pattern depends on `frequency`; `patch` brightens one corner. */
async function image(frequency: number, patch = 0): Promise<Buffer> {
  const pixels = Buffer.alloc(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const base = 128 + 60 * Math.sin(x / frequency) + 50 * Math.cos((x + 2 * y) / (frequency * 1.7));
      const bright = x < 16 && y < 16 ? patch : 0;
      const value = Math.max(0, Math.min(255, Math.round(base + bright)));
      pixels.set([value, (value * 3) % 256, 255 - value], (y * SIZE + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 3 } })
    .png()
    .toBuffer();
}

const pdqOf = async (png: Buffer) => pdqHash(await decodeImage(png)).hash;
const distance = (a: string, b: string) =>
  [...(BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(2)].filter((bit) => bit === '1').length;

async function reportWithImage(png: Buffer) {
  const response = await publicReport(
    t,
    org.organisation.slug,
    notice({
      attachments: [{ filename: 'photo.png', mediaType: 'image/png', data: png.toString('base64') }],
    }),
  );
  expect(response.statusCode, response.body).toBe(201);
  const reference = response.json().reference as string;
  const attachment = await runHashJob(t, reference);
  const report = await t.database.storage.db
    .selectFrom('reports')
    .select(['id', 'case_id'])
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return { reference, reportId: report.id, caseId: report.case_id, pdq: attachment.pdq as string };
}

const caseRow = (id: string) =>
  t.database.storage.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('grouping by PDQ distance', () => {
  it('joins a report whose image is within the threshold and keeps a farther one apart', async () => {
    const original = await image(9);
    const edited = await image(9, 10);
    const other = await image(23);
    const [pOriginal, pEdited, pOther] = await Promise.all([original, edited, other].map(pdqOf));
    // The fixtures must straddle the threshold, or the test proves nothing.
    expect(distance(pOriginal!, pEdited!)).toBeGreaterThan(0);
    expect(distance(pOriginal!, pEdited!)).toBeLessThanOrEqual(PDQ_GROUPING_DISTANCE);
    expect(distance(pOriginal!, pOther!)).toBeGreaterThan(PDQ_GROUPING_DISTANCE);
    expect(distance(pEdited!, pOther!)).toBeGreaterThan(PDQ_GROUPING_DISTANCE);

    const first = await reportWithImage(original);
    const second = await reportWithImage(edited);
    const third = await reportWithImage(other);

    // The second report (different URL, near image) moved into the first report's case.
    expect(second.caseId).toBe(first.caseId);
    const joined = await caseRow(first.caseId);
    expect(joined).toMatchObject({ status: 'open', report_count: 2 });
    const events = await t.database.storage.db
      .selectFrom('case_events')
      .select(['case_id', 'type', 'data'])
      .where('org_id', '=', org.organisation.id)
      .orderBy('id')
      .execute();
    const merge = events.find((e) => e.case_id === first.caseId && JSON.parse(e.data).mergedFrom);
    expect(merge?.type).toBe('reported');
    const mergedFrom = JSON.parse(merge!.data).mergedFrom as string;
    expect(JSON.parse(merge!.data).pdqDistance).toBe(distance(pOriginal!, pEdited!));
    const closed = await caseRow(mergedFrom);
    expect(closed.status).toBe('closed');
    const closing = events.filter((e) => e.case_id === mergedFrom).at(-1);
    expect(closing?.type).toBe('closed');
    expect(JSON.parse(closing!.data).mergedInto).toBe(first.caseId);

    // The far image keeps its own case.
    expect(third.caseId).not.toBe(first.caseId);
    expect(await caseRow(third.caseId)).toMatchObject({ status: 'open', report_count: 1 });

    // The reporter who moved still reads their report's status.
    const status = await t.app.inject({ method: 'GET', url: `/api/v1/public/reports/${second.reference}` });
    expect(status.statusCode).toBe(200);
    expect(status.json().status).toBe('received');
  });

  it('leaves a case a reviewer has claimed where it is', async () => {
    const reviewer = await addMember(t, org.organisation, 'moderator');
    const first = await reportWithImage(await image(13));
    const edited = await image(13, 20);
    // Near enough to join, were the case not claimed.
    expect(distance(first.pdq, await pdqOf(edited))).toBeLessThanOrEqual(PDQ_GROUPING_DISTANCE);
    const response = await publicReport(
      t,
      org.organisation.slug,
      notice({
        attachments: [{ filename: 'p.png', mediaType: 'image/png', data: edited.toString('base64') }],
      }),
    );
    const reference = response.json().reference as string;
    const own = await t.database.storage.db
      .selectFrom('reports')
      .select('case_id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    const claimed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${own.case_id}/claim`,
      headers: reviewer.headers,
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    await runHashJob(t, reference);
    const after = await t.database.storage.db
      .selectFrom('reports')
      .select('case_id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(after.case_id).toBe(own.case_id);
    expect(after.case_id).not.toBe(first.caseId);
  });

  it('files a bank match into the open case of a near image', async () => {
    const first = await reportWithImage(await image(17));
    const near = await pdqOf(await image(17, 20));
    expect(distance(first.pdq, near)).toBeLessThanOrEqual(PDQ_GROUPING_DISTANCE);
    const payload = {
      orgId: org.organisation.id,
      content: { hashes: { pdq: near } },
      matches: [{ bankId: 'bank', entryId: 'entry', distance: 4, labels: [] }],
    };
    const effects = await openCaseFromMatch(
      { id: 'job-pdq', payload } as unknown as Job,
      t.database.storage.db,
    );
    await t.database.storage.db.transaction().execute(async (trx) => effects && (await effects(trx)));
    expect(await caseRow(first.caseId)).toMatchObject({ report_count: 1, match_count: 1 });
  });
});

describe('crisis incidents declared with a PDQ hash', () => {
  it('link the open case of a near image when declared, and a case whose image is hashed near it later', async () => {
    const db = t.database.storage.db;
    const actor = systemActor(org.organisation.id, 'incident-test');
    const [pOpen, pOpenVariant, pLater, pLaterVariant] = await Promise.all(
      [image(13), image(13, 10), image(31), image(31, 10)].map(async (png) => pdqOf(await png)),
    );
    // Two families of near-duplicates, far from each other: the fixtures must straddle the threshold.
    expect(distance(pOpen!, pOpenVariant!)).toBeGreaterThan(0);
    expect(distance(pOpen!, pOpenVariant!)).toBeLessThanOrEqual(PDQ_GROUPING_DISTANCE);
    expect(distance(pLater!, pLaterVariant!)).toBeGreaterThan(0);
    expect(distance(pLater!, pLaterVariant!)).toBeLessThanOrEqual(PDQ_GROUPING_DISTANCE);
    expect(distance(pOpen!, pLaterVariant!)).toBeGreaterThan(PDQ_GROUPING_DISTANCE);

    const open = await reportWithImage(await image(13));
    const first = await declareIncident(
      db,
      actor,
      { name: 'Re-uploaded attack video', hashes: [{ kind: 'pdq', value: pOpenVariant! }] },
      null,
    );
    expect(first.linkedCases).toBeGreaterThanOrEqual(1);
    expect((await caseRow(open.caseId)).incident_id).toBe(first.incident.id);

    const second = await declareIncident(
      db,
      actor,
      { name: 'Second wave', hashes: [{ kind: 'pdq', value: pLaterVariant! }] },
      null,
    );
    // Not an exact key of the incident: only the PDQ distance links it, when the image is hashed.
    const later = await reportWithImage(await image(31));
    expect(later.pdq).not.toBe(pLaterVariant);
    const linked = await caseRow(later.caseId);
    expect(linked.incident_id).toBe(second.incident.id);
    const events = await db
      .selectFrom('case_events')
      .select(['type', 'data'])
      .where('case_id', '=', later.caseId)
      .execute();
    expect(events.map((e) => e.type)).toContain('routed');

    // A far image stays out of both incidents.
    const far = await reportWithImage(await image(23, 30));
    expect((await caseRow(far.caseId)).incident_id).toBeNull();
  });
});
