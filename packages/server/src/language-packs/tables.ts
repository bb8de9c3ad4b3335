/** Table of the language-pack module (migration 0009-language-packs). */

export interface LanguagePackVersionTable {
  id: string;
  org_id: string;
  /** Language code of the shipped pack this version overrides (`en`, `hi-Latn`). */
  lang: string;
  /** 1, 2, 3… per organisation and language. */
  version: number;
  /** JSON `PackChanges` against the shipped pack; `null` for a return to the shipped pack. */
  changes: string | null;
  /** Version of the shipped pack when this version was saved, for the record. */
  shipped_version: string;
  note: string;
  actor_type: string;
  actor_id: string;
  created_at: number;
}

declare module '../storage/schema.ts' {
  interface Database {
    language_pack_versions: LanguagePackVersionTable;
  }
}
