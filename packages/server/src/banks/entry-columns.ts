/**
 * The metadata of an organisation's indexed bank entries, stored column by column: typed arrays, a
 * byte arena for the strings each entry has on its own (source id, evidence reference, exact value),
 * and interned tables for the strings entries share (source, author, label and jurisdiction lists).
 *
 * Why columns: with one object per entry, a million-entry bank was a million live objects that every
 * major garbage collection had to visit. `--trace-gc` showed 200–400 ms mark-compact pauses, which is
 * the tail latency of every request the process serves. Here a million entries are a few dozen heap
 * objects; `read` builds a plain object only for the few rows a check actually matches.
 */
import type { EntryRow } from './entries.ts';
import type { SignalType } from './signals.ts';

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

const SIGNAL_TYPES: readonly SignalType[] = ['pdq', 'vpdq', 'md5', 'sha256', 'simhash', 'url', 'text'];
const NO_TEXT = 0xffffffff;

/** What a check reports about one entry. */
export interface EntryMetadata {
  id: number;
  bankId: string;
  signalType: SignalType;
  labels: readonly string[];
  source: string;
  sourceId: string | null;
  addedBy: string;
  addedAt: number;
  evidenceRef: string | null;
  confidence: number | null;
  jurisdictions: readonly string[];
}

/** Values many entries share, held once and referred to by number. */
class InternTable<T> {
  private readonly refs = new Map<string, number>();
  readonly values: T[] = [];
  constructor(private readonly decode: (key: string) => T) {}

  ref(key: string): number {
    let ref = this.refs.get(key);
    if (ref === undefined) {
      ref = this.values.length;
      this.values.push(this.decode(key));
      this.refs.set(key, ref);
    }
    return ref;
  }
}

const parseList = (json: string): readonly string[] => Object.freeze(JSON.parse(json) as string[]);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function grown<T extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array>(
  array: T,
  length: number,
): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}

export class EntryColumns {
  private capacity = 0;
  private rows = 0;
  private readonly free: number[] = [];
  private id = new Float64Array(0);
  private bank = new Uint16Array(0);
  private type = new Uint8Array(0);
  /** The entry's slot in its type's Hamming index, -1 for other types. */
  private slot = new Int32Array(0);
  private labels = new Uint32Array(0);
  private jurisdictions = new Uint32Array(0);
  private source = new Uint32Array(0);
  private addedBy = new Uint32Array(0);
  private addedAt = new Float64Array(0);
  /** NaN stands for no confidence. */
  private confidence = new Float64Array(0);
  /** Start and byte length in the arena of each per-entry text (`NO_TEXT` start: null). */
  private textStart = new Uint32Array(0);
  private textLength = new Uint32Array(0);
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  private arenaGarbage = 0;
  private readonly bankIds = new InternTable((key) => key);
  private readonly texts = new InternTable((key) => key);
  private readonly lists = new InternTable(parseList);

  /** Per-entry texts, in the order of the `textStart` sub-columns. */
  private static readonly TEXT_FIELDS = 3;
  private static readonly SOURCE_ID = 0;
  private static readonly EVIDENCE_REF = 1;
  private static readonly VALUE = 2;

