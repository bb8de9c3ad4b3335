/** Language packs and the classify API as the pack editor uses them (`/api/v1/language-packs`). */
import type { ApiClient } from '../api/client.ts';

/** The term lists of a pack (schema `vigie.langpack/1`), in the order the classifier reports signals. */
export const termCategories = [
  'identity',
  'slurs',
  'dehumanising',
  'derogatory',
  'hate',
  'threats',
  'profanity',
  'positive',
  'negation',
  'counter',
  'quoteCues',
] as const;
export type TermCategory = (typeof termCategories)[number];
export type WordCategory = Exclude<TermCategory, 'slurs'>;

export interface SlurEntry {
  term: string;
  group: string;
  reclaimed?: boolean;
  note?: string;
}

export type LanguagePack = {
  schema: string;
  lang: string;
  name: string;
  version: string;
  segmentation: 'words' | 'chars';
  provenance: string;
  reviewer: { name: string; organisation?: string; date: string } | null;
  slurs: SlurEntry[];
} & Record<WordCategory, string[]>;

export interface TermChanges<T> {
  add: T[];
  remove: string[];
}

export type PackChanges = { slurs?: TermChanges<SlurEntry> } & Partial<
  Record<WordCategory, TermChanges<string>>
>;

export interface PackVersion {
  lang: string;
  version: number;
  /** `null`: this version returned to the shipped pack. */
  changes: PackChanges | null;
  shippedVersion: string;
  note: string;
  createdBy: { type: string; id: string; name: string | null };
  createdAt: number;
}

export interface LanguageSummary {
  lang: string;
  name: string;
  shippedVersion: string;
  reviewed: boolean;
  override: { version: number; reverted: boolean; createdAt: number } | null;
}

export type Signal =
  | { type: 'term'; category: string; term: string; match: string }
  | { type: 'model'; name: string; score: number }
  | { type: 'language'; lang: string; confidence: number; script: string; mixedScript: boolean };

export interface ClassifyResult {
  lang: string;
  label: 'hateful' | 'non-hateful';
  score: number;
  threshold: number;
  signals: Signal[];
  lowConfidence: boolean;
}

const segment = encodeURIComponent;

export function languagePacksApi(client: ApiClient) {
  return {
    languagePacks: () => client.get<{ languages: LanguageSummary[] }>('/api/v1/language-packs'),
    languagePack: (lang: string) =>
      client.get<{ effective: LanguagePack; shipped: LanguagePack; override: PackVersion | null }>(
        `/api/v1/language-packs/${segment(lang)}`,
      ),
    languagePackVersions: (lang: string) =>
      client.get<{ versions: PackVersion[] }>(`/api/v1/language-packs/${segment(lang)}/versions`),
    saveLanguagePack: (lang: string, body: { changes: PackChanges; note: string; baseVersion: number }) =>
      client.post<{ version: PackVersion; pack: LanguagePack }>(
        `/api/v1/language-packs/${segment(lang)}/versions`,
        body,
      ),
    revertLanguagePack: (lang: string, body: { note: string; baseVersion: number }) =>
      client.post<{ version: PackVersion; pack: LanguagePack }>(
        `/api/v1/language-packs/${segment(lang)}/revert`,
        body,
      ),
    classifySentence: (text: string, lang: string) =>
      client.post<{ results: ClassifyResult[] }>('/api/v1/classify', { items: [{ text, lang }] }),
  };
}
