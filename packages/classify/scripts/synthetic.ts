/**
 * Synthetic training rows: the templates of synthetic-templates.ts filled with identity terms from the
 * language packs. Deterministic (seeded); only ever added to the training side of train/.
 */
import { loadPackDir } from '../src/packs/load.ts';
import { seededRandom, shuffleInPlace } from '../src/model/train.ts';
import { SYNTHETIC_TEMPLATES } from './synthetic-templates.ts';

/** Group terms per language used to fill {G}: enough variety for the pack signals, few enough to stay small. */
const GROUPS_PER_LANGUAGE = 12;

export interface SyntheticRow {
  text: string;
  lang: string;
  label: 'hateful' | 'non-hateful';
}

export function syntheticRows(seed: number): SyntheticRow[] {
  const random = seededRandom(seed);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;
  const packs = loadPackDir();
  const rows: SyntheticRow[] = [];
  for (const [lang, t] of Object.entries(SYNTHETIC_TEMPLATES)) {
    const pack = packs.get(lang);
    if (!pack) continue;
    // Prefix entries ("muslim*") are usable stems; the matcher finds and masks them like full words.
    const groups = [...new Set(pack.identity.map((term) => term.replace(/\*$/u, '')))];
    shuffleInPlace(groups, random);
    for (const [label, templates] of [
      ['hateful', t.hateful],
      ['non-hateful', t.nonHateful],
    ] as const) {
      for (const template of templates) {
        for (const group of groups.slice(0, GROUPS_PER_LANGUAGE)) {
          const text = template
            .replaceAll('{G}', group)
            .replaceAll('{N}', pick(t.negative))
            .replaceAll('{P}', pick(t.positive))
            .replaceAll('{D}', pick(t.dehumanising));
          rows.push({ text, lang, label });
        }
      }
    }
  }
  return rows;
}
