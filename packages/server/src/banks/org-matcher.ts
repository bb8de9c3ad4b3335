/**
 * One organisation's banks in memory: a Hamming index per perceptual signal type (PDQ, SimHash, and the
 * frames of vPDQ entries), exact-value sets for the others, and the metadata every match reports. Only
 * active entries are held. Updates are idempotent (`apply` makes the index agree with a row, whatever it
 * held before), which lets the change follower replay a change safely.
 */
import { matchVpdq, parseVpdq, type VpdqFrame } from '@vigie/hashing';
import { ExactValueSet, HammingIndex, hexToWords, wordsToHex } from '@vigie/matching';
import type { EntryRow } from './entries.ts';

/** The columns an index needs from an entry row (loading reads only these). */
export const INDEX_COLUMNS = [
  'id',
  'bank_id',
  'signal_type',
  'value',
  'labels',
  'source',
  'source_id',
  'added_by',
  'added_at',
  'evidence_ref',
  'confidence',
  'jurisdictions',
  'status',
] as const;
export type IndexRow = Pick<EntryRow, (typeof INDEX_COLUMNS)[number]>;
import { MIN_PDQ_QUALITY, type RecommendedAction, type SignalType, type Thresholds } from './signals.ts';

export interface IndexedEntry {
  id: number;
  bankId: string;
  signalType: SignalType;
  /** Null for PDQ and SimHash: the index holds the bits, `valueOf` rebuilds the hex. */
  value: string | null;
  /** Slot in the type's Hamming index, -1 for exact types. */
  slot: number;
  labels: readonly string[];
  source: string;
  sourceId: string | null;
  addedBy: string;
  addedAt: number;
  evidenceRef: string | null;
  confidence: number | null;
  jurisdictions: readonly string[];
  frames?: VpdqFrame[];
  frameSlots?: number[];
}

export interface BankSettings {
  id: string;
  name: string;
  action: RecommendedAction;
  thresholds: Thresholds;
  disabled: boolean;
  /** Active webhook subscriptions: known here so a check needs no query to decide whether to deliver. */
  webhookIds: readonly string[];
}

export interface IndexMatch {
  entry: IndexedEntry;
  bank: BankSettings;
  /** The stored value (canonical form). */
  value: string;
  /** Hamming distance for PDQ and SimHash, 0 for exact types, null for vPDQ (see `vpdq`). */
  distance: number | null;
  vpdq?: { queryMatchPercent: number; targetMatchPercent: number };
}

const EXACT_TYPES = ['md5', 'sha256', 'url', 'text'] as const;
type ExactType = (typeof EXACT_TYPES)[number];

/** A Hamming index plus the entry behind each slot. */
class SlotIndex {
  readonly index: HammingIndex;
  readonly slots: (IndexedEntry | undefined)[] = [];
  constructor(bits: number) {
    this.index = new HammingIndex({ bits });
  }
  addPacked(packed: Uint32Array, owners: IndexedEntry[]): number[] {
    const ids = this.index.addPacked(packed);
    ids.forEach((slot, i) => (this.slots[slot] = owners[i]));
    return ids;
  }
  remove(slot: number): void {
    this.index.remove(slot);
    this.slots[slot] = undefined;
  }
}

export class OrgMatcher {
  readonly orgId: string;
  private readonly banks = new Map<string, BankSettings>();
  private readonly entries = new Map<number, IndexedEntry>();
  private readonly pdq = new SlotIndex(256);
  private readonly simhash = new SlotIndex(64);
  private readonly vpdqFrames = new SlotIndex(256);
  private readonly exact = new Map<ExactType, ExactValueSet>(
    EXACT_TYPES.map((t) => [t, new ExactValueSet(t)]),
  );
  private readonly interned = new Map<string, readonly string[]>();
  private readonly internedText = new Map<string, string>();
  private maxRadius = { pdq: 0, simhash: 0, vpdq: 0 };
  /** During a bulk load, new entries wait here and are indexed in one pass (one table build, not one merge per batch). */
  private deferred: IndexedEntry[] | null = null;

