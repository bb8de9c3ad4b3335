// The whole taxonomy as one JSON document, for pickers in the console and for API clients.
import {
  AUTOMATED_DECISION,
  ACCOUNT_TYPE,
  CATEGORY,
  CONTENT_LANGUAGES,
  CONTENT_TYPE,
  DECISION_ACCOUNT,
  DECISION_GROUND,
  DECISION_MONETARY,
  DECISION_PROVISION,
  DECISION_VISIBILITY,
  KEYWORDS_FOR_ANY_CATEGORY,
  SOURCE_TYPE,
  TERRITORIAL_SCOPE_COUNTRIES,
  dsaKeyLabels,
  keywordsByCategory,
  type LabelSet,
} from './dsa.ts';
import { frenchLegalGrounds, type FrenchLegalGround } from './french-law.ts';
import { gifctLabelSet, type GifctLabel } from './gifct.ts';

export interface LabelledKey {
  key: string;
  label: LabelSet;
}

export interface DsaCatalogue {
  enums: Record<string, LabelledKey[]>;
  categories: Array<LabelledKey & { keywords: LabelledKey[] }>;
  keywordsForAnyCategory: LabelledKey[];
  territorialScope: string[];
  contentLanguages: string[];
  frenchLegalGrounds: Array<
    Omit<FrenchLegalGround, 'articles' | 'dsaCategoryAdditions' | 'dsaKeywords'> & {
      articles: string[];
      dsaCategoryAdditions: string[];
      dsaKeywords: string[];
    }
  >;
  gifct: { source: 'GIFCT'; version: string; labels: GifctLabel[] };
}

const labelled = (keys: readonly string[]): LabelledKey[] =>
  keys.map((key) => ({ key, label: dsaKeyLabels[key] as LabelSet }));

export function dsaCatalogue(): DsaCatalogue {
  return {
    enums: {
      decision_visibility: labelled(DECISION_VISIBILITY),
      decision_monetary: labelled(DECISION_MONETARY),
      decision_provision: labelled(DECISION_PROVISION),
      decision_account: labelled(DECISION_ACCOUNT),
      account_type: labelled(ACCOUNT_TYPE),
      decision_ground: labelled(DECISION_GROUND),
      content_type: labelled(CONTENT_TYPE),
      source_type: labelled(SOURCE_TYPE),
      automated_decision: labelled(AUTOMATED_DECISION),
    },
    categories: CATEGORY.map((key) => ({
      key,
      label: dsaKeyLabels[key] as LabelSet,
      keywords: labelled(keywordsByCategory[key]),
    })),
    keywordsForAnyCategory: labelled(KEYWORDS_FOR_ANY_CATEGORY),
    territorialScope: [...TERRITORIAL_SCOPE_COUNTRIES],
    contentLanguages: [...CONTENT_LANGUAGES],
    frenchLegalGrounds: frenchLegalGrounds.map((ground) => ({
      ...ground,
      articles: [...ground.articles],
      dsaCategoryAdditions: [...ground.dsaCategoryAdditions],
      dsaKeywords: [...ground.dsaKeywords],
    })),
    gifct: { ...gifctLabelSet, labels: [...gifctLabelSet.labels] },
  };
}
