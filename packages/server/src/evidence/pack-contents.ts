/**
 * What makes a bag a Vigie evidence pack, and its offline checks beyond the BagIt manifests: each
 * item's file has the SHA-256 recorded at collection, and each item's custody chain is complete
 * and unbroken up to the head recorded for it (so a removed, altered or reordered custody entry
 * is found even when someone recomputed the manifests).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { verifyCustody, type CustodyEntry } from './custody.ts';

/** Payload files already checked against the bag manifest: path → SHA-256 and size. */
export type VerifiedFiles = Map<string, { sha256: string; size: number }>;

export const PACK_ITEMS = 'items.json';
export const PACK_CUSTODY = 'custody-log.jsonl';
export const PACK_SUMMARY = 'summary.html';

/** One item as listed in `data/items.json`. */
export interface PackItem {
  id: string;
  caseId: string | null;
  captureId: string;
  kind: string;
  role: string;
  sourceUrl: string | null;
  fileName: string;
  capturedAt: string;
  capturedBy: string;
  capturedFrom: string;
  tool: string;
  toolVersion: string;
  captureEnv: Record<string, unknown>;
  sha256: string;
  pdq: string | null;
  size: number;
  mediaType: string;
  legalHold: boolean;
  retentionUntil: string | null;
  purgedAt: string | null;
  /** Path of the item's file inside the bag; null when its content was purged. */
  payloadPath: string | null;
  custody: { entries: number; headHash: string };
}

const read = (dir: string, name: string) => readFile(path.join(dir, 'data', name)).catch(() => undefined);

function parseItems(bytes: Buffer): PackItem[] | string {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    if (!Array.isArray(parsed)) return `data/${PACK_ITEMS} is not a list`;
    return parsed as PackItem[];
  } catch {
    return `data/${PACK_ITEMS} is not valid JSON`;
  }
}

function parseCustody(bytes: Buffer): CustodyEntry[] | string {
  const entries: CustodyEntry[] = [];
  for (const [index, line] of bytes.toString('utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as CustodyEntry);
    } catch {
      return `data/${PACK_CUSTODY} line ${index + 1} is not valid JSON`;
    }
  }
  return entries;
}

/** The first problem with a Vigie pack's contents, or undefined (also for a bag that is not a Vigie pack). */
export async function checkPackContents(dir: string, payload: VerifiedFiles): Promise<string | undefined> {
  const itemsBytes = await read(dir, PACK_ITEMS);
  const custodyBytes = await read(dir, PACK_CUSTODY);
  if (!itemsBytes && !custodyBytes) return undefined;
  if (!itemsBytes) return `data/${PACK_ITEMS} is missing`;
  if (!custodyBytes) return `data/${PACK_CUSTODY} is missing`;
  const items = parseItems(itemsBytes);
  if (typeof items === 'string') return items;
  const entries = parseCustody(custodyBytes);
  if (typeof entries === 'string') return entries;

  for (const item of items) {
    if (item.payloadPath === null) continue;
    // The payload manifest check already hashed every file; its result is reused, not re-read.
    const file = payload.get(item.payloadPath);
    if (!file) return `item ${item.id}: its file ${item.payloadPath} is not in the payload`;
    if (file.sha256 !== item.sha256)
      return `item ${item.id}: ${item.payloadPath} has SHA-256 ${file.sha256}, not the ${item.sha256} recorded at collection`;
  }
  const heads = new Map(items.map((i) => [i.id, { seq: i.custody.entries, hash: i.custody.headHash }]));
  const custody = verifyCustody(entries, heads);
  if (!custody.ok)
    return `custody chain of item ${custody.itemId} broken at entry ${custody.seq}: ${custody.reason}`;
  return undefined;
}
