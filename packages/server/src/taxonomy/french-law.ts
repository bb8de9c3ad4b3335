// French legal grounds mapped to the DSA taxonomy (spec domain.md §4.4), as seed data for the
// "illegal content" decision ground. `legalGround` is the text we put in the TDB field
// `illegal_content_legal_ground` (≤500 characters). Verification tags come from the spec: entries marked
// 'U' or 'P' need legal review before they are relied on in a notice.

import type { CategoryKey, KeywordKey } from './dsa.ts';

export interface FrenchLegalGround {
  /** Stable id, used in bank labels as `law:fr:<id>`. */
  readonly id: string;
  readonly jurisdiction: 'FR';
  readonly source: string;
  readonly articles: readonly string[];
  readonly labelFr: string;
  readonly labelEn: string;
  readonly legalGround: string;
  readonly dsaCategory: CategoryKey;
  /** Further categories the same offence often falls under (TDB `category_addition`). */
  readonly dsaCategoryAdditions: readonly CategoryKey[];
  readonly dsaKeywords: readonly KeywordKey[];
  readonly verification: 'V' | 'P' | 'U';
}

const CP = 'Code pénal';
const PRESS_LAW = 'Loi du 29 juillet 1881 sur la liberté de la presse';

export const frenchLegalGrounds: readonly FrenchLegalGround[] = [
  {
    id: 'cp-421-2-5',
    jurisdiction: 'FR',
    source: CP,
    articles: ['421-2-5'],
    labelFr: 'Provocation directe à des actes de terrorisme ou apologie publique de ces actes',
    labelEn: 'Direct incitement to acts of terrorism or public glorification of such acts',
    legalGround: 'Art. 421-2-5 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_TERRORIST_CONTENT'],
    verification: 'V',
  },
  {
    id: 'tco-2021-784',
    jurisdiction: 'FR',
    source: 'Règlement (UE) 2021/784; loi n° 2004-575 (LCEN)',
    articles: ['Reg. (UE) 2021/784', 'LCEN 6-1-1', 'LCEN 6-1-2', 'LCEN 6-1-3', 'LCEN 6-1-4', 'LCEN 6-1-5'],
    labelFr: 'Contenu à caractère terroriste (injonction de retrait)',
    labelEn: 'Terrorist content (removal order)',
    legalGround: 'Règlement (UE) 2021/784; art. 6-1-1 à 6-1-5 LCEN (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_TERRORIST_CONTENT'],
    verification: 'V',
  },
  {
    id: 'cp-227-23',
    jurisdiction: 'FR',
    source: CP,
    articles: ['227-23'],
    labelFr: 'Images ou représentations pédopornographiques (y compris virtuelles)',
    labelEn: 'Child sexual abuse images or representations (including virtual)',
    legalGround: 'Art. 227-23 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL', 'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE'],
    verification: 'V',
  },
  {
    id: 'cp-227-22-1',
    jurisdiction: 'FR',
    source: CP,
    articles: ['227-22-1'],
    labelFr: 'Propositions sexuelles à un mineur',
    labelEn: 'Sexual propositions to a minor (grooming)',
    legalGround: 'Art. 227-22-1 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS'],
    verification: 'U',
  },
  {
    id: 'cp-227-22',
    jurisdiction: 'FR',
    source: CP,
    articles: ['227-22'],
    labelFr: 'Corruption de mineur',
    labelEn: 'Corruption of a minor',
    legalGround: 'Art. 227-22 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
    dsaCategoryAdditions: [],
    dsaKeywords: [],
    verification: 'U',
  },
  {
    id: 'cp-227-24',
    jurisdiction: 'FR',
    source: CP,
    articles: ['227-24'],
    labelFr: 'Messages violents ou pornographiques susceptibles d’être vus par un mineur',
    labelEn: 'Violent or pornographic messages accessible to a minor',
    legalGround: 'Art. 227-24 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS'],
    verification: 'V',
  },
  {
    id: 'press-24-hate',
    jurisdiction: 'FR',
    source: PRESS_LAW,
    articles: ['24 al. 7', '24 al. 8'],
    labelFr: 'Provocation à la discrimination, à la haine ou à la violence',
    labelEn: 'Incitement to discrimination, hatred or violence',
    legalGround: 'Art. 24 al. 7-8 loi du 29 juillet 1881 (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_HATE_SPEECH'],
    verification: 'P',
  },
  {
    id: 'press-24-apology-crimes',
    jurisdiction: 'FR',
    source: PRESS_LAW,
    articles: ['24 al. 5'],
    labelFr: 'Apologie de crimes contre l’humanité ou de crimes de guerre',
    labelEn: 'Glorification of crimes against humanity or war crimes',
    legalGround: 'Art. 24 al. 5 loi du 29 juillet 1881 (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    dsaCategoryAdditions: [],
    dsaKeywords: [],
    verification: 'P',
  },
  {
    id: 'press-24-bis',
    jurisdiction: 'FR',
    source: PRESS_LAW,
    articles: ['24 bis'],
    labelFr: 'Contestation de crimes contre l’humanité (négationnisme)',
    labelEn: 'Denial of crimes against humanity',
    legalGround: 'Art. 24 bis loi du 29 juillet 1881 (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    dsaCategoryAdditions: [],
    dsaKeywords: [],
    verification: 'P',
  },
  {
    id: 'press-29-33',
    jurisdiction: 'FR',
    source: PRESS_LAW,
    articles: ['29', '32', '33 al. 3', '33 al. 4'],
    labelFr: 'Diffamation et injure publiques (aggravées lorsqu’elles sont racistes, sexistes, homophobes…)',
    labelEn: 'Public defamation and insult (aggravated when racist, sexist, homophobic…)',
    legalGround: 'Art. 29, 32 et 33 loi du 29 juillet 1881 (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_DEFAMATION'],
    verification: 'P',
  },
  {
    id: 'cp-226-1',
    jurisdiction: 'FR',
    source: CP,
    articles: ['226-1'],
    labelFr: 'Atteinte à l’intimité de la vie privée (image prise dans un lieu privé)',
    labelEn: 'Invasion of privacy (image taken in a private place)',
    legalGround: 'Art. 226-1 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
    dsaCategoryAdditions: ['STATEMENT_CATEGORY_CYBER_VIOLENCE'],
    dsaKeywords: [],
    verification: 'V',
  },
  {
    id: 'cp-226-2-1',
    jurisdiction: 'FR',
    source: CP,
    articles: ['226-2-1'],
    labelFr: 'Diffusion sans consentement d’images à caractère sexuel',
    labelEn: 'Non-consensual sharing of sexual images',
    legalGround: 'Art. 226-2-1 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
    dsaCategoryAdditions: ['STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN'],
    dsaKeywords: [
      'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING',
      'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN',
    ],
    verification: 'V',
  },
  {
    id: 'cp-226-8-1',
    jurisdiction: 'FR',
    source: CP,
    articles: ['226-8-1'],
    labelFr: 'Montage ou hypertrucage à caractère sexuel sans consentement',
    labelEn: 'Non-consensual sexual montage or deepfake',
    legalGround: 'Art. 226-8-1 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
    dsaCategoryAdditions: ['STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN'],
    dsaKeywords: [
      'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE',
      'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN',
    ],
    verification: 'U',
  },
  {
    id: 'cp-222-33-2-2',
    jurisdiction: 'FR',
    source: CP,
    articles: ['222-33-2-2'],
    labelFr: 'Harcèlement moral, y compris en ligne et en meute (« raids »)',
    labelEn: 'Moral harassment, including online and pile-on "raids"',
    legalGround: 'Art. 222-33-2-2 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_CYBER_HARASSMENT'],
    verification: 'U',
  },
  {
    id: 'cp-222-33',
    jurisdiction: 'FR',
    source: CP,
    articles: ['222-33'],
    labelFr: 'Harcèlement sexuel',
    labelEn: 'Sexual harassment',
    legalGround: 'Art. 222-33 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
    dsaCategoryAdditions: [],
    dsaKeywords: [],
    verification: 'U',
  },
  {
    id: 'cp-222-17-18',
    jurisdiction: 'FR',
    source: CP,
    articles: ['222-17', '222-18'],
    labelFr: 'Menaces (notamment de mort)',
    labelEn: 'Threats (including death threats)',
    legalGround: 'Art. 222-17 et 222-18 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_VIOLENCE',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_INCITEMENT_VIOLENCE_HATRED'],
    verification: 'U',
  },
  {
    id: 'cp-223-1-1',
    jurisdiction: 'FR',
    source: CP,
    articles: ['223-1-1'],
    labelFr: 'Mise en danger par diffusion d’informations personnelles',
    labelEn: 'Endangering a person by disclosing personal information (doxing)',
    legalGround: 'Art. 223-1-1 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
    dsaCategoryAdditions: ['STATEMENT_CATEGORY_CYBER_VIOLENCE'],
    dsaKeywords: [],
    verification: 'U',
  },
  {
    id: 'cp-223-13',
    jurisdiction: 'FR',
    source: CP,
    articles: ['223-13'],
    labelFr: 'Provocation au suicide',
    labelEn: 'Incitement to suicide',
    legalGround: 'Art. 223-13 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_SELF_HARM',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_SUICIDE'],
    verification: 'U',
  },
  {
    id: 'cp-225-4-1-225-5',
    jurisdiction: 'FR',
    source: CP,
    articles: ['225-4-1', '225-5'],
    labelFr: 'Traite des êtres humains ; proxénétisme',
    labelEn: 'Human trafficking; procuring',
    legalGround: 'Art. 225-4-1 et 225-5 Code pénal (FR)',
    dsaCategory: 'STATEMENT_CATEGORY_VIOLENCE',
    dsaCategoryAdditions: [],
    dsaKeywords: ['KEYWORD_HUMAN_TRAFFICKING'],
    verification: 'U',
  },
];

const groundsById = new Map(frenchLegalGrounds.map((ground) => [ground.id, ground]));

export function findFrenchLegalGround(id: string): FrenchLegalGround | undefined {
  return groundsById.get(id);
}

/** Grounds whose primary category or additions include `category`, for a "which law?" picker. */
export function frenchLegalGroundsForCategory(category: CategoryKey): FrenchLegalGround[] {
  return frenchLegalGrounds.filter(
    (ground) => ground.dsaCategory === category || ground.dsaCategoryAdditions.includes(category),
  );
}
