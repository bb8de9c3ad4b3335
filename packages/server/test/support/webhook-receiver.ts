/** A local webhook receiver for the webhook tests, and Standard Webhooks signature verification. */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  port: number;
  /** Every request, in the order it came. */
  received: ReceivedRequest[];
  /** Paths whose receiver is down: every attempt answers 500. */
  down: Set<string>;
  close(): void;
}

/**
 * Listens on a loopback port; the first `failures` requests (to paths that are not down) answer
 * `failureStatus`, later ones 204.
 */
export async function startWebhookReceiver(options: {
  failures: number;
  failureStatus: number;
}): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const down = new Set<string>();
  let failuresLeft = options.failures;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body });
      response.statusCode = down.has(path) ? 500 : failuresLeft-- > 0 ? options.failureStatus : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, received, down, close: () => server.close() };
}

/** Standard Webhooks verification, written from the specification rather than from the sender's code. */
export function verifiesSignature(secret: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const expected = createHmac('sha256', key).update(signed).digest('base64');
  return String(headers['webhook-signature'])
    .split(' ')
    .some((s) => s === `v1,${expected}`);
}
