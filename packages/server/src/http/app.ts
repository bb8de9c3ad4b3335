/**
 * Builds the Fastify application: framework plugins, error handling, security headers, OpenAPI,
 * every operation, and the console. Listening and background work are `server.ts`'s job.
 */
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { CONSOLE_DIST, installConsole } from './console.ts';
import { installErrorHandler } from './error-handler.ts';
import type { AnyOperation, ServerDeps } from './operation.ts';
import { registerOperation } from './register-operation.ts';
import { installSecurityHeaders } from './security-headers.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface AppOptions {
  operations: readonly AnyOperation[];
  /** Serve the console's built files; tests of the API alone leave it out. */
  serveConsole?: boolean;
}

export async function buildApp(deps: ServerDeps, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.config.bodyLimit,
    trustProxy: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app);

  await app.register(fastifyCookie);
  // Streamed uploads (POST /api/v1/check): operations read parts with `request.parts()` and set their
  // own size limits; nothing is buffered or written to disk by the plugin.
  await app.register(fastifyMultipart);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Vigie API',
        version: '0.1.0',
        description:
          'Trust-and-safety API. Errors always have the shape `{ error: { code, message, field?, issues?, requestId } }`; ' +
          'creates accept an `Idempotency-Key` header; console sessions must echo their CSRF token in `x-csrf-token`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer vk_…`' },
          session: { type: 'apiKey', in: 'cookie', name: 'vigie_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const operation of options.operations) registerOperation(app, operation, deps);
  await installConsole(app, options.serveConsole === false ? null : CONSOLE_DIST);
  return app;
}
