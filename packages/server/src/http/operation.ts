/**
 * An API operation: one file per operation under `src/api/<resource>/`, declared schema first.
 * `registerOperation` turns it into a Fastify route and supplies what every operation needs —
 * authentication, permission check, CSRF, a transaction with idempotency and audit for mutations —
 * so handlers contain only the operation's own logic.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AuditEvent } from '../audit/audit-log.ts';
import type { ServerConfig } from '../config.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { Actor } from '../identity/actor.ts';
import type { Permission } from '../identity/permissions.ts';
import type { Database } from '../storage/schema.ts';
import type { Db } from '../storage/transaction.ts';

/** What operations receive from the server at registration (never imported as a module global). */
export interface ServerDeps {
  db: Kysely<Database>;
  config: ServerConfig;
  log: Logger;
  /** Seals and opens data encrypted at rest (reporter contacts, attachments, evidence). */
  keyring: Keyring;
}

export type Access =
  /**
   * No credentials needed; rate-limited per client address: `standard` by VIGIE_PUBLIC_RATE_LIMIT,
   * `login` by VIGIE_LOGIN_RATE_LIMIT, `probe` (health checks) at a fixed 6000 a minute.
   */
  | { public: true; rateLimit?: 'standard' | 'login' | 'probe' }
  /** Any signed-in user or key of the organisation that holds the permission. */
  | { permission: Permission }
  /** Any signed-in user (e.g. reading one's own session). */
  | { signedIn: true };

export interface OperationContext<P, Q, B, A extends Actor | undefined> {
  params: P;
  query: Q;
  body: B;
  actor: A;
  /** The request's transaction for mutations, the database for reads. */
  db: Db;
  deps: ServerDeps;
  requestId: string;
  /** Appends to the audit log inside the request's transaction. */
  audit(event: AuditEvent, actor?: Actor): Promise<void>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface Operation<P = unknown, Q = unknown, B = unknown, R = unknown, X extends Access = Access> {
  /** Stable operation id, also the OpenAPI operationId: `<resource>.<verb>`. */
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  summary: string;
  tags: string[];
  access: X;
  /** Mutations run in one transaction, must audit, and honour `Idempotency-Key`. */
  mutates: boolean;
  /** Allowed while the user still has to replace a one-time password. */
  allowPendingPasswordChange?: boolean;
  successStatus?: 200 | 201 | 202;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType<R>;
  handle(ctx: OperationContext<P, Q, B, X extends { public: true } ? Actor | undefined : Actor>): Promise<R>;
}

/** Identity function that infers an operation's types from its schemas. */
export function defineOperation<P, Q, B, R, X extends Access>(
  operation: Operation<P, Q, B, R, X>,
): Operation<P, Q, B, R, X> {
  return operation;
}

// Operations are stored heterogeneously; their types were checked at definition.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any, any, any, any>;
