import { z } from 'zod';
import { groupCommitterFor } from '../../cases/group-commit.ts';
import { fileReport, noticeSchema } from '../../cases/intake.ts';
import { notFound } from '../../errors.ts';
import {
  findStoredResponse,
  readIdempotencyKey,
  requestFingerprint,
  reserveKey,
  storeResponse,
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

export const submitPublicReport = defineOperation({
  id: OPERATION_ID,
  method: 'POST',
  path: '/api/v1/public/reports',
  summary:
    'Report content as illegal (DSA Art. 16), without an account. Returns the reference of the status page /r/<reference>.',
  tags: ['public'],
  access: { public: true },
  // This creates a report, but not in the per-request transaction: concurrent reports share one
  // transaction (cases/group-commit.ts) to reach public-intake volumes. The handler itself honours
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
    const scope = `public:anonymous:${request.ip}`;
    const fingerprint = requestFingerprint(OPERATION_ID, request.params, request.body);
    const { organisation, ...notice } = body;
    const attempt = () =>
      // Reports of the same URL share a committer, so parallel batches rarely meet on one case.
      groupCommitterFor(deps.db, notice.url).run(async (trx) => {
        if (idempotencyKey) {
          const stored = await findStoredResponse(trx, scope, idempotencyKey, fingerprint);
          if (stored) {
            const body = stored.body as { reference: string; statusPath: string; receivedAt: number };
            return { value: { body, replayed: true } };
          }
          await reserveKey(trx, { scope, key: idempotencyKey, operation: OPERATION_ID, fingerprint });
        }
        const report = await fileReport(
          trx,
          { keyring: deps.keyring, dataDir: deps.config.dataDir },
          await organisationId(trx, organisation),
          undefined,
          { notice, channel: 'web_form', notifierType: 'individual' },
        );
        // Nothing about the case: whether others reported the same content stays unknown.
        const response = {
          reference: report.reference,
          statusPath: `/r/${report.reference}`,
          receivedAt: report.receivedAt,
        };
        if (idempotencyKey)
          await storeResponse(trx, scope, idempotencyKey, { statusCode: 201, body: response });
        return {
          value: { body: response, replayed: false },
          finish: (db: Db) => report.finish(db, requestId),
        };
      });
    let outcome: Awaited<ReturnType<typeof attempt>>;
    try {
      outcome = await attempt();
    } catch (error) {
      // Another process committed the same Idempotency-Key first: the retry finds its response.
      if (!idempotencyKey || !isUniqueViolation(error)) throw error;
      outcome = await attempt();
    }
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return outcome.body;
  },
});