  constructor(orgId: string) {
    this.orgId = orgId;
  }

  get size(): number {
    return this.entries.size;
  }

  bank(bankId: string): BankSettings | undefined {
    return this.banks.get(bankId);
  }

  setBank(settings: BankSettings): void {
    this.banks.set(settings.id, settings);
    const enabled = [...this.banks.values()].filter((b) => !b.disabled);
    this.maxRadius = {
      pdq: Math.max(0, ...enabled.map((b) => b.thresholds.pdq)),
      simhash: Math.max(0, ...enabled.map((b) => b.thresholds.simhash)),
      vpdq: Math.max(0, ...enabled.map((b) => b.thresholds.vpdq.distance)),
    };
  }

  /** Starts a bulk load: `apply` collects additions until `endBulk` indexes them all at once. */
  beginBulk(): void {
    this.deferred = [];
  }

  endBulk(): void {
    const deferred = this.deferred ?? [];
    this.deferred = null;
    this.addAll(deferred);
  }

  /** Makes the index agree with these rows: active rows present, other rows absent. Batches PDQ adds. */
  apply(rows: readonly IndexRow[]): void {
    const toAdd: IndexedEntry[] = [];
    for (const row of rows) {
      const held = this.entries.get(row.id);
      if (row.status === 'active' && this.banks.has(row.bank_id)) {
        if (!held) toAdd.push(this.toIndexed(row));
      } else if (held) {
        this.remove(held);
      }
    }
    if (this.deferred) this.deferred.push(...toAdd);
    else this.addAll(toAdd);
  }

  private addAll(entries: IndexedEntry[]): void {
    const byType = (type: SignalType) => entries.filter((e) => e.signalType === type);
    this.addHashes(this.pdq, byType('pdq'), 256);
    this.addHashes(this.simhash, byType('simhash'), 64);
    for (const entry of entries) {
      this.entries.set(entry.id, entry);
      if (entry.signalType === 'vpdq') this.addVpdq(entry);
      else if (entry.slot === -1)
        this.exact.get(entry.signalType as ExactType)?.add(entry.value as string, entry.id);
    }
  }

  private addHashes(target: SlotIndex, entries: IndexedEntry[], bits: number): void {
    if (entries.length === 0) return;
    const words = bits / 32;
    const packed = new Uint32Array(entries.length * words);
    entries.forEach((e, i) => {
      packed.set(hexToWords(e.value as string, bits), i * words);
      e.value = null;
    });
    target.addPacked(packed, entries).forEach((slot, i) => (entries[i]!.slot = slot));
  }

  private addVpdq(entry: IndexedEntry): void {
    const frames = parseVpdq(entry.value as string);
    const good = frames.filter((f) => f.quality >= MIN_PDQ_QUALITY);
    const packed = new Uint32Array(good.length * 8);
    good.forEach((f, i) => packed.set(hexToWords(f.hash), i * 8));
    entry.frames = frames;
    entry.frameSlots = this.vpdqFrames.addPacked(
      packed,
      good.map(() => entry),
    );
  }

  private remove(entry: IndexedEntry): void {
    this.entries.delete(entry.id);
    if (entry.signalType === 'pdq') this.pdq.remove(entry.slot);
    else if (entry.signalType === 'simhash') this.simhash.remove(entry.slot);
    else if (entry.signalType === 'vpdq')
      for (const slot of entry.frameSlots ?? []) this.vpdqFrames.remove(slot);
    else this.exact.get(entry.signalType as ExactType)?.remove(entry.value as string, entry.id);
  }

  /** The stored canonical value of an entry. */
  valueOf(entry: IndexedEntry): string {
    if (entry.value !== null) return entry.value;
    const index = entry.signalType === 'pdq' ? this.pdq.index : this.simhash.index;
    return wordsToHex(index.get(entry.slot));
  }

  /** PDQ matches of a 64-hex hash within each bank's threshold. */
  matchPdq(hex: string): IndexMatch[] {
    return this.matchHamming(this.pdq, hex, 256, this.maxRadius.pdq, (b) => b.thresholds.pdq);
  }

