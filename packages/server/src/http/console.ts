/**
 * Serves the built console (packages/web/dist) and falls back to its index.html for client-side
 * routes. Unknown `/api/` paths get the JSON `route_not_found` error instead.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { errorBody } from './error-handler.ts';

export const CONSOLE_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** `dist` null: API only, no console files. */
export async function installConsole(app: FastifyInstance, dist: string | null): Promise<void> {
  const built = dist !== null && existsSync(path.join(dist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (wantsPage && built) return reply.type('text/html').sendFile('index.html');
    if (wantsPage) {
      return reply
        .code(503)
        .type('text/plain')
        .send('The console is not built. Run `npm run build -w @vigie/web` (npm start does it for you).\n');
    }
    return reply.code(404).send(
      errorBody(
        new AppError('route_not_found', {
          message: `No route ${request.method} ${request.url.split('?')[0]}.`,
        }),
        String(request.id),
      ),
    );
  });
}
