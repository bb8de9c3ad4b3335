/** The pack editor's unsaved state: adding, removing and restoring terms, and what a save sends. */
import { describe, expect, it } from 'vitest';
import type { LanguagePack } from '../src/language-packs/api.ts';
import {
  addTerm,
  changesOf,
  draftFrom,
  removeTerm,
  restoreTerm,
  rowsOf,
  sameChanges,
} from '../src/language-packs/draft.ts';

const shipped = {
  schema: 'vigie.langpack/1',
  lang: 'en',
  name: 'English',
  version: '0.1.0',
  segmentation: 'words',
  provenance: 'test',
  reviewer: null,
  identity: ['women'],
  slurs: [{ term: 'slurone', group: 'race' }],
  dehumanising: ['vermin', 'rats'],
  derogatory: [],
  hate: [],
  threats: [],
  profanity: [],
  positive: [],
  negation: [],
  counter: [],
  quoteCues: [],
} satisfies LanguagePack;

describe('pack draft', () => {
  it('marks a removed shipped term, drops an added one, and sends only changed categories', () => {
    let draft = draftFrom(null);
    draft = addTerm(draft, 'dehumanising', 'blorptoad');
    draft = removeTerm(draft, 'dehumanising', { term: 'vermin', state: 'shipped' });
    expect(rowsOf(shipped, draft, 'dehumanising')).toEqual([
      { term: 'vermin', state: 'removed' },
      { term: 'rats', state: 'shipped' },
      { term: 'blorptoad', state: 'added' },
    ]);
    expect(changesOf(draft)).toEqual({ dehumanising: { add: ['blorptoad'], remove: ['vermin'] } });

    draft = removeTerm(draft, 'dehumanising', { term: 'blorptoad', state: 'added' });
    draft = addTerm(draft, 'dehumanising', 'vermin');
    expect(changesOf(draft)).toEqual({});
  });

  it('adds slurs with their group, and restores a removed shipped slur', () => {
    let draft = draftFrom(null);
    draft = removeTerm(draft, 'slurs', { term: 'slurone', state: 'shipped' });
    draft = addTerm(draft, 'slurs', { term: 'slurtwo', group: 'religion', reclaimed: true });
    expect(changesOf(draft)).toEqual({
      slurs: { add: [{ term: 'slurtwo', group: 'religion', reclaimed: true }], remove: ['slurone'] },
    });
    draft = restoreTerm(draft, 'slurs', 'slurone');
    expect(changesOf(draft).slurs?.remove).toEqual([]);
  });

  it('tells a saved version from an edited draft', () => {
    const saved = { hate: { add: ['abominate'], remove: [] } };
    expect(sameChanges(changesOf(draftFrom(saved)), saved)).toBe(true);
    expect(sameChanges(changesOf(addTerm(draftFrom(saved), 'hate', 'loathe')), saved)).toBe(false);
  });
});
