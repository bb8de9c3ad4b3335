// Calendar dates as the TDB writes them: `YYYY-MM-DD`, zero-padded, UTC.
import { z } from 'zod';

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a zero-padded `YYYY-MM-DD` naming a real calendar day (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const isoDate = z.string().refine(isIsoDate, 'a date YYYY-MM-DD');

/** The UTC calendar day of an epoch-millisecond instant. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm:ss` in UTC, the TDB's `created_at` format. */
export function utcDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}
