/**
 * SSRF tests for safeFetch. Only local servers on loopback are ever contacted; every refused
 * address is checked to be refused before a socket connects (Socket.prototype.connect is watched).
 */
import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OutboundError, safeFetch, type SafeFetchOptions } from '../../src/outbound/index.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface LocalServer {
  port: number;
  hits: IncomingMessage[];
  handle: Handler;
  server: http.Server;
}

async function startServer(host: string): Promise<LocalServer | undefined> {
  const handle: Handler = (_req, res) => res.end('hello');
  const local = { hits: [], handle } as unknown as LocalServer;
  local.server = http.createServer((req, res) => {
    local.hits.push(req);
    local.handle(req, res);
  });
  try {
    local.server.listen(0, host);
    await once(local.server, 'listening');
  } catch {
    return undefined; // e.g. no IPv6 loopback on this machine
  }
  local.port = (local.server.address() as AddressInfo).port;
  return local;
}

let v4: LocalServer;
let v6: LocalServer | undefined;
let other: LocalServer;

beforeAll(async () => {
  v4 = (await startServer('127.0.0.1'))!;
  other = (await startServer('127.0.0.1'))!;
  v6 = await startServer('::1');
});
afterAll(async () => {
  for (const s of [v4, other, v6]) s?.server.closeAllConnections();
  await Promise.all([v4, other, v6].map((s) => s && new Promise((r) => s.server.close(r))));
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const s of [v4, other, v6]) {
    if (!s) continue;
    s.hits.length = 0;
    s.handle = (_req, res) => res.end('hello');
  }
});

const base: SafeFetchOptions = {
  maxBytes: 10_000,
  timeoutMs: 2_000,
  maxRedirects: 3,
  userAgent: 'VigieTest/1',
};
const allowV4 = () => ({ ...base, allowHosts: [`127.0.0.1:${v4.port}`] });

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

/** Runs `work` while watching every socket connect; returns how many were attempted. */
async function connectsDuring(work: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(net.Socket.prototype, 'connect');
  await work();
  const count = spy.mock.calls.length;
  spy.mockRestore();
  return count;
}