  matchSimhash(hex: string): IndexMatch[] {
    return this.matchHamming(this.simhash, hex, 64, this.maxRadius.simhash, (b) => b.thresholds.simhash);
  }

  /** Hamming matches within `radius`, whatever the bank thresholds (entry search). */
  within(type: 'pdq' | 'simhash', hex: string, radius: number): IndexMatch[] {
    const target = type === 'pdq' ? this.pdq : this.simhash;
    return this.matchHamming(target, hex, type === 'pdq' ? 256 : 64, radius, () => radius, true);
  }

  private matchHamming(
    target: SlotIndex,
    hex: string,
    bits: number,
    radius: number,
    threshold: (bank: BankSettings) => number,
    includeDisabled = false,
  ): IndexMatch[] {
    if (target.index.size === 0) return [];
    const out: IndexMatch[] = [];
    for (const { id, distance } of target.index.query(hexToWords(hex, bits), radius)) {
      const entry = target.slots[id];
      const bank = entry && this.banks.get(entry.bankId);
      if (!entry || !bank || (bank.disabled && !includeDisabled) || distance > threshold(bank)) continue;
      out.push({ entry, bank, value: this.valueOf(entry), distance });
    }
    return out;
  }

  /** Exact matches of a canonical md5, sha256, url or text value. */
  matchExact(type: ExactType, value: string): IndexMatch[] {
    const out: IndexMatch[] = [];
    for (const id of this.exact.get(type)?.lookup(value) ?? []) {
      const entry = this.entries.get(id);
      const bank = entry && this.banks.get(entry.bankId);
      if (entry && bank && !bank.disabled)
        out.push({ entry, bank, value: entry.value as string, distance: 0 });
    }
    return out;
  }

  /** vPDQ entries matching a video's frames under each bank's distance and match-percentage rule. */
  matchVpdq(frames: readonly VpdqFrame[]): IndexMatch[] {
    if (this.vpdqFrames.index.size === 0) return [];
    const candidates = new Set<IndexedEntry>();
    const unique = new Set(frames.filter((f) => f.quality >= MIN_PDQ_QUALITY).map((f) => f.hash));
    for (const hash of unique) {
      for (const { id } of this.vpdqFrames.index.query(hexToWords(hash), this.maxRadius.vpdq)) {
        const entry = this.vpdqFrames.slots[id];
        if (entry) candidates.add(entry);
      }
    }
    const out: IndexMatch[] = [];
    for (const entry of candidates) {
      const bank = this.banks.get(entry.bankId);
      if (!bank || bank.disabled) continue;
      const result = matchVpdq(frames, entry.frames ?? [], {
        ...bank.thresholds.vpdq,
        minQuality: MIN_PDQ_QUALITY,
      });
      if (!result.isMatch) continue;
      const { queryMatchPercent, targetMatchPercent } = result;
      out.push({
        entry,
        bank,
        value: entry.value as string,
        distance: null,
        vpdq: { queryMatchPercent, targetMatchPercent },
      });
    }
    return out;
  }

  private toIndexed(row: IndexRow): IndexedEntry {
    return {
      id: row.id,
      bankId: row.bank_id,
      signalType: row.signal_type as SignalType,
      value: row.value,
      slot: -1,
      labels: this.internList(row.labels),
      source: this.internText(row.source),
      sourceId: row.source_id,
      addedBy: this.internText(row.added_by),
      addedAt: Number(row.added_at),
      evidenceRef: row.evidence_ref,
      confidence: row.confidence,
      jurisdictions: this.internList(row.jurisdictions),
    };
  }

  /** Label and jurisdiction lists repeat across entries: one frozen array per distinct list. */
  private internList(json: string): readonly string[] {
    let list = this.interned.get(json);
    if (!list) {
      list = Object.freeze(JSON.parse(json) as string[]);
      this.interned.set(json, list);
    }
    return list;
  }

  private internText(text: string): string {
    let held = this.internedText.get(text);
    if (held === undefined) {
      held = text;
      this.internedText.set(text, text);
    }
    return held;
  }
}
