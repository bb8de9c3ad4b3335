/**
 * An organisation's version of a language pack is the shipped pack plus `PackChanges`: per category of
 * the pack schema (`vigie.langpack/1`), terms added and shipped terms removed. Versions store changes
 * rather than whole packs so that a newer shipped pack (a Vigie upgrade) keeps the organisation's edits
 * on top of its new content.
 */
import {
  PackError,
  TERM_CATEGORIES,
  validatePack,
  type LanguagePack,
  type SlurEntry,
  type TermCategory,
} from '@vigie/classify';
import { normaliseText } from '@vigie/hashing';
import { z } from 'zod';
import { AppError, type ErrorIssue } from '../errors.ts';

const MAX_TERMS_PER_LIST = 2000;
/** A prefix entry (`muzułma*`) shorter than this would fire on too many unrelated words. */
const MIN_PREFIX_CHARS = 3;

const term = z.string().trim().min(1).max(100);
const termList = z.array(term).max(MAX_TERMS_PER_LIST);
const wordChanges = z.strictObject({ add: termList.default([]), remove: termList.default([]) });
const slurEntry = z.strictObject({
  term,
  group: z.string().trim().min(1).max(60).describe('Protected characteristic targeted: race, religion…'),
  reclaimed: z.boolean().optional().describe('In-group reclaimed use is common'),
  note: z.string().trim().max(500).optional(),
});
const slurChanges = z.strictObject({
  add: z.array(slurEntry).max(MAX_TERMS_PER_LIST).default([]),
  remove: termList.default([]).describe('Terms of shipped slur entries to drop'),
});

const categoryFields = {
  identity: wordChanges.optional(),
  slurs: slurChanges.optional(),
  dehumanising: wordChanges.optional(),
  derogatory: wordChanges.optional(),
  hate: wordChanges.optional(),
  threats: wordChanges.optional(),
  profanity: wordChanges.optional(),
  positive: wordChanges.optional(),
  negation: wordChanges.optional(),
  counter: wordChanges.optional(),
  quoteCues: wordChanges.optional(),
} satisfies Record<TermCategory, z.ZodType>;

/** Terms added and shipped terms removed, per category; categories left out are unchanged. */
export const packChangesSchema = z.strictObject(categoryFields).meta({ id: 'LanguagePackChanges' });
export type PackChanges = z.infer<typeof packChangesSchema>;

/** The surface forms of one category (slur entries by their term). */
export function termsOf(pack: LanguagePack, category: TermCategory): string[] {
  return category === 'slurs' ? pack.slurs.map((s) => s.term) : pack[category];
}

/** Two spellings the matcher cannot tell apart (case, diacritics, leetspeak) are the same term. */
function termKey(text: string): string {
  return normaliseText(text) + (text.trimEnd().endsWith('*') ? '*' : '');
}

function termProblem(text: string, segmentation: LanguagePack['segmentation']): string | undefined {
  if (/\p{Cc}/u.test(text)) return 'contains a control character';
  if (text.slice(0, -1).includes('*')) return 'may hold * only at its end, where it marks a prefix entry';
  const normalised = normaliseText(text);
  if (normalised === '') return 'has no letters or digits left once normalised, so it could never match';
  if (segmentation === 'words' && text.endsWith('*') && [...normalised].length < MIN_PREFIX_CHARS) {
    return `is a prefix entry shorter than ${MIN_PREFIX_CHARS} characters, which would match too many words`;
  }
  return undefined;
}

/**
 * Refuses changes that could not be applied as written: added terms that are malformed, duplicated or
 * already shipped (unless the shipped one is removed in the same change, to edit a slur's flags), and
 * removals of terms the shipped pack does not hold. All problems are reported at once.
 */
export function checkChanges(shipped: LanguagePack, changes: PackChanges, field = 'body.changes'): void {
  const issues: ErrorIssue[] = [];
  for (const category of TERM_CATEGORIES) {
    const change = changes[category];
    if (!change) continue;
    const shippedTerms = new Set(termsOf(shipped, category));
    const removed = new Set<string>();
    change.remove.forEach((text, index) => {
      const at = `${field}.${category}.remove.${index}`;
      if (!shippedTerms.has(text))
        issues.push({ field: at, message: `"${text}" is not in the shipped pack` });
      else if (removed.has(text)) issues.push({ field: at, message: `"${text}" is removed twice` });
      removed.add(text);
    });
    const kept = new Set(
      termsOf(shipped, category)
        .filter((t) => !removed.has(t))
        .map(termKey),
    );
    const added = new Set<string>();
    change.add.forEach((entry: string | SlurEntry, index) => {
      const text = typeof entry === 'string' ? entry : entry.term;
      const at = `${field}.${category}.add.${index}${typeof entry === 'string' ? '' : '.term'}`;
      const key = termKey(text);
      const problem =
        termProblem(text, shipped.segmentation) ??
        (kept.has(key) ? 'is already in the shipped pack' : added.has(key) ? 'is added twice' : undefined);
      if (problem) issues.push({ field: at, message: `"${text}" ${problem}` });
      added.add(key);
    });
  }
  const first = issues[0];
  if (first) {
    throw new AppError('language_pack_invalid', {
      message: `${issues.length} change(s) cannot be applied: ${first.message}.`,
      field: first.field,
      issues,
    });
  }
}

function applyList<T>(shipped: T[], termOf: (item: T) => string, add: T[], remove: string[]): T[] {
  const dropped = new Set(remove);
  const kept = shipped.filter((item) => !dropped.has(termOf(item)));
  const present = new Set(kept.map((item) => termKey(termOf(item))));
  // A newer shipped pack may now hold a term the organisation added: keep one copy.
  return [...kept, ...add.filter((item) => !present.has(termKey(termOf(item))))];
}

/**
 * The pack the classifier uses: the shipped pack with the changes applied, versioned
 * `<shipped>+org.<n>` (semantic-version build metadata), checked against the pack schema.
 */
export function applyChanges(shipped: LanguagePack, changes: PackChanges, version: number): LanguagePack {
  const pack: LanguagePack = { ...shipped, version: `${shipped.version}+org.${version}` };
  for (const category of TERM_CATEGORIES) {
    if (category === 'slurs') {
      const slurs = changes.slurs;
      if (slurs) pack.slurs = applyList(shipped.slurs, (s) => s.term, slurs.add, slurs.remove);
      continue;
    }
    const change = changes[category];
    if (change) pack[category] = applyList(shipped[category], (t) => t, change.add, change.remove);
  }
  try {
    return validatePack(pack);
  } catch (error) {
    if (error instanceof PackError) {
      throw new AppError('language_pack_invalid', { message: error.message, field: 'body.changes' });
    }
    throw error;
  }
}