describe('safeFetch: refused destinations', () => {
  it('refuses 127.0.0.1 by default and the server sees nothing', async () => {
    const error = await failure(safeFetch(`http://127.0.0.1:${v4.port}/`, base));
    expect(error.code).toBe('outbound_blocked_address');
    expect(error.message).toContain('loopback');
    expect(v4.hits).toHaveLength(0);
  });

  it('refuses ::1 by default and the server sees nothing', async () => {
    const port = v6?.port ?? 9;
    const error = await failure(safeFetch(`http://[::1]:${port}/`, base));
    expect(error.code).toBe('outbound_blocked_address');
    expect(v6?.hits ?? []).toHaveLength(0);
  });

  it('refuses IPv4-mapped IPv6 loopback (::ffff:127.0.0.1)', async () => {
    const error = await failure(safeFetch(`http://[::ffff:127.0.0.1]:${v4.port}/`, base));
    expect(error.code).toBe('outbound_blocked_address');
    expect(v4.hits).toHaveLength(0);
  });

  it.each([
    ['http://10.0.0.1/', 'private'],
    ['http://10.255.1.2:8080/x', 'private'],
    ['http://172.16.5.4/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://100.64.0.1/', 'shared'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://169.254.10.10/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd12:3456::1]/', 'unique-local'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://[::ffff:a9fe:a9fe]/', 'metadata'],
  ])('refuses %s (%s) before any socket connects', async (url, reason) => {
    let error: OutboundError | undefined;
    const connects = await connectsDuring(async () => {
      error = await failure(safeFetch(url, base));
    });
    expect(error?.code).toBe('outbound_blocked_address');
    expect(error?.message).toContain(reason);
    expect(connects).toBe(0);
  });

  it.each([
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::ffff:7f00:1]/',
  ])('refuses the alternative spelling %s of 127.0.0.1 before connecting', async (url) => {
    let error: OutboundError | undefined;
    const connects = await connectsDuring(async () => {
      error = await failure(safeFetch(url, base));
    });
    expect(error?.code).toBe('outbound_blocked_address');
    expect(connects).toBe(0);
  });

  it('refuses 169.254.169.254 and fd00:ec2::254 before connecting, even when allow-listed', async () => {
    for (const [url, allow] of [
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254:80'],
      ['http://[fd00:ec2::254]/latest/meta-data/', '[fd00:ec2::254]:80'],
    ] as const) {
      let error: OutboundError | undefined;
      const connects = await connectsDuring(async () => {
        error = await failure(safeFetch(url, { ...base, allowHosts: [allow] }));
      });
      expect(error?.code).toBe('outbound_blocked_address');
      expect(error?.message).toContain('metadata');
      expect(connects).toBe(0);
    }
  });

  it('refuses a host name that resolves to a private address, without connecting', async () => {
    const resolve = vi.fn(async () => [{ address: '10.20.30.40', family: 4 as const }]);
    let error: OutboundError | undefined;
    const connects = await connectsDuring(async () => {
      error = await failure(safeFetch('http://intranet.example/', { ...base, resolve }));
    });
    expect(error?.code).toBe('outbound_blocked_address');
    expect(error?.message).toContain('10.20.30.40');
    expect(connects).toBe(0);
  });

  it('refuses a host name when ANY of its addresses is private', async () => {
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 as const },
      { address: '::1', family: 6 as const },
    ];
    const connects = await connectsDuring(async () => {
      const error = await failure(safeFetch('http://mixed.example/', { ...base, resolve }));
      expect(error.code).toBe('outbound_blocked_address');
    });
    expect(connects).toBe(0);
  });

  it('refuses localhost through the system resolver', async () => {
    const error = await failure(safeFetch(`http://localhost:${v4.port}/`, base));
    expect(error.code).toBe('outbound_blocked_address');
    expect(v4.hits).toHaveLength(0);
  });

  it('refuses a redirect from an allowed local server to a private address', async () => {
    v4.handle = (_req, res) => res.writeHead(302, { location: 'http://10.0.0.1/admin' }).end();
    const error = await failure(safeFetch(`http://127.0.0.1:${v4.port}/start`, allowV4()));
    expect(error.code).toBe('outbound_blocked_address');
    expect(error.url).toBe('http://10.0.0.1/admin');
    expect(v4.hits).toHaveLength(1);
  });

  it('refuses a redirect to another loopback port that is not allow-listed', async () => {
    v4.handle = (_req, res) => res.writeHead(307, { location: `http://127.0.0.1:${other.port}/` }).end();
    const error = await failure(safeFetch(`http://127.0.0.1:${v4.port}/`, allowV4()));
    expect(error.code).toBe('outbound_blocked_address');
    expect(other.hits).toHaveLength(0);
  });

  it.each(['ftp://example.org/file', 'file:///etc/passwd', 'not a url', 'gopher://127.0.0.1:70/'])(
    'refuses %s as a bad URL',
    async (url) => {
      expect((await failure(safeFetch(url, base))).code).toBe('outbound_bad_url');
    },
  );

  it('refuses a redirect to a non-http scheme', async () => {
    v4.handle = (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    expect((await failure(safeFetch(`http://127.0.0.1:${v4.port}/`, allowV4()))).code).toBe(
      'outbound_bad_url',
    );
  });
});

