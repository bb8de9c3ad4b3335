import { z } from 'zod';
import { GroupCommitters } from '../../cases/group-commit.ts';
import { fileReports, noticeSchema, prepareReport, type PreparedReport } from '../../cases/intake.ts';
import { notFound } from '../../errors.ts';
import {
  findStoredResponse,
  readIdempotencyKey,
  requestFingerprint,
  storeResponses,
  type StoredResponse,
} from '../../http/idempotency.ts';
import { defineOperation } from '../../http/operation.ts';
import { isUniqueViolation, type Db } from '../../storage/transaction.ts';
import { epochMs } from '../schemas.ts';

const OPERATION_ID = 'public.submitReport';

/** Slug → organisation id, for a minute: every public report names its organisation. */
const organisationIds = new Map<string, { id: string; until: number }>();
async function organisationId(db: Db, slug: string): Promise<string> {
  const cached = organisationIds.get(slug);
  if (cached && cached.until > Date.now()) return cached.id;
  const org = await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!org) throw notFound('Organisation', 'body.organisation');
  organisationIds.set(slug, { id: org.id, until: Date.now() + 60_000 });
  return org.id;
}

interface PublicReportRequest {
  report: PreparedReport;
  requestId: string;
  idempotency?: { scope: string; key: string; fingerprint: string } | undefined;
}

interface PublicReportOutcome {
  body: { reference: string; statusPath: string; receivedAt: number };
  replayed: boolean;
}

/**
 * One batch of public reports (cases/group-commit.ts): replays of a stored Idempotency-Key are
 * answered from storage, the others are filed together and their responses stored in one insert.
 */
const publicIntake = new GroupCommitters<PublicReportRequest, PublicReportOutcome>(async (trx, requests) => {
  const replays: (StoredResponse | undefined)[] = [];
  for (const { idempotency: i } of requests)
    replays.push(i ? await findStoredResponse(trx, i.scope, i.key, i.fingerprint) : undefined);
  const toFile = requests.filter((_, n) => !replays[n]);
  await fileReports(trx, toFile);
  // Nothing about the case: whether others reported the same content stays unknown.
  const bodyOf = ({ report }: PublicReportRequest) => ({
    reference: report.reference,
    statusPath: `/r/${report.reference}`,
    receivedAt: report.receivedAt,
  });
  await storeResponses(
    trx,
    toFile.flatMap((r) =>
      r.idempotency
        ? [{ ...r.idempotency, operation: OPERATION_ID, response: { statusCode: 201, body: bodyOf(r) } }]
        : [],
    ),
  );
  return requests.map((r, n) => {
    const stored = replays[n];
    return stored
      ? { body: stored.body as PublicReportOutcome['body'], replayed: true }
      : { body: bodyOf(r), replayed: false };
  });
});

export const submitPublicReport = defineOperation({
  id: OPERATION_ID,
  method: 'POST',
  path: '/api/v1/public/reports',
  summary:
    'Report content as illegal (DSA Art. 16), without an account. Returns the reference of the status page /r/<reference>.',
  tags: ['public'],
  access: { public: true },
  // This creates a report, but not in the per-request transaction: concurrent reports share one
  // transaction (cases/group-commit.ts) to reach public-intake volumes. The batch itself honours
  // Idempotency-Key (same scope as other public creates: the client address) and audits each report
  // with the request id, inside that shared transaction.
  mutates: false,
  successStatus: 201,
  body: noticeSchema.extend({
    organisation: z.string().min(1).max(100).describe('Slug of the organisation'),
  }),
  response: z.object({ reference: z.string(), statusPath: z.string(), receivedAt: epochMs }),
  handle: async ({ body, deps, request, reply, requestId }) => {
    const idempotencyKey = readIdempotencyKey(request.headers);
    const { organisation, ...notice } = body;
    const report = await prepareReport(
      deps.db,
      { keyring: deps.keyring, dataDir: deps.config.dataDir },
      await organisationId(deps.db, organisation),
      undefined,
      { notice, channel: 'web_form', notifierType: 'individual' },
    );
    const idempotency = idempotencyKey
      ? {
          scope: `public:anonymous:${request.ip}`,
          key: idempotencyKey,
          fingerprint: requestFingerprint(OPERATION_ID, request.params, request.body),
        }
      : undefined;
    // Reports of the same URL share a committer, so parallel batches rarely meet on one case.
    const attempt = () => publicIntake.run(deps.db, notice.url, { report, requestId, idempotency });
    let outcome: PublicReportOutcome;
    try {
      outcome = await attempt();
    } catch (error) {
      // Another request committed the same Idempotency-Key first: the retry finds its response.
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      outcome = await attempt();
    }
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return outcome.body;
  },
});
