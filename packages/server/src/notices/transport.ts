/**
 * How notice jobs reach platforms: one small port, so the jobs do not care whether they run on
 * `safeFetch` (production: refuses private addresses unless VIGIE_OUTBOUND_ALLOW_HOSTS names them)
 * or on a test double.
 */
import type { ServerConfig } from '../config.ts';
import { outboundOptions, safeFetch } from '../outbound/index.ts';

export interface TransportRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export type Transport = (url: string, request: TransportRequest) => Promise<{ status: number; body: Buffer }>;

export function safeTransport(config: Pick<ServerConfig, 'outbound'>): Transport {
  const base = outboundOptions(config, 3);
  return async (url, request) => {
    const response = await safeFetch(url, {
      ...base,
      method: request.method,
      headers: { ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    return { status: response.status, body: response.body };
  };
}
