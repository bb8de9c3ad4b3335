/**
 * One organisation's banks in memory: a Hamming index per perceptual signal type (PDQ, SimHash, and the
 * frames of vPDQ entries), exact-value sets for the others, and the metadata every match reports. Only
 * active entries are held, as columns (`entry-columns.ts`) so that a large bank adds almost nothing for the
 * garbage collector to visit. Updates are idempotent (`apply` makes the index agree with a row, whatever it
 * held before), which lets the change follower replay a change safely.
 */
import { matchVpdq, parseVpdq, type VpdqFrame } from '@vigie/hashing';
import { ExactValueSet, HammingIndex, hexToWords, wordsToHex } from '@vigie/matching';
import { EntryColumns, type EntryMetadata, type IndexRow } from './entry-columns.ts';
import { MIN_PDQ_QUALITY, type RecommendedAction, type SignalType, type Thresholds } from './signals.ts';

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
  entry: EntryMetadata;
  bank: BankSettings;
  /** The stored value (canonical form). */
  value: string;
  /** Hamming distance for PDQ and SimHash, 0 for exact types, null for vPDQ (see `vpdq`). */
  distance: number | null;
  vpdq?: { queryMatchPercent: number; targetMatchPercent: number };
}

const EXACT_TYPES = ['md5', 'sha256', 'url', 'text'] as const;
type ExactType = (typeof EXACT_TYPES)[number];
const isExact = (type: string): type is ExactType => (EXACT_TYPES as readonly string[]).includes(type);

/** A Hamming index plus the entry row behind each of its slots (-1: free). */
class SlotIndex {
  readonly index: HammingIndex;
  private rows = new Int32Array(1024).fill(-1);
  constructor(bits: number) {
    this.index = new HammingIndex({ bits });
  }
  rowAt(slot: number): number {
    return slot < this.rows.length ? (this.rows[slot] as number) : -1;
  }
  addPacked(packed: Uint32Array, rows: readonly number[]): number[] {
    const slots = this.index.addPacked(packed);
    const highest = slots.reduce((max, slot) => Math.max(max, slot), -1);
    if (highest >= this.rows.length) {
      const next = new Int32Array(Math.max(highest + 1, this.rows.length * 2)).fill(-1);
      next.set(this.rows);
      this.rows = next;
    }
    slots.forEach((slot, i) => (this.rows[slot] = rows[i] as number));
    return slots;
  }
  remove(slot: number): void {
    this.index.remove(slot);
    this.rows[slot] = -1;
  }
}

/** A video entry's frames, kept to score vPDQ candidates, and the frame slots to free on removal. */
interface VideoFrames {
  frames: VpdqFrame[];
  frameSlots: number[];
}

/** Hashes waiting to be indexed in one pass, with the rows they belong to. */
class PendingHashes {
  words = new Uint32Array(1024);
  length = 0;
  readonly rows: number[] = [];
  push(words: Uint32Array, row: number): void {
    if (this.length + words.length > this.words.length) {
      const next = new Uint32Array(Math.max(this.words.length * 2, this.length + words.length));
      next.set(this.words.subarray(0, this.length));
      this.words = next;
    }
    this.words.set(words, this.length);
    this.length += words.length;
    this.rows.push(row);
  }
}

const pending = () => ({ pdq: new PendingHashes(), simhash: new PendingHashes() });
type Pending = ReturnType<typeof pending>;

export class OrgMatcher {
  readonly orgId: string;
  private readonly banks = new Map<string, BankSettings>();
  private readonly columns = new EntryColumns();
  /** Entry id → where it is held. Ids are small integers, so this map holds no object per entry. */
  private readonly rowOfId = new Map<number, number>();
  private readonly videos = new Map<number, VideoFrames>();
  private readonly pdq = new SlotIndex(256);
  private readonly simhash = new SlotIndex(64);
  private readonly vpdqFrames = new SlotIndex(256);
  private readonly exact = new Map<ExactType, ExactValueSet>(
    EXACT_TYPES.map((t) => [t, new ExactValueSet(t)]),
  );
  private maxRadius = { pdq: 0, simhash: 0, vpdq: 0 };
  /** During a bulk load, new hashes wait here and are indexed in one pass (one table build, not one merge per batch). */
  private deferred: Pending | null = null;

  constructor(orgId: string) {
    this.orgId = orgId;
  }