describe('safeFetch: allowed fetches and limits', () => {
  it('fetches an allow-listed local server with the configured user agent', async () => {
    let response: Awaited<ReturnType<typeof safeFetch>> | undefined;
    // Also the control for the connect watcher used above: a real fetch is seen connecting.
    const connects = await connectsDuring(async () => {
      response = await safeFetch(`http://127.0.0.1:${v4.port}/page`, allowV4());
    });
    expect(connects).toBeGreaterThan(0);
    if (!response) throw new Error('no response');
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('hello');
    expect(response.remoteAddress).toBe('127.0.0.1');
    expect(v4.hits[0]?.headers['user-agent']).toBe('VigieTest/1');
  });

  it('resolves a name once and connects to the address it checked', async () => {
    const resolve = vi.fn(async () => [{ address: '127.0.0.1', family: 4 as const }]);
    const response = await safeFetch(`http://vigie-test.invalid:${v4.port}/`, {
      ...base,
      resolve,
      allowHosts: [`vigie-test.invalid:${v4.port}`],
    });
    expect(response.status).toBe(200);
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(v4.hits[0]?.headers.host).toBe(`vigie-test.invalid:${v4.port}`);
  });

  it('follows allowed redirects, reporting the chain, and keeps non-2xx statuses as results', async () => {
    v4.handle = (req, res) => {
      if (req.url === '/a') res.writeHead(301, { location: '/b' }).end();
      else res.writeHead(404).end('gone');
    };
    const response = await safeFetch(`http://127.0.0.1:${v4.port}/a`, allowV4());
    expect(response.status).toBe(404);
    expect(response.redirects).toEqual([`http://127.0.0.1:${v4.port}/a`]);
    expect(response.url).toBe(`http://127.0.0.1:${v4.port}/b`);
  });

  it('stops after maxRedirects', async () => {
    v4.handle = (_req, res) => res.writeHead(302, { location: '/again' }).end();
    const error = await failure(safeFetch(`http://127.0.0.1:${v4.port}/`, allowV4()));
    expect(error.code).toBe('outbound_too_many_redirects');
    expect(v4.hits).toHaveLength(base.maxRedirects + 1);
  });

  it('aborts a declared body above maxBytes', async () => {
    v4.handle = (_req, res) => res.writeHead(200, { 'content-length': '20000' }).end(Buffer.alloc(20_000));
    expect((await failure(safeFetch(`http://127.0.0.1:${v4.port}/`, allowV4()))).code).toBe(
      'outbound_too_large',
    );
  });

  it('aborts a chunked body once it passes maxBytes', async () => {
    v4.handle = (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write(Buffer.alloc(4096)), 5);
      res.on('close', () => clearInterval(timer));
    };
    const error = await failure(safeFetch(`http://127.0.0.1:${v4.port}/`, allowV4()));
    expect(error.code).toBe('outbound_too_large');
  });

  it('gives up after timeoutMs on a server that never answers', async () => {
    v4.handle = () => {};
    const started = Date.now();
    const error = await failure(safeFetch(`http://127.0.0.1:${v4.port}/`, { ...allowV4(), timeoutMs: 300 }));
    expect(error.code).toBe('outbound_timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives up after timeoutMs on a body that trickles forever', async () => {
    v4.handle = (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('x'), 20);
      res.on('close', () => clearInterval(timer));
    };
    const error = await failure(safeFetch(`http://127.0.0.1:${v4.port}/`, { ...allowV4(), timeoutMs: 300 }));
    expect(error.code).toBe('outbound_timeout');
  });

  it('gives up after timeoutMs when name resolution hangs', async () => {
    const resolve = () => new Promise<never>(() => {});
    const error = await failure(safeFetch('http://slow.example/', { ...base, resolve, timeoutMs: 200 }));
    expect(error.code).toBe('outbound_timeout');
  });

  it('drops credentials on a redirect to another origin', async () => {
    const allowBoth = [`127.0.0.1:${v4.port}`, `127.0.0.1:${other.port}`];
    v4.handle = (_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${other.port}/` }).end();
    await safeFetch(`http://127.0.0.1:${v4.port}/`, {
      ...base,
      allowHosts: allowBoth,
      headers: { Authorization: 'Bearer secret' },
    });
    expect(v4.hits[0]?.headers.authorization).toBe('Bearer secret');
    expect(other.hits[0]?.headers.authorization).toBeUndefined();
  });
});
