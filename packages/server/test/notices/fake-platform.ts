/**
 * A local fake platform for the notice end-to-end test. It speaks Vigie's notice API (submit,
 * status) and serves the notified content, all driven by a clock the test controls, so a scripted
 * behaviour per content item ("acknowledge after 2 h, remove after 20 h") plays out at exact times.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ItemScript {
  /** Offsets from the notice's receipt, in ms. */
  ackAfter?: number;
  decision?: { outcome: 'removed' | 'restricted' | 'rejected' | 'no_action'; after: number };
  /** The content answers 410 from this offset on (from the platform's receipt, or from `base`). */
  goneAfter?: number;
  /** Refuse the submission with this HTTP status. */
  refuseWith?: number;
}

export interface FakePlatform {
  origin: string;
  hostPort: string;
  clock: { now: number };
  /** The content's scripts by id (`/content/<id>`); offsets of `goneAfter` count from `base`. */
  scripts: Map<string, ItemScript>;
  base: number;
  received: {
    ticketId: string;
    idempotencyKey: string | undefined;
    raw: string;
    body: Record<string, unknown>;
  }[];
  close(): Promise<void>;
}

export async function startFakePlatform(base: number): Promise<FakePlatform> {
  const clock = { now: base };
  const scripts = new Map<string, ItemScript>();
  const tickets = new Map<string, { receivedAt: number; script: ItemScript }>();
  const received: FakePlatform['received'] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://fake');
      const contentId = /^\/content\/([\w-]+)$/.exec(url.pathname)?.[1];
      if (req.method === 'GET' && contentId) {
        const script = scripts.get(contentId);
        if (!script) return send(404);
        const gone = script.goneAfter !== undefined && clock.now >= base + script.goneAfter;
        return send(gone ? 410 : 200, { id: contentId });
      }
      if (req.method === 'POST' && url.pathname === '/notices') {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(raw) as { items: { url: string }[] };
        const id = body.items[0]?.url.split('/').pop() ?? '';
        const script = scripts.get(id) ?? {};
        if (script.refuseWith) return send(script.refuseWith, { error: 'refused' });
        const ticketId = `T-${tickets.size + 1}`;
        tickets.set(ticketId, { receivedAt: clock.now, script });
        const key = req.headers['idempotency-key'];
        received.push({ ticketId, idempotencyKey: Array.isArray(key) ? key[0] : key, raw, body });
        return send(201, { ticketId });
      }
      const ticketId = /^\/notices\/([\w-]+)$/.exec(url.pathname)?.[1];
      if (req.method === 'GET' && ticketId) {
        const ticket = tickets.get(ticketId);
        if (!ticket) return send(404);
        const { receivedAt, script } = ticket;
        const reached = (after: number | undefined) => after !== undefined && clock.now >= receivedAt + after;
        const status: Record<string, unknown> = { ticketId };
        if (reached(script.ackAfter))
          status.acknowledgedAt = new Date(receivedAt + script.ackAfter!).toISOString();
        if (script.decision && reached(script.decision.after)) {
          const decidedAt = receivedAt + script.decision.after;
          status.decision = { outcome: script.decision.outcome, decidedAt };
          status.statementOfReasons = { receivedAt: decidedAt, text: `Decision ${script.decision.outcome}` };
        }
        return send(200, status);
      }
      return send(404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    clock,
    scripts,
    base,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