  get size(): number {
    return this.rowOfId.size;
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

  /** Starts a bulk load: `apply` collects PDQ and SimHash additions until `endBulk` indexes them at once. */
  beginBulk(): void {
    this.deferred = pending();
  }

  endBulk(): void {
    const deferred = this.deferred;
    this.deferred = null;
    if (!deferred) return;
    this.indexHashes(this.pdq, deferred.pdq);
    this.indexHashes(this.simhash, deferred.simhash);
  }

  /** Makes the index agree with these rows: active rows present, other rows absent. Batches PDQ adds. */
  apply(rows: readonly IndexRow[]): void {
    const batch = this.deferred ?? pending();
    for (const row of rows) {
      const held = this.rowOfId.has(row.id);
      if (row.status === 'active' && this.banks.has(row.bank_id)) {
        if (!held) this.add(row, batch);
      } else if (held) {
        this.remove(row.id);
      }
    }
    if (!this.deferred) {
      this.indexHashes(this.pdq, batch.pdq);
      this.indexHashes(this.simhash, batch.simhash);
    }
  }

  private add(entry: IndexRow, batch: Pending): void {
    const type = entry.signal_type as SignalType;
    const hamming = type === 'pdq' || type === 'simhash';
    const row = this.columns.add(entry, hamming ? null : entry.value);
    this.rowOfId.set(entry.id, row);
    if (hamming) {
      batch[type].push(hexToWords(entry.value, type === 'pdq' ? 256 : 64), row);
    } else if (type === 'vpdq') {
      this.addVpdq(row, entry.value);
    } else if (isExact(type)) {
      this.exact.get(type)?.add(entry.value, entry.id);
    }
  }

  private indexHashes(target: SlotIndex, batch: PendingHashes): void {
    if (batch.rows.length === 0) return;
    const slots = target.addPacked(batch.words.subarray(0, batch.length), batch.rows);
    slots.forEach((slot, i) => this.columns.setSlot(batch.rows[i] as number, slot));
  }

  private addVpdq(row: number, value: string): void {
    const frames = parseVpdq(value);
    const good = frames.filter((f) => f.quality >= MIN_PDQ_QUALITY);
    const packed = new Uint32Array(good.length * 8);
    good.forEach((f, i) => packed.set(hexToWords(f.hash), i * 8));
    const frameSlots = this.vpdqFrames.addPacked(
      packed,
      good.map(() => row),
    );
    this.videos.set(row, { frames, frameSlots });
  }

  private remove(id: number): void {
    const row = this.rowOfId.get(id) as number;
    const type = this.columns.typeOf(row);
    this.rowOfId.delete(id);
    if (type === 'pdq') this.pdq.remove(this.columns.slotOf(row));
    else if (type === 'simhash') this.simhash.remove(this.columns.slotOf(row));
    else if (type === 'vpdq') {
      for (const slot of this.videos.get(row)?.frameSlots ?? []) this.vpdqFrames.remove(slot);
      this.videos.delete(row);
    } else if (isExact(type)) this.exact.get(type)?.remove(this.columns.valueOf(row) as string, id);
    this.columns.remove(row);
  }

  /** The stored canonical value of an entry row. */
  private valueOf(row: number): string {
    const type = this.columns.typeOf(row);
    if (type !== 'pdq' && type !== 'simhash') return this.columns.valueOf(row) as string;
    const index = type === 'pdq' ? this.pdq.index : this.simhash.index;
    return wordsToHex(index.get(this.columns.slotOf(row)));
  }

  /** A row's bank if it may match: known, and enabled unless disabled banks are wanted. */
  private bankOf(row: number, includeDisabled = false): BankSettings | undefined {
    const bank = this.banks.get(this.columns.bankIdOf(row));
    return bank && (includeDisabled || !bank.disabled) ? bank : undefined;
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
      const row = target.rowAt(id);
      const bank = row === -1 ? undefined : this.bankOf(row, includeDisabled);
      if (!bank || distance > threshold(bank)) continue;
      out.push({ entry: this.columns.read(row), bank, value: this.valueOf(row), distance });
    }
    return out;
  }

  /** Exact matches of a canonical md5, sha256, url or text value. */
  matchExact(type: ExactType, value: string): IndexMatch[] {
    const out: IndexMatch[] = [];
    for (const id of this.exact.get(type)?.lookup(value) ?? []) {
      const row = this.rowOfId.get(id);
      const bank = row === undefined ? undefined : this.bankOf(row);
      if (row !== undefined && bank)
        out.push({ entry: this.columns.read(row), bank, value: this.valueOf(row), distance: 0 });
    }
    return out;
  }

  /** vPDQ entries matching a video's frames under each bank's distance and match-percentage rule. */
  matchVpdq(frames: readonly VpdqFrame[]): IndexMatch[] {
    if (this.vpdqFrames.index.size === 0) return [];
    const candidates = new Set<number>();
    const unique = new Set(frames.filter((f) => f.quality >= MIN_PDQ_QUALITY).map((f) => f.hash));
    for (const hash of unique) {
      for (const { id } of this.vpdqFrames.index.query(hexToWords(hash), this.maxRadius.vpdq)) {
        const row = this.vpdqFrames.rowAt(id);
        if (row !== -1) candidates.add(row);
      }
    }
    const out: IndexMatch[] = [];
    for (const row of candidates) {
      const bank = this.bankOf(row);
      if (!bank) continue;
      const result = matchVpdq(frames, this.videos.get(row)?.frames ?? [], {
        ...bank.thresholds.vpdq,
        minQuality: MIN_PDQ_QUALITY,
      });
      if (!result.isMatch) continue;
      const { queryMatchPercent, targetMatchPercent } = result;
      out.push({
        entry: this.columns.read(row),
        bank,
        value: this.valueOf(row),
        distance: null,
        vpdq: { queryMatchPercent, targetMatchPercent },
      });
    }
    return out;
  }
}
