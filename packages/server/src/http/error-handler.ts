/**
 * Turns every error into the catalogue shape. Known framework errors map to their codes; anything
 * unexpected is logged with the request id and answered as `internal_error` without details.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorIssue } from '../errors.ts';

const contextNames: Record<string, string> = { querystring: 'query' };

function fieldOf(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
  const parts = instancePath.split('/').filter(Boolean);
  // An unknown property is reported on its parent object: name the property itself.
  const keys = params.keys;
  if (Array.isArray(keys) && keys.length > 0) parts.push(String(keys[0]));
  return [contextNames[context ?? ''] ?? context ?? 'body', ...parts].join('.');
}

const frameworkCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_REQ_FILE_TOO_LARGE: 'body_too_large',
  FST_ERR_RATE_LIMITED: 'rate_limited',
};

const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P03',
  '08006',
  '08001',
  'SQLITE_BUSY',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    DATABASE_DOWN_CODES.has(e?.code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(
      e?.message ?? '',
    )
  );
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string; issues?: ErrorIssue[]; requestId: string };
}

function toAppError(error: FastifyError | Error): AppError | undefined {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext;
    const issues = error.validation.map((v) => ({
      field: fieldOf(context, v.instancePath, v.params),
      message: v.message ?? 'invalid',
    }));
    return new AppError('validation_failed', {
      message: `Invalid ${issues[0]?.field}: ${issues[0]?.message}`,
      ...(issues[0] ? { field: issues[0].field } : {}),
      issues,
    });
  }
  const code = (error as FastifyError).code;
  if (code && frameworkCodes[code]) return new AppError(frameworkCodes[code]);
  const status = (error as FastifyError).statusCode;
  if (status === 429) return new AppError('rate_limited');
  if (status === 413) return new AppError('body_too_large');
  if (status === 415) return new AppError('unsupported_media_type');
  if (status === 400 && error instanceof SyntaxError) return new AppError('malformed_json');
  if (status === 400 || status === 404 || status === 405) {
    return new AppError(
      status === 400 ? 'bad_request' : status === 404 ? 'route_not_found' : 'method_not_allowed',
      {
        message: error.message,
      },
    );
  }
  if (isDatabaseUnavailable(error)) return new AppError('database_unavailable');
  return undefined;
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.issues ? { issues: error.issues } : {}),
      requestId,
    },
  };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toAppError(error);
    if (!known || known.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    const appError = known ?? new AppError('internal_error');
    if (appError.code === 'rate_limited') reply.header('retry-after', '60');
    return reply.code(appError.status).send(errorBody(appError, String(request.id)));
  });
}
