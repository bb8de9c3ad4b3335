/**
 * URL canonicalisation for URL hash lists: two URLs that lead to the same content should give the same string.
 *
 * Generic rules, in order:
 * - a missing scheme means https; http is folded into https (same content, and lists mix them);
 * - WHATWG URL parsing: scheme and host lower case, IDNA (host to punycode), default ports dropped, dot segments
 *   resolved; user name and password are dropped;
 * - host: trailing dot removed; `www.`, `m.` and `mobile.` prefixes removed (mobile and www aliases);
 * - percent-encoding: escapes of unreserved characters (A-Z a-z 0-9 - . _ ~) decoded, other escapes upper-cased;
 * - path: a trailing slash is removed (except the root);
 * - query: tracking parameters removed (utm_*, fbclid, gclid, si, igshid, ...), the rest sorted by name (stable);
 * - fragment removed.
 * Then site rules (sites.ts) give canonical forms for YouTube, X/Twitter, Facebook, Instagram, TikTok and Telegram.
 */
import { sha256Hex } from '../exact/sha256.ts';
import { SITE_RULES } from './sites.ts';

export class InvalidUrlError extends Error {
  readonly code = 'invalid_url';
}

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  'si',
  'ref_src',
  'ref_url',
  '_ga',
  '_gl',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wickedid',
  '__s',
  's_cid',
  'ncid',
  'sr_share',
  'share_id',
  'feature',
]);
const isTracking = (name: string): boolean => TRACKING_PARAMS.has(name.toLowerCase()) || /^utm_/i.test(name);

const ALIAS_PREFIX = /^(?:www\d?|m|mobile)\./;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Decodes escapes of unreserved characters and upper-cases the hex of the others (RFC 3986 6.2.2). */
function normalisePercentEncoding(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function parse(input: string): URL {
  const trimmed = input.trim();
  const withScheme =
    HAS_SCHEME.test(trimmed) && !/^[^/:]+:\d+(?:\/|$)/.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new InvalidUrlError(`unsupported scheme ${url.protocol}`);
    if (!url.hostname) throw new InvalidUrlError('URL has no host');
    return url;
  } catch (error) {
    if (error instanceof InvalidUrlError) throw error;
    throw new InvalidUrlError(`not a URL: ${JSON.stringify(input)}`);
  }
}

/** Canonical form of an http(s) URL (see the module comment). Throws `InvalidUrlError`. */
export function canonicalUrl(input: string): string {
  const url = parse(input);
  url.protocol = 'https:';
  url.username = '';
  url.password = '';
  url.hash = '';
  const host = url.hostname.replace(/\.$/, '');
  url.hostname = host.replace(ALIAS_PREFIX, '') || host;
  url.pathname = normalisePercentEncoding(url.pathname);

  const kept = [...url.searchParams].filter(([name]) => !isTracking(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();

  const segments = url.pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const rule = SITE_RULES.find((r) => r.hosts.includes(url.hostname));
  const siteForm = rule?.canonical(url, segments);
  if (siteForm) return siteForm;

  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

/** SHA-256 hex of `canonicalUrl(input)`. */
export function urlHash(input: string): string {
  return sha256Hex(canonicalUrl(input));
}
