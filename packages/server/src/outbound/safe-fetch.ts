/**
 * The one way Vigie fetches the outside world (captures, liveness checks, webhooks, TDB
 * submissions). It refuses to reach the host, its private network or a cloud metadata service
 * (server-side request forgery):
 * - the host name is resolved once, EVERY resolved address is checked, and the socket connects to
 *   the checked address through a custom `lookup` (no second resolution an attacker's DNS could
 *   answer differently);
 * - IP literals are checked before any socket is opened;
 * - redirects are followed by hand, each hop checked the same way;
 * - only http and https; the body is bounded (aborted past `maxBytes`) and so is the total time,
 *   DNS and redirects included.
 * `allowHosts` (`host:port` as written in the URL) lifts the private-address refusal for named
 * hosts — local test servers, on-premise services. Metadata endpoints stay refused regardless.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { blockedReason } from './address-policy.ts';
import { OutboundError } from './errors.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses; injectable so tests need no DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  userAgent: string;
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: Buffer | string;
  allowHosts?: readonly string[];
  resolve?: Resolver;
  /** false: return a redirect response as is (a proxy lets its client follow, each hop re-checked). */
  followRedirects?: boolean;
}

export interface FetchedResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Every URL that answered with a redirect, in order. */
  redirects: string[];
  /** The address the final response came from. */
  remoteAddress: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

function parseUrl(raw: string | URL, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(String(raw), base);
  } catch {
    throw new OutboundError('outbound_bad_url', String(raw), 'not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('outbound_bad_url', url.href, `the ${url.protocol} scheme is not fetched`);
  }
  return url;
}

const hostKey = (url: URL) =>
  `${url.hostname.toLowerCase()}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;

/** Resolves the URL's host and returns the address to connect to, after checking every address. */
export async function checkedAddress(url: URL, options: SafeFetchOptions): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch (error) {
      throw new OutboundError(
        'outbound_dns_failed',
        url.href,
        `cannot resolve ${host}: ${(error as Error).message}`,
      );
    }
    if (addresses.length === 0)
      throw new OutboundError('outbound_dns_failed', url.href, `${host} has no address`);
  }
  const allowed = (options.allowHosts ?? []).includes(hostKey(url));
  for (const { address } of addresses) {
    const reason = blockedReason(address);
    if (reason && (reason === 'metadata' || !allowed)) {
      throw new OutboundError(
        'outbound_blocked_address',
        url.href,
        `${host} resolves to ${address} (${reason}); Vigie does not fetch ${reason} addresses`,
      );
    }
  }
  return addresses[0] as ResolvedAddress;
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | string | undefined;
}

/** One request to an already checked address; resolves with the whole (bounded) response. */
function request(
  hop: Hop,
  target: ResolvedAddress,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<{ response: IncomingMessage; body: Buffer }> {
  // Connect to the checked address, never re-resolving: whatever name the library asks about.
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };
  const transport = hop.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(hop.url, {
      method: hop.method,
      headers: hop.headers,
      lookup,
      agent: false,
      signal,
    });
    const fail = (error: OutboundError) => {
      reject(error);
      req.destroy();
    };
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted)
        fail(
          new OutboundError(
            'outbound_timeout',
            hop.url.href,
            `no complete answer within ${options.timeoutMs} ms`,
          ),
        );
      else fail(new OutboundError('outbound_connection_failed', hop.url.href, error.message));
    });
    req.on('response', (response) => {
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        fail(
          new OutboundError(
            'outbound_too_large',
            hop.url.href,
            `the response declares ${declared} bytes, above ${options.maxBytes}`,
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          fail(
            new OutboundError(
              'outbound_too_large',
              hop.url.href,
              `the response is larger than ${options.maxBytes} bytes`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ response, body: Buffer.concat(chunks) }));
      response.on('error', (error) => req.emit('error', error));
    });
    req.end(hop.body);
  });
}

function nextHop(hop: Hop, status: number, location: string): Hop {
  const url = parseUrl(location, hop.url);
  const toGet = status === 303 || ((status === 301 || status === 302) && hop.method === 'POST');
  const headers = { ...hop.headers };
  if (url.origin !== hop.url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
  if (toGet) {
    delete headers['content-type'];
    delete headers['content-length'];
  }
  return { url, method: toGet ? 'GET' : hop.method, headers, body: toGet ? undefined : hop.body };
}

/** Fetches `url` under the SSRF policy above. Any HTTP status is a result; failures are `OutboundError`s. */
export async function safeFetch(url: string | URL, options: SafeFetchOptions): Promise<FetchedResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  headers['user-agent'] = options.userAgent;
  let hop: Hop = { url: parseUrl(url), method: options.method ?? 'GET', headers, body: options.body };
  const redirects: string[] = [];
  // One deadline for the whole fetch: resolution, every hop, every body.
  const deadline = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () =>
      reject(
        new OutboundError(
          'outbound_timeout',
          hop.url.href,
          `no complete answer within ${options.timeoutMs} ms`,
        ),
      ),
    ),
  );
  deadline.catch(() => {});
  try {
    for (;;) {
      const target = await Promise.race([checkedAddress(hop.url, options), deadline]);
      const { response, body } = await request(hop, target, options, controller.signal);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode ?? 0) && location && options.followRedirects !== false) {
        redirects.push(hop.url.href);
        if (redirects.length > options.maxRedirects) {
          throw new OutboundError(
            'outbound_too_many_redirects',
            hop.url.href,
            `more than ${options.maxRedirects} redirects`,
          );
        }
        hop = nextHop(hop, response.statusCode ?? 0, location);
        continue;
      }
      return {
        url: hop.url.href,
        status: response.statusCode ?? 0,
        headers: response.headers,
        body,
        redirects,
        remoteAddress: target.address,
      };
    }
  } finally {
    clearTimeout(timer);
  }
}
