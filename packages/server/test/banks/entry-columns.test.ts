import { describe, expect, it } from 'vitest';
import { EntryColumns, type IndexRow } from '../../src/banks/entry-columns.ts';

function row(id: number, overrides: Partial<IndexRow> = {}): IndexRow {
  return {
    id,
    bank_id: `bank-${id % 3}`,
    signal_type: 'url',
    value: `https://example.org/${id}/é`,
    labels: JSON.stringify(id % 2 ? ['terrorism'] : ['hate', 'violence']),
    source: 'import',
    source_id: `te-${id}-ñ`,
    added_by: `user-${id % 5}`,
    added_at: 1_700_000_000_000 + id,
    evidence_ref: id % 4 === 0 ? null : `ev-${id}`,
    confidence: id % 2 ? null : id / 10_000,
    jurisdictions: id % 3 ? '[]' : '["FR","DE"]',
    status: 'active',
    ...overrides,
  };
}

function expectRow(columns: EntryColumns, at: number, source: IndexRow): void {
  expect(columns.read(at)).toEqual({
    id: source.id,
    bankId: source.bank_id,
    signalType: source.signal_type,
    labels: JSON.parse(source.labels),
    source: source.source,
    sourceId: source.source_id,
    addedBy: source.added_by,
    addedAt: source.added_at,
    evidenceRef: source.evidence_ref,
    confidence: source.confidence,
    jurisdictions: JSON.parse(source.jurisdictions),
  });
  expect(columns.valueOf(at)).toBe(source.value);
}

describe('EntryColumns', () => {
  it('gives back every field of every row, through growth, removals, reuse and arena compaction', () => {
    const columns = new EntryColumns();
    const live = new Map<number, { at: number; source: IndexRow }>();
    let next = 1;
    // Enough churn to grow the columns past their first capacity and the arena past its first size.
    for (let round = 0; round < 6; round++) {
      const first = next;
      for (let i = 0; i < 3000; i++) {
        const source = row(next++);
        live.set(source.id, { at: columns.add(source, source.value), source });
      }
      // A third of this round's rows, and a third of the previous round's.
      for (const [id, { at }] of [...live]) {
        const thisRound = id >= first;
        const previousRound = id >= first - 3000 && id < first;
        if ((thisRound && id % 3 === 0) || (previousRound && id % 3 === 1)) {
          columns.remove(at);
          live.delete(id);
        }
      }
    }
    expect(live.size).toBeGreaterThan(5000);
    const rows = new Set<number>();
    for (const { at, source } of live.values()) {
      expectRow(columns, at, source);
      rows.add(at);
    }
    expect(rows.size).toBe(live.size);
    // Removed rows are reused, so the row numbers stay below the number of rows ever added.
    expect(Math.max(...rows)).toBeLessThan(next - 1);
  });

  it('keeps no value for hashes held by an index, and remembers their slot', () => {
    const columns = new EntryColumns();
    const at = columns.add(row(7, { signal_type: 'pdq', value: 'f'.repeat(64) }), null);
    expect(columns.valueOf(at)).toBeNull();
    expect(columns.typeOf(at)).toBe('pdq');
    expect(columns.slotOf(at)).toBe(-1);
    columns.setSlot(at, 42);
    expect(columns.slotOf(at)).toBe(42);
  });
});
