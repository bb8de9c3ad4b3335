/**
 * Changes against a shipped pack, without a database: what `checkChanges` refuses, and how
 * `applyChanges` keeps an organisation's edits on top of a newer shipped pack.
 */
import { loadPackDir, type LanguagePack } from '@vigie/classify';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { applyChanges, checkChanges, packChangesSchema } from '../../src/language-packs/changes.ts';

const shipped = loadPackDir().get('en') as LanguagePack;
const changes = (input: unknown) => packChangesSchema.parse(input);

function issuesOf(work: () => void): string[] {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).issues ?? []).map((issue) => issue.field);
  }
  return [];
}

describe('checkChanges', () => {
  it('accepts new terms, and a shipped slur removed and added back with other flags', () => {
    const slur = shipped.slurs[0] as LanguagePack['slurs'][number];
    expect(
      issuesOf(() =>
        checkChanges(
          shipped,
          changes({
            hate: { add: ['abominate'] },
            slurs: { remove: [slur.term], add: [{ term: slur.term, group: slur.group, reclaimed: true }] },
          }),
        ),
      ),
    ).toEqual([]);
  });

  it('compares terms as the matcher reads them: case, diacritics and leetspeak fold', () => {
    expect(
      issuesOf(() => checkChanges(shipped, changes({ dehumanising: { add: ['VÉRMIN', 'v3rmin'] } }))),
    ).toEqual(['body.changes.dehumanising.add.0', 'body.changes.dehumanising.add.1']);
  });

  it('refuses control characters and terms that normalise to nothing', () => {
    expect(
      issuesOf(() => checkChanges(shipped, changes({ threats: { add: ['kill\u0007them', '...'] } }))),
    ).toEqual(['body.changes.threats.add.0', 'body.changes.threats.add.1']);
  });
});

describe('applyChanges', () => {
  it('applies removals and additions per category and leaves the others as shipped', () => {
    const pack = applyChanges(
      shipped,
      changes({ dehumanising: { add: ['blorptoad'], remove: ['rats'] } }),
      7,
    );
    expect(pack.version).toBe(`${shipped.version}+org.7`);
    expect(pack.dehumanising).toContain('blorptoad');
    expect(pack.dehumanising).not.toContain('rats');
    expect(pack.identity).toEqual(shipped.identity);
  });

  it('keeps the edits on a newer shipped pack that dropped a removed term or gained an added one', () => {
    const newer: LanguagePack = {
      ...shipped,
      version: '0.2.0',
      dehumanising: [...shipped.dehumanising.filter((t) => t !== 'rats'), 'blorptoad'],
    };
    const pack = applyChanges(newer, changes({ dehumanising: { add: ['blorptoad'], remove: ['rats'] } }), 2);
    expect(pack.version).toBe('0.2.0+org.2');
    expect(pack.dehumanising.filter((t) => t === 'blorptoad')).toHaveLength(1);
    expect(pack.dehumanising).not.toContain('rats');
  });
});
