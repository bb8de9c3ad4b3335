import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit, type AuditEvent } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../identity/actor.ts';
import { inTransaction, isUniqueViolation } from '../storage/transaction.ts';
import { authenticate, checkCsrf } from './authenticate.ts';
import { errorResponseSchema } from './error-response.ts';
import {
  findStoredResponse,
  readIdempotencyKey,
  requestFingerprint,
  reserveKey,
  storeResponse,
} from './idempotency.ts';
import type { AnyOperation, OperationContext, ServerDeps } from './operation.ts';

async function authorise(
  op: AnyOperation,
  deps: ServerDeps,
  request: FastifyRequest,
): Promise<Actor | undefined> {
  const auth = await authenticate(deps.db, request);
  if ('public' in op.access) return auth?.actor;
  if (!auth) throw new AppError('not_authenticated');
  checkCsrf(request, auth);
  const { actor } = auth;
  if (actor.type === 'user' && actor.mustChangePassword && !op.allowPendingPasswordChange) {
    throw new AppError('password_change_required');
  }
  if ('permission' in op.access && !can(actor, op.access.permission)) {
    throw new AppError('forbidden', { message: `This needs the '${op.access.permission}' permission.` });
  }
  return actor;
}

async function execute(op: AnyOperation, deps: ServerDeps, request: FastifyRequest, reply: FastifyReply) {
  const actor = await authorise(op, deps, request);
  const requestId = String(request.id);
  const baseContext = {
    params: request.params,
    query: request.query,
    body: request.body,
    actor,
    deps,
    requestId,
    request,
    reply,
  };
  const status = op.successStatus ?? 200;

  if (!op.mutates) {
    const ctx: OperationContext<unknown, unknown, unknown, Actor | undefined> = {
      ...baseContext,
      db: deps.db,
      audit: () => Promise.reject(new Error(`read operation ${op.id} cannot audit`)),
    };
    return reply.code(status).send(await op.handle(ctx));
  }

  const idempotencyKey = readIdempotencyKey(request.headers);
  const scope = `${actor?.orgId ?? 'public'}:${actor?.type ?? 'anonymous'}:${actor?.id ?? request.ip}`;
  const fingerprint = requestFingerprint(op.id, request.params, request.body);

  const runOnce = () =>
    inTransaction(deps.db, async (trx) => {
      if (idempotencyKey) {
        const stored = await findStoredResponse(trx, scope, idempotencyKey, fingerprint);
        if (stored) return { ...stored, replayed: true };
        await reserveKey(trx, { scope, key: idempotencyKey, operation: op.id, fingerprint });
      }
      const ctx: OperationContext<unknown, unknown, unknown, Actor | undefined> = {
        ...baseContext,
        db: trx,
        audit: async (event: AuditEvent, who?: Actor) => {
          const auditActor = who ?? actor;
          if (!auditActor) throw new Error(`operation ${op.id} audited without an actor`);
          await appendAudit(trx, auditActor, event, requestId);
        },
      };
      const body = await op.handle(ctx);
      // Every state change is audited, by the domain function or the operation itself.
      const audited = await trx
        .selectFrom('audit_log')
        .select('id')
        .where('request_id', '=', requestId)
        .limit(1)
        .executeTakeFirst();
      if (!audited) throw new Error(`mutating operation ${op.id} did not write an audit entry`);
      if (idempotencyKey) {
        await storeResponse(trx, scope, idempotencyKey, { statusCode: status, body });
      }
      return { statusCode: status, body, replayed: false };
    });

  let outcome: { statusCode: number; body: unknown; replayed: boolean };
  try {
    outcome = await runOnce();
  } catch (error) {
    // A concurrent request with the same key committed first: answer with its response.
    if (!idempotencyKey || !isUniqueViolation(error)) throw error;
    outcome = await runOnce();
  }
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(outcome.statusCode).send(outcome.body);
}

/** Adds one operation to the server as a Fastify route with its schemas, documentation and guards. */
export function registerOperation(app: FastifyInstance, op: AnyOperation, deps: ServerDeps): void {
  const isPublic = 'public' in op.access;
  const rateLimitKind = isPublic ? (op.access.rateLimit ?? 'standard') : undefined;
  const rateLimitPerMinute =
    rateLimitKind === 'login'
      ? deps.config.loginRateLimit
      : rateLimitKind === 'probe'
        ? 6000
        : deps.config.publicRateLimit;
  app.route({
    method: op.method,
    url: op.path,
    schema: {
      operationId: op.id,
      summary: op.summary,
      tags: op.tags,
      ...(isPublic ? {} : { security: [{ apiKey: [] }, { session: [] }] }),
      ...(op.params ? { params: op.params } : {}),
      ...(op.query ? { querystring: op.query } : {}),
      ...(op.body ? { body: op.body } : {}),
      response: {
        [op.successStatus ?? 200]: op.response,
        '4xx': errorResponseSchema,
        '5xx': errorResponseSchema,
      },
    },
    config: {
      operation: op,
      ...(isPublic ? { rateLimit: { max: rateLimitPerMinute, timeWindow: 60_000 } } : {}),
    },
    handler: (request, reply) => execute(op, deps, request, reply),
  });
}
