/**
 * Screenshots with headless Chromium, without letting the browser around the SSRF policy: Chromium
 * runs with a local filtering proxy as its only way out. Plain HTTP requests are re-issued through
 * `safeFetch` (redirects handed back to the browser, so each hop is checked); HTTPS `CONNECT`
 * tunnels go only to an address that passed the same check. Loopback is not bypassed
 * (`<-loopback>`), DNS inside Chromium is disabled, and WebRTC may not use non-proxied UDP.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkedAddress, safeFetch, type SafeFetchOptions } from '../outbound/safe-fetch.ts';

export interface Chromium {
  path: string;
  version: string;
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Runs a program to completion with a timeout, killing its whole process group on expiry. */
function run(
  file: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < 65_536) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new Error(`${file} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

let installed: Promise<Chromium | null> | undefined;

/** The installed Chromium, or null; looked up once per process. */
export function findChromium(): Promise<Chromium | null> {
  installed ??= lookForChromium();
  return installed;
}

async function lookForChromium(): Promise<Chromium | null> {
  for (const candidate of CANDIDATES) {
    const present = await access(candidate).then(
      () => true,
      () => false,
    );
    if (!present) continue;
    const { output } = await run(candidate, ['--version'], 10_000).catch(() => ({ output: '' }));
    const version = /(\d+\.\d+\.\d+\.\d+)/.exec(output)?.[1];
    if (version) return { path: candidate, version };
  }
  return null;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'proxy-connection',
  'upgrade',
]);

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/** A forward proxy on 127.0.0.1 that lets through only what the outbound policy allows. */
async function startFilteringProxy(
  options: SafeFetchOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const method = req.method === 'HEAD' ? 'HEAD' : 'GET';
    const accept = typeof req.headers.accept === 'string' ? { accept: req.headers.accept } : undefined;
    safeFetch(req.url ?? '', {
      ...options,
      method,
      followRedirects: false,
      ...(accept ? { headers: accept } : {}),
    }).then(
      (response) => {
        res.writeHead(response.status, {
          ...forwardable(response.headers),
          'content-length': String(response.body.length),
        });
        res.end(method === 'HEAD' ? undefined : response.body);
      },
      () => res.writeHead(403, { 'content-type': 'text/plain' }).end('refused by the Vigie outbound policy'),
    );
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    let url: URL;
    try {
      url = new URL(`https://${req.url ?? ''}`);
    } catch {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    checkedAddress(url, options).then(
      (target) => {
        const upstream = net.connect({ host: target.address, port: Number(url.port || 443) });
        sockets.add(upstream);
        upstream.on('connect', () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
      },
      () => client.end('HTTP/1.1 403 Forbidden\r\n\r\n'),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export const SCREENSHOT_VIEWPORT = { width: 1280, height: 1600 };

/** A PNG screenshot of `url` as Chromium renders it, every request filtered by the outbound policy. */
export async function takeScreenshot(
  chromium: Chromium,
  url: string,
  options: SafeFetchOptions,
): Promise<Buffer> {
  const proxy = await startFilteringProxy(options);
  const workDir = await mkdtemp(path.join(tmpdir(), 'vigie-shot-'));
  const file = path.join(workDir, 'screenshot.png');
  try {
    const args = [
      '--headless=new',
      '--no-sandbox', // the browser only talks to our proxy; the service may run as root in containers
      '--disable-gpu',
      '--hide-scrollbars',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      `--user-data-dir=${path.join(workDir, 'profile')}`,
      `--proxy-server=http://127.0.0.1:${proxy.port}`,
      '--proxy-bypass-list=<-loopback>',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
      `--user-agent=${options.userAgent}`,
      `--window-size=${SCREENSHOT_VIEWPORT.width},${SCREENSHOT_VIEWPORT.height}`,
      `--screenshot=${file}`,
      url,
    ];
    const { code, output } = await run(chromium.path, args, options.timeoutMs + 15_000);
    const png = await readFile(file).catch(() => undefined);
    if (!png) throw new Error(`chromium exited with ${code} without a screenshot: ${output.slice(-500)}`);
    return png;
  } finally {
    await proxy.close();
    await rm(workDir, { recursive: true, force: true });
  }
}
