/**
 * The editor's unsaved state: like a saved version, the full set of terms added to and removed from
 * the shipped pack, per category. Every function returns a new draft (React state is replaced).
 */
import {
  termCategories,
  type LanguagePack,
  type PackChanges,
  type SlurEntry,
  type TermCategory,
  type TermChanges,
  type WordCategory,
} from './api.ts';

export type Draft = { slurs: TermChanges<SlurEntry> } & Record<WordCategory, TermChanges<string>>;

export interface TermRow {
  term: string;
  /** `shipped`: in the shipped pack and kept; `removed`: shipped but removed; `added`: the organisation's. */
  state: 'shipped' | 'removed' | 'added';
  slur?: SlurEntry;
}

const termOf = (entry: string | SlurEntry) => (typeof entry === 'string' ? entry : entry.term);

export function draftFrom(changes: PackChanges | null): Draft {
  const draft = {} as Draft;
  for (const category of termCategories) {
    const change = changes?.[category];
    (draft as Record<TermCategory, TermChanges<string | SlurEntry>>)[category] = {
      add: [...(change?.add ?? [])],
      remove: [...(change?.remove ?? [])],
    };
  }
  return draft;
}

/** The category's terms as the editor lists them: shipped ones first (kept or removed), then added ones. */
export function rowsOf(shipped: LanguagePack, draft: Draft, category: TermCategory): TermRow[] {
  const removed = new Set(draft[category].remove);
  const shippedRows: TermRow[] =
    category === 'slurs'
      ? shipped.slurs.map((slur) => ({
          term: slur.term,
          slur,
          state: removed.has(slur.term) ? 'removed' : 'shipped',
        }))
      : shipped[category].map((term) => ({ term, state: removed.has(term) ? 'removed' : 'shipped' }));
  const addedRows: TermRow[] =
    category === 'slurs'
      ? draft.slurs.add.map((slur) => ({ term: slur.term, slur, state: 'added' }))
      : draft[category].add.map((term) => ({ term, state: 'added' }));
  return [...shippedRows, ...addedRows];
}

function withCategory(draft: Draft, category: TermCategory, change: TermChanges<string | SlurEntry>): Draft {
  return { ...draft, [category]: change } as Draft;
}

/** Adds a term; a shipped term that was removed is restored instead (words only: a slur may come back changed). */
export function addTerm(draft: Draft, category: TermCategory, entry: string | SlurEntry): Draft {
  const change: TermChanges<string | SlurEntry> = draft[category];
  const term = termOf(entry);
  if (typeof entry === 'string' && change.remove.includes(term)) {
    return withCategory(draft, category, { ...change, remove: change.remove.filter((t) => t !== term) });
  }
  if (change.add.some((existing) => termOf(existing) === term)) return draft;
  return withCategory(draft, category, { ...change, add: [...change.add, entry] });
}

/** Removes a row: an added term leaves the draft, a shipped one is marked removed. */
export function removeTerm(draft: Draft, category: TermCategory, row: TermRow): Draft {
  const change: TermChanges<string | SlurEntry> = draft[category];
  if (row.state === 'added') {
    return withCategory(draft, category, {
      ...change,
      add: change.add.filter((e) => termOf(e) !== row.term),
    });
  }
  if (row.state === 'removed') return draft;
  return withCategory(draft, category, { ...change, remove: [...change.remove, row.term] });
}

export function restoreTerm(draft: Draft, category: TermCategory, term: string): Draft {
  const change: TermChanges<string | SlurEntry> = draft[category];
  return withCategory(draft, category, { ...change, remove: change.remove.filter((t) => t !== term) });
}

/** What a save sends: the categories with something added or removed. */
export function changesOf(draft: Draft): PackChanges {
  const changes: PackChanges = {};
  for (const category of termCategories) {
    const change = draft[category];
    if (change.add.length > 0 || change.remove.length > 0) {
      (changes as Record<TermCategory, TermChanges<string | SlurEntry>>)[category] = change;
    }
  }
  return changes;
}

export function countChanges(changes: PackChanges | null): { added: number; removed: number } {
  const lists = Object.values(changes ?? {});
  return {
    added: lists.reduce((n, change) => n + change.add.length, 0),
    removed: lists.reduce((n, change) => n + change.remove.length, 0),
  };
}

export function sameChanges(a: PackChanges | null, b: PackChanges | null): boolean {
  return JSON.stringify(changesOf(draftFrom(a))) === JSON.stringify(changesOf(draftFrom(b)));
}
