/**
 * The check: match a piece of content's signals against the organisation's in-memory banks. Pure with
 * respect to the database: everything it needs is in the `OrgMatcher`, so precomputed-hash checks cost
 * no query beyond authentication.
 */
import { canonicalUrl, formatVpdq, normaliseText, simhash64, textHash, type VpdqFrame } from '@vigie/hashing';
import { AppError } from '../errors.ts';
import type { IndexMatch, OrgMatcher } from './org-matcher.ts';
import { MIN_PDQ_QUALITY, type RecommendedAction, type SignalType } from './signals.ts';

export interface PdqQuery {
  hash: string;
  quality?: number | undefined;
}

/** Signals of one piece of content, computed by the server or given by the caller. */
export interface CheckSignals {
  pdq: PdqQuery[];
  md5: string[];
  sha256: string[];
  simhash: string[];
  /** One frame list per video. */
  vpdq: VpdqFrame[][];
  urls: string[];
  texts: string[];
}

export const emptySignals = (): CheckSignals => ({
  pdq: [],
  md5: [],
  sha256: [],
  simhash: [],
  vpdq: [],
  urls: [],
  texts: [],
});

export interface CheckMatch {
  signalType: SignalType;
  /** The query value that matched, canonical (for vPDQ: the index of the video in `hashes.vpdq`). */
  query: string;
  bankId: string;
  bankName: string;
  entryId: string;
  value: string;
  distance: number | null;
  vpdq?: { queryMatchPercent: number; targetMatchPercent: number } | undefined;
  labels: string[];
  provenance: {
    source: string;
    sourceId: string | null;
    addedBy: string;
    addedAt: number;
    evidenceRef: string | null;
  };
  confidence: number | null;
  jurisdictions: string[];
  action: RecommendedAction;
}

/** The hashes a check looked up, in canonical form, echoed so callers can store them. */
export interface CheckedHashes {
  pdq: { hash: string; quality: number | null; skipped: 'low_quality' | null }[];
  md5: string[];
  sha256: string[];
  simhash: string[];
  vpdq: { frames: number; value: string }[];
  urls: string[];
  texts: { sha256: string; simhash: string }[];
}

export interface CheckResult {
  hashes: CheckedHashes;
  matches: CheckMatch[];
}

function toCheckMatch(matcher: OrgMatcher, signalType: SignalType, query: string, m: IndexMatch): CheckMatch {
  const e = m.entry;
  return {
    signalType,
    query,
    bankId: m.bank.id,
    bankName: m.bank.name,
    entryId: String(e.id),
    value: m.value,
    distance: m.distance,
    vpdq: m.vpdq,
    labels: [...e.labels],
    provenance: {
      source: e.source,
      sourceId: e.sourceId,
      addedBy: e.addedBy,
      addedAt: e.addedAt,
      evidenceRef: e.evidenceRef,
    },
    confidence: e.confidence,
    jurisdictions: [...e.jurisdictions],
    action: m.bank.action,
  };
}

const lowerHex = (value: string) => value.trim().toLowerCase();

/** Runs every signal against the matcher. Values must already be syntactically valid (schema-checked). */
export function runCheck(matcher: OrgMatcher, signals: CheckSignals): CheckResult {
  const hashes: CheckedHashes = { pdq: [], md5: [], sha256: [], simhash: [], vpdq: [], urls: [], texts: [] };
  const matches: CheckMatch[] = [];
  const collect = (type: SignalType, query: string, found: IndexMatch[]) => {
    for (const m of found) matches.push(toCheckMatch(matcher, type, query, m));
  };

  for (const { hash, quality } of signals.pdq) {
    const hex = lowerHex(hash);
    const lowQuality = quality !== undefined && quality < MIN_PDQ_QUALITY;
    hashes.pdq.push({ hash: hex, quality: quality ?? null, skipped: lowQuality ? 'low_quality' : null });
    if (!lowQuality) collect('pdq', hex, matcher.matchPdq(hex));
  }
  for (const type of ['md5', 'sha256'] as const) {
    for (const value of signals[type]) {
      const hex = lowerHex(value);
      hashes[type].push(hex);
      collect(type, hex, matcher.matchExact(type, hex));
    }
  }
  for (const value of signals.simhash) {
    const hex = lowerHex(value);
    hashes.simhash.push(hex);
    collect('simhash', hex, matcher.matchSimhash(hex));
  }
  signals.vpdq.forEach((frames, i) => {
    hashes.vpdq.push({ frames: frames.length, value: formatVpdq(frames).trimEnd() });
    collect('vpdq', String(i), matcher.matchVpdq(frames));
  });
  signals.urls.forEach((url, i) => {
    let canonical: string;
    try {
      canonical = canonicalUrl(url);
    } catch (error) {
      throw new AppError('validation_failed', { message: (error as Error).message, field: `body.urls.${i}` });
    }
    hashes.urls.push(canonical);
    collect('url', canonical, matcher.matchExact('url', canonical));
  });
  for (const text of signals.texts) {
    const normalised = normaliseText(text);
    const simhash = simhash64(text);
    hashes.texts.push({ sha256: textHash(text), simhash });
    // Empty text has the all-zero SimHash, which would "match" unrelated near-zero entries.
    if (normalised === '') continue;
    collect('text', normalised, matcher.matchExact('text', normalised));
    collect('simhash', simhash, matcher.matchSimhash(simhash));
  }
  return { hashes, matches };
}
