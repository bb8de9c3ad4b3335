/** Small API helpers shared by the bank tests. */
import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';

export type Headers = Record<string, string>;
/** A parsed JSON response; its shape is what the assertions check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are explored by the assertions
export type ResponseBody = Record<string, any>;

export async function api(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: Headers,
  payload?: unknown,
) {
  const response = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: response.statusCode, body: response.json() as ResponseBody };
}

export async function createBank(t: TestApp, headers: Headers, body: Record<string, unknown>) {
  const { status, body: out } = await api(t, 'POST', '/api/v1/banks', headers, body);
  expect(status, JSON.stringify(out)).toBe(201);
  return out.bank as { id: string; name: string };
}

export async function addEntry(t: TestApp, headers: Headers, bankId: string, body: Record<string, unknown>) {
  const { status, body: out } = await api(t, 'POST', `/api/v1/banks/${bankId}/entries`, headers, body);
  expect(status, JSON.stringify(out)).toBe(201);
  return out.entry as { id: string; value: string };
}

/** Flips `bits` distinct bits of a 64-hex PDQ hash (bit i counted from the left). */
export function flipBits(hex: string, bits: number[]): string {
  const digits = hex.split('').map((c) => Number.parseInt(c, 16));
  for (const bit of bits) digits[bit >> 2] = digits[bit >> 2]! ^ (8 >> (bit & 3));
  return digits.map((d) => d.toString(16)).join('');
}

export function randomHex(digits: number, random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** Bits 0..n-1 spread over the hash: distance exactly n from the original. */
export const firstBits = (n: number) => Array.from({ length: n }, (_, i) => (i * 7) % 256);
