import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { receivePlatformCallback as receiveCallback } from '../../notices/callbacks.ts';
import { idParam } from '../schemas.ts';

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export const receivePlatformCallback = defineOperation({
  id: 'platforms.callback',
  method: 'POST',
  path: '/api/v1/platform-callbacks/:platformId',
  summary:
    'A platform reports on a notice it received (acknowledgement, decision, statement of reasons). ' +
    'Signed: x-vigie-timestamp and x-vigie-signature = sha256=HMAC-SHA256(secret, "<timestamp>.<payload>").',
  tags: ['platforms'],
  access: { public: true },
  mutates: true,
  params: z.strictObject({ platformId: idParam }),
  body: z.strictObject({ payload: z.string().min(2).max(100_000) }),
  response: z.object({ noticeId: z.string(), recorded: z.array(z.string()) }),
  handle: ({ body, db, deps, params, request, requestId }) =>
    receiveCallback(
      db,
      deps.keyring,
      params.platformId,
      {
        timestamp: header(request.headers['x-vigie-timestamp']),
        signature: header(request.headers['x-vigie-signature']),
        payload: body.payload,
      },
      () => Date.now(),
      requestId,
    ),
});