  /**
   * Stores an entry row and answers its row number (rows of removed entries are reused). `value` is the
   * text to keep for the entry's value: null when a Hamming index holds its bits.
   */
  add(entry: IndexRow, value: string | null): number {
    const row = this.free.pop() ?? this.rows++;
    if (row >= this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    this.id[row] = entry.id;
    this.bank[row] = this.bankIds.ref(entry.bank_id);
    this.type[row] = SIGNAL_TYPES.indexOf(entry.signal_type as SignalType);
    this.slot[row] = -1;
    this.labels[row] = this.lists.ref(entry.labels);
    this.jurisdictions[row] = this.lists.ref(entry.jurisdictions);
    this.source[row] = this.texts.ref(entry.source);
    this.addedBy[row] = this.texts.ref(entry.added_by);
    this.addedAt[row] = Number(entry.added_at);
    this.confidence[row] = entry.confidence ?? Number.NaN;
    this.setText(row, EntryColumns.SOURCE_ID, entry.source_id);
    this.setText(row, EntryColumns.EVIDENCE_REF, entry.evidence_ref);
    this.setText(row, EntryColumns.VALUE, value);
    return row;
  }

  remove(row: number): void {
    for (let field = 0; field < EntryColumns.TEXT_FIELDS; field++) {
      const at = row * EntryColumns.TEXT_FIELDS + field;
      if (this.textStart[at] !== NO_TEXT) this.arenaGarbage += this.textLength[at] as number;
      this.textStart[at] = NO_TEXT;
    }
    this.free.push(row);
  }

  read(row: number): EntryMetadata {
    const confidence = this.confidence[row] as number;
    return {
      id: this.id[row] as number,
      bankId: this.bankIds.values[this.bank[row] as number] as string,
      signalType: SIGNAL_TYPES[this.type[row] as number] as SignalType,
      labels: this.lists.values[this.labels[row] as number] as readonly string[],
      source: this.texts.values[this.source[row] as number] as string,
      sourceId: this.text(row, EntryColumns.SOURCE_ID),
      addedBy: this.texts.values[this.addedBy[row] as number] as string,
      addedAt: this.addedAt[row] as number,
      evidenceRef: this.text(row, EntryColumns.EVIDENCE_REF),
      confidence: Number.isNaN(confidence) ? null : confidence,
      jurisdictions: this.lists.values[this.jurisdictions[row] as number] as readonly string[],
    };
  }

  typeOf(row: number): SignalType {
    return SIGNAL_TYPES[this.type[row] as number] as SignalType;
  }

  slotOf(row: number): number {
    return this.slot[row] as number;
  }

  setSlot(row: number, slot: number): void {
    this.slot[row] = slot;
  }

  bankIdOf(row: number): string {
    return this.bankIds.values[this.bank[row] as number] as string;
  }

  /** The stored value of an exact-type entry (null for types whose value lives in a Hamming index). */
  valueOf(row: number): string | null {
    return this.text(row, EntryColumns.VALUE);
  }

  private text(row: number, field: number): string | null {
    const at = row * EntryColumns.TEXT_FIELDS + field;
    const start = this.textStart[at] as number;
    if (start === NO_TEXT) return null;
    return decoder.decode(this.arena.subarray(start, start + (this.textLength[at] as number)));
  }

  private setText(row: number, field: number, text: string | null): void {
    const at = row * EntryColumns.TEXT_FIELDS + field;
    if (text === null) {
      this.textStart[at] = NO_TEXT;
      return;
    }
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const worst = text.length * 3;
    if (this.arenaUsed + worst > this.arena.length) this.makeRoom(worst);
    const { written } = encoder.encodeInto(text, this.arena.subarray(this.arenaUsed));
    this.textStart[at] = this.arenaUsed;
    this.textLength[at] = written;
    this.arenaUsed += written;
  }

  /** Compacts the arena when removed texts make up most of it, else doubles it. */
  private makeRoom(needed: number): void {
    const live = this.arenaUsed - this.arenaGarbage;
    const size = Math.max(this.arena.length, 2 * (live + needed));
    const next = new Uint8Array(this.arenaGarbage > live ? size : Math.max(size, this.arena.length * 2));
    let used = 0;
    for (let at = 0; at < this.rows * EntryColumns.TEXT_FIELDS; at++) {
      const start = this.textStart[at] as number;
      if (start === NO_TEXT) continue;
      const length = this.textLength[at] as number;
      next.set(this.arena.subarray(start, start + length), used);
      this.textStart[at] = used;
      used += length;
    }
    this.arena = next;
    this.arenaUsed = used;
    this.arenaGarbage = 0;
  }

  private grow(capacity: number): void {
    this.id = grown(this.id, capacity);
    this.bank = grown(this.bank, capacity);
    this.type = grown(this.type, capacity);
    this.slot = grown(this.slot, capacity);
    this.labels = grown(this.labels, capacity);
    this.jurisdictions = grown(this.jurisdictions, capacity);
    this.source = grown(this.source, capacity);
    this.addedBy = grown(this.addedBy, capacity);
    this.addedAt = grown(this.addedAt, capacity);
    this.confidence = grown(this.confidence, capacity);
    const texts = capacity * EntryColumns.TEXT_FIELDS;
    this.textStart = grown(this.textStart, texts);
    this.textStart.fill(NO_TEXT, this.capacity * EntryColumns.TEXT_FIELDS);
    this.textLength = grown(this.textLength, texts);
    this.capacity = capacity;
  }
}
