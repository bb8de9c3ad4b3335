// Taxonomy: DSA / TDB enumerations, GIFCT behaviour labels, French legal grounds, and the label
// vocabulary hash banks use to tag hashes. A label is `<namespace>:<value>`:
//   dsa:<CATEGORY_KEY>          e.g. dsa:STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY
//   dsa-keyword:<KEYWORD_KEY>   e.g. dsa-keyword:KEYWORD_TERRORIST_CONTENT
//   gifct:<label-id>            e.g. gifct:glorification-of-terrorist-acts
//   law:fr:<ground-id>          e.g. law:fr:cp-421-2-5

import { CATEGORY, KEYWORD, categoryLabels, isCategoryKey, isKeywordKey, keywordLabels } from './dsa.ts';
import type { Locale } from './dsa.ts';
import { findGifctLabel, gifctLabelSet } from './gifct.ts';
import { findFrenchLegalGround, frenchLegalGrounds } from './french-law.ts';

export * from './dsa.ts';
export * from './gifct.ts';
export * from './french-law.ts';

export const LABEL_NAMESPACES = ['dsa', 'dsa-keyword', 'gifct', 'law:fr'] as const;
export type LabelNamespace = (typeof LABEL_NAMESPACES)[number];

export interface ParsedLabel {
  readonly namespace: LabelNamespace;
  readonly value: string;
}

// Longest prefix first, so `law:fr:` is not mistaken for an unknown `law` namespace.
const prefixes = [...LABEL_NAMESPACES].sort((a, b) => b.length - a.length);

/** Splits a label into namespace and value; null when the namespace is not one of ours or the value is empty. */
export function parseLabel(label: string): ParsedLabel | null {
  for (const namespace of prefixes) {
    const prefix = `${namespace}:`;
    if (label.startsWith(prefix) && label.length > prefix.length) {
      return { namespace, value: label.slice(prefix.length) };
    }
  }
  return null;
}

/** Whether the label names an entry of this version of the vocabulary. */
export function isKnownLabel(label: string): boolean {
  return describeLabel(label) !== null;
}

/** Human-readable name of a label, or null when the label is unknown. */
export function describeLabel(label: string, locale: Locale = 'en'): string | null {
  const parsed = parseLabel(label);
  if (parsed === null) return null;
  const { namespace, value } = parsed;
  switch (namespace) {
    case 'dsa':
      return isCategoryKey(value) ? categoryLabels[value][locale] : null;
    case 'dsa-keyword':
      return isKeywordKey(value) ? keywordLabels[value][locale] : null;
    case 'gifct': {
      const entry = findGifctLabel(value);
      if (entry === undefined) return null;
      return locale === 'fr' ? entry.nameFr : entry.name;
    }
    case 'law:fr': {
      const ground = findFrenchLegalGround(value);
      if (ground === undefined) return null;
      return `${locale === 'fr' ? ground.labelFr : ground.labelEn} (${ground.legalGround})`;
    }
  }
}

/** Every label of the vocabulary, for pickers and for validating bank imports. */
export function knownLabels(): string[] {
  return [
    ...CATEGORY.map((key) => `dsa:${key}`),
    ...KEYWORD.map((key) => `dsa-keyword:${key}`),
    ...gifctLabelSet.labels.map((entry) => `gifct:${entry.id}`),
    ...frenchLegalGrounds.map((ground) => `law:fr:${ground.id}`),
  ];
}
