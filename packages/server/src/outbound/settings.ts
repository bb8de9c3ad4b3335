import type { ServerConfig } from '../config.ts';
import type { SafeFetchOptions } from './safe-fetch.ts';

/** Fetch options from the service settings (VIGIE_FETCH_*, VIGIE_OUTBOUND_ALLOW_HOSTS). */
export function outboundOptions(config: Pick<ServerConfig, 'outbound'>, maxRedirects = 5): SafeFetchOptions {
  return {
    maxBytes: config.outbound.maxBytes,
    timeoutMs: config.outbound.timeoutMs,
    maxRedirects,
    userAgent: config.outbound.userAgent,
    allowHosts: config.outbound.allowHosts,
  };
}
