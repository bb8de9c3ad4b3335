// DSA statement-of-reasons taxonomy: the enumerations of the EU Transparency Database (TDB), schema v2
// (spec domain.md §1.4–1.5). Keys are interface facts and are what we persist; labels are display-only.
// English labels are the TDB's own where the spec quotes them; the spec leaves some keyword labels out,
// and those (marked "[U]" below) were written from the TDB explanation page from memory: check before
// relying on their exact wording. French labels are ours.

export type Locale = 'en' | 'fr';
export type LabelSet = Readonly<{ en: string; fr: string }>;

function keysOf<K extends string>(labels: Readonly<Record<K, LabelSet>>): readonly K[] {
  return Object.keys(labels) as K[];
}

// §1.5.1
export const decisionVisibilityLabels = {
  DECISION_VISIBILITY_CONTENT_REMOVED: { en: 'Removal of content', fr: 'Retrait du contenu' },
  DECISION_VISIBILITY_CONTENT_DISABLED: {
    en: 'Disabling access to content',
    fr: "Blocage de l'accès au contenu",
  },
  DECISION_VISIBILITY_CONTENT_DEMOTED: { en: 'Demotion of content', fr: 'Rétrogradation du contenu' },
  DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED: {
    en: 'Age restricted content',
    fr: "Contenu soumis à une restriction d'âge",
  },
  DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED: {
    en: 'Restricting interaction with content',
    fr: 'Restriction des interactions avec le contenu',
  },
  DECISION_VISIBILITY_CONTENT_LABELLED: { en: 'Labelled content', fr: 'Contenu étiqueté' },
  DECISION_VISIBILITY_OTHER: {
    en: 'Other restriction (please specify)',
    fr: 'Autre restriction (à préciser)',
  },
} as const satisfies Record<string, LabelSet>;
export const DECISION_VISIBILITY = keysOf(decisionVisibilityLabels);
export type DecisionVisibilityKey = keyof typeof decisionVisibilityLabels;

// §1.5.2 — a single value in the TDB, not an array.
export const decisionMonetaryLabels = {
  DECISION_MONETARY_SUSPENSION: { en: 'Suspension of monetary payments', fr: 'Suspension des paiements' },
  DECISION_MONETARY_TERMINATION: { en: 'Termination of monetary payments', fr: 'Cessation des paiements' },
  DECISION_MONETARY_OTHER: { en: 'Other restriction (please specify)', fr: 'Autre restriction (à préciser)' },
} as const satisfies Record<string, LabelSet>;
export const DECISION_MONETARY = keysOf(decisionMonetaryLabels);
export type DecisionMonetaryKey = keyof typeof decisionMonetaryLabels;

// §1.5.3
export const decisionProvisionLabels = {
  DECISION_PROVISION_PARTIAL_SUSPENSION: {
    en: 'Partial suspension of the provision of the service',
    fr: 'Suspension partielle de la fourniture du service',
  },
  DECISION_PROVISION_TOTAL_SUSPENSION: {
    en: 'Total suspension of the provision of the service',
    fr: 'Suspension totale de la fourniture du service',
  },
  DECISION_PROVISION_PARTIAL_TERMINATION: {
    en: 'Partial termination of the provision of the service',
    fr: 'Cessation partielle de la fourniture du service',
  },
  DECISION_PROVISION_TOTAL_TERMINATION: {
    en: 'Total termination of the provision of the service',
    fr: 'Cessation totale de la fourniture du service',
  },
} as const satisfies Record<string, LabelSet>;
export const DECISION_PROVISION = keysOf(decisionProvisionLabels);
export type DecisionProvisionKey = keyof typeof decisionProvisionLabels;

// §1.5.4
export const decisionAccountLabels = {
  DECISION_ACCOUNT_SUSPENDED: { en: 'Suspension of the account', fr: 'Suspension du compte' },
  DECISION_ACCOUNT_TERMINATED: { en: 'Termination of the account', fr: 'Résiliation du compte' },
} as const satisfies Record<string, LabelSet>;
export const DECISION_ACCOUNT = keysOf(decisionAccountLabels);
export type DecisionAccountKey = keyof typeof decisionAccountLabels;

// §1.4 account_type: "Business" is a business user within the meaning of Reg. (EU) 2019/1150.
export const accountTypeLabels = {
  ACCOUNT_TYPE_BUSINESS: { en: 'Business', fr: 'Professionnel' },
  ACCOUNT_TYPE_PRIVATE: { en: 'Private', fr: 'Particulier' },
} as const satisfies Record<string, LabelSet>;
export const ACCOUNT_TYPE = keysOf(accountTypeLabels);
export type AccountTypeKey = keyof typeof accountTypeLabels;

// §1.4 decision_ground: Art. 17(3)(d) (illegal) vs 17(3)(e) (incompatible with the terms).
export const decisionGroundLabels = {
  DECISION_GROUND_ILLEGAL_CONTENT: { en: 'Illegal content', fr: 'Contenu illicite' },
  DECISION_GROUND_INCOMPATIBLE_CONTENT: {
    en: 'Content incompatible with terms and conditions',
    fr: 'Contenu incompatible avec les conditions générales',
  },
} as const satisfies Record<string, LabelSet>;
export const DECISION_GROUND = keysOf(decisionGroundLabels);
export type DecisionGroundKey = keyof typeof decisionGroundLabels;

// §1.5.5
export const contentTypeLabels = {
  CONTENT_TYPE_APP: { en: 'App', fr: 'Application' },
  CONTENT_TYPE_AUDIO: { en: 'Audio', fr: 'Audio' },
  CONTENT_TYPE_IMAGE: { en: 'Image', fr: 'Image' },
  CONTENT_TYPE_PRODUCT: { en: 'Product', fr: 'Produit' },
  CONTENT_TYPE_SYNTHETIC_MEDIA: { en: 'Synthetic Media', fr: 'Média synthétique' },
  CONTENT_TYPE_TEXT: { en: 'Text', fr: 'Texte' },
  CONTENT_TYPE_VIDEO: { en: 'Video', fr: 'Vidéo' },
  CONTENT_TYPE_OTHER: { en: 'Other', fr: 'Autre' },
} as const satisfies Record<string, LabelSet>;
export const CONTENT_TYPE = keysOf(contentTypeLabels);
export type ContentTypeKey = keyof typeof contentTypeLabels;

// §1.5.6 — `category` and `category_addition` share these 16 keys.
export const categoryLabels = {
  STATEMENT_CATEGORY_ANIMAL_WELFARE: { en: 'Animal welfare', fr: 'Bien-être animal' },
  STATEMENT_CATEGORY_CONSUMER_INFORMATION: {
    en: 'Consumer information infringements',
    fr: "Atteintes à l'information des consommateurs",
  },
  STATEMENT_CATEGORY_CYBER_VIOLENCE: { en: 'Cyber violence', fr: 'Cyberviolence' },
  STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN: {
    en: 'Cyber violence against women',
    fr: 'Cyberviolence à l’égard des femmes',
  },
  STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS: {
    en: 'Data protection and privacy violations',
    fr: 'Atteintes à la protection des données et à la vie privée',
  },
  STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH: {
    en: 'Illegal or harmful speech',
    fr: 'Discours illicites ou préjudiciables',
  },
  STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS: {
    en: 'Intellectual property infringements',
    fr: 'Atteintes à la propriété intellectuelle',
  },
  STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS: {
    en: 'Negative effects on civic discourse or elections',
    fr: 'Effets négatifs sur le débat civique ou les élections',
  },
  STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE: {
    en: 'Type of alleged illegal content not specified by the notifier',
    fr: 'Type de contenu prétendument illicite non précisé par le notifiant',
  },
  // The TDB label uses a typographic apostrophe (U+2019); kept byte for byte.
  STATEMENT_CATEGORY_OTHER_VIOLATION_TC: {
    en: 'Other violation of provider’s terms and conditions',
    fr: 'Autre violation des conditions générales du fournisseur',
  },
  STATEMENT_CATEGORY_PROTECTION_OF_MINORS: { en: 'Protection of minors', fr: 'Protection des mineurs' },
  STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY: {
    en: 'Risk for public security',
    fr: 'Risque pour la sécurité publique',
  },
  STATEMENT_CATEGORY_SCAMS_AND_FRAUD: { en: 'Scams and/or fraud', fr: 'Escroqueries et/ou fraudes' },
  STATEMENT_CATEGORY_SELF_HARM: { en: 'Self-harm', fr: 'Automutilation' },
  STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS: {
    en: 'Unsafe, non-compliant or prohibited products',
    fr: 'Produits dangereux, non conformes ou interdits',
  },
  STATEMENT_CATEGORY_VIOLENCE: { en: 'Violence', fr: 'Violence' },
} as const satisfies Record<string, LabelSet>;
export const CATEGORY = keysOf(categoryLabels);
export type CategoryKey = keyof typeof categoryLabels;

// §1.5.7 — the 69 accepted `category_specification` keys.
export const keywordLabels = {
  KEYWORD_ANIMAL_HARM: { en: 'Animal harm', fr: 'Maltraitance animale' },
  KEYWORD_UNLAWFUL_SALE_ANIMALS: { en: 'Unlawful sale of animals', fr: "Vente illégale d'animaux" },
  KEYWORD_HIDDEN_ADVERTISEMENT: {
    en: 'Hidden advertisement or commercial communication, including by influencers',
    fr: 'Publicité ou communication commerciale dissimulée, y compris par des influenceurs',
  },
  KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS: {
    en: 'Insufficient information on traders',
    fr: 'Informations insuffisantes sur les professionnels',
  },
  KEYWORD_MISLEADING_INFO_GOODS_SERVICES: {
    en: 'Misleading information about the characteristics of the goods and services',
    fr: 'Informations trompeuses sur les caractéristiques des biens et services',
  },
  KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS: {
    en: "Misleading information about the consumer's rights",
    fr: 'Informations trompeuses sur les droits des consommateurs',
  },
  KEYWORD_NONCOMPLIANCE_PRICING: {
    en: 'Non-compliance with pricing regulations',
    fr: "Non-respect de la réglementation sur l'affichage des prix",
  },
  KEYWORD_CYBER_BULLYING_INTIMIDATION: {
    en: 'Cyber bullying and intimidation', // [U]
    fr: 'Cyberharcèlement scolaire et intimidation',
  },
  KEYWORD_CYBER_HARASSMENT: { en: 'Cyber harassment', fr: 'Cyberharcèlement' }, // [U]
  KEYWORD_CYBER_INCITEMENT: {
    en: 'Cyber incitement to hatred or violence',
    fr: 'Incitation en ligne à la haine ou à la violence',
  },
  KEYWORD_CYBER_STALKING: { en: 'Cyber stalking', fr: 'Cyberharcèlement obsessionnel (traque)' }, // [U]
  KEYWORD_NON_CONSENSUAL_IMAGE_SHARING: {
    en: 'Non-consensual (intimate) material sharing, including (image-based) sexual abuse (excluding content depicting minors)',
    fr: 'Diffusion non consentie de contenus (intimes), y compris les abus sexuels fondés sur l’image (hors contenus représentant des mineurs)',
  },
  KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE: {
    en: "Non-consensual sharing of material containing deepfake or similar technology using a third party's features (excluding content depicting minors)",
    fr: 'Diffusion non consentie de contenus utilisant un hypertrucage ou une technique similaire reprenant les traits d’un tiers (hors contenus représentant des mineurs)',
  },
  KEYWORD_BULLYING_AGAINST_GIRLS: {
    en: 'Cyber bullying and intimidation against girls', // [U]
    fr: 'Cyberharcèlement et intimidation visant des filles',
  },
  KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN: {
    en: 'Cyber harassment against women', // [U]
    fr: 'Cyberharcèlement visant des femmes',
  },
  KEYWORD_CYBER_STALKING_AGAINST_WOMEN: {
    en: 'Cyber stalking against women', // [U]
    fr: 'Traque en ligne visant des femmes',
  },
  KEYWORD_FEMALE_GENDERED_DISINFORMATION: { en: 'Gendered disinformation', fr: 'Désinformation genrée' },
  KEYWORD_INCITEMENT_AGAINST_WOMEN: {
    en: 'Illegal incitement to violence and hatred against women',
    fr: 'Incitation illicite à la violence et à la haine envers les femmes',
  },
  KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN: {
    en: 'Non-consensual (intimate) material sharing against women, including (image-based) sexual abuse against women (excluding content depicting minors)', // [U]
    fr: 'Diffusion non consentie de contenus (intimes) visant des femmes (hors contenus représentant des mineurs)',
  },
  KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN: {
    en: "Non-consensual sharing of material against women containing deepfake or similar technology using a third party's features (excluding content depicting minors)", // [U]
    fr: 'Diffusion non consentie d’hypertrucages visant des femmes (hors contenus représentant des mineurs)',
  },
  KEYWORD_BIOMETRIC_DATA_BREACH: { en: 'Biometric data breach', fr: 'Atteinte aux données biométriques' }, // [U]
  KEYWORD_DATA_FALSIFICATION: { en: 'Data falsification', fr: 'Falsification de données' }, // [U]
  KEYWORD_MISSING_PROCESSING_GROUND: {
    en: 'Missing processing ground for data', // [U]
    fr: 'Traitement de données sans base légale',
  },
  KEYWORD_RIGHT_TO_BE_FORGOTTEN: { en: 'Right to be forgotten', fr: "Droit à l'oubli" }, // [U]
  KEYWORD_DEFAMATION: { en: 'Defamation', fr: 'Diffamation' }, // [U]
  KEYWORD_DISCRIMINATION: { en: 'Discrimination', fr: 'Discrimination' }, // [U]
  KEYWORD_HATE_SPEECH: {
    en: 'Illegal incitement to violence and hatred based on protected characteristics (hate speech)',
    fr: 'Incitation illicite à la violence et à la haine fondée sur des caractéristiques protégées (discours de haine)',
  },
  KEYWORD_COPYRIGHT_INFRINGEMENT: { en: 'Copyright infringement', fr: "Atteinte au droit d'auteur" }, // [U]
  KEYWORD_DESIGN_INFRINGEMENT: { en: 'Design infringement', fr: 'Contrefaçon de dessins et modèles' }, // [U]
  KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT: {
    en: 'Geographical indications infringements', // [U]
    fr: 'Atteinte aux indications géographiques',
  },
  KEYWORD_PATENT_INFRINGEMENT: { en: 'Patent infringement', fr: 'Contrefaçon de brevet' }, // [U]
  KEYWORD_TRADE_SECRET_INFRINGEMENT: {
    en: 'Trade secret infringement', // [U]
    fr: 'Atteinte au secret des affaires',
  },
  KEYWORD_TRADEMARK_INFRINGEMENT: { en: 'Trademark infringement', fr: 'Contrefaçon de marque' }, // [U]
  KEYWORD_MISINFORMATION_DISINFORMATION: {
    en: 'Misinformation, disinformation, foreign information manipulation and interference',
    fr: "Mésinformation, désinformation, manipulation de l'information et ingérence étrangères",
  },
  KEYWORD_VIOLATION_EU_LAW: {
    en: 'Violation of EU law relevant to civic discourse or elections',
    fr: "Violation du droit de l'Union relatif au débat civique ou aux élections",
  },
  KEYWORD_VIOLATION_NATIONAL_LAW: {
    en: 'Violation of national law relevant to civic discourse or elections',
    fr: 'Violation du droit national relatif au débat civique ou aux élections',
  },
  KEYWORD_ADULT_SEXUAL_MATERIAL: { en: 'Adult sexual material', fr: 'Contenus sexuels pour adultes' }, // [U]
  KEYWORD_AGE_SPECIFIC_RESTRICTIONS: { en: 'Age-specific restrictions', fr: "Restrictions liées à l'âge" }, // [U]
  KEYWORD_GEOGRAPHICAL_REQUIREMENTS: {
    en: 'Geographical requirements', // [U]
    fr: 'Exigences géographiques',
  },
  KEYWORD_GOODS_SERVICES_NOT_PERMITTED: {
    en: 'Goods/services not permitted to be offered on the platform', // [U]
    fr: 'Biens ou services non autorisés sur la plateforme',
  },
  KEYWORD_LANGUAGE_REQUIREMENTS: { en: 'Language requirements', fr: 'Exigences linguistiques' }, // [U]
  KEYWORD_NUDITY: { en: 'Nudity', fr: 'Nudité' }, // [U]
  KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS: {
    en: 'Age-specific restrictions concerning minors', // [U]
    fr: "Restrictions liées à l'âge concernant les mineurs",
  },
  KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL: {
    en: 'Child sexual abuse material', // [U]
    fr: "Contenus d'abus sexuels sur mineurs",
  },
  KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE: {
    en: 'Child sexual abuse material containing deepfake or similar technology', // [U]
    fr: "Contenus d'abus sexuels sur mineurs produits par hypertrucage ou technique similaire",
  },
  KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS: {
    en: 'Grooming/sexual enticement of minors', // [U]
    fr: 'Pédopiégeage / sollicitation sexuelle de mineurs',
  },
  KEYWORD_UNSAFE_CHALLENGES: { en: 'Unsafe challenges', fr: 'Défis dangereux' }, // [U]
  KEYWORD_ILLEGAL_ORGANIZATIONS: { en: 'Illegal organizations', fr: 'Organisations illégales' }, // [U]
  KEYWORD_RISK_ENVIRONMENTAL_DAMAGE: {
    en: 'Risk for environmental damage', // [U]
    fr: "Risque d'atteinte à l'environnement",
  },
  KEYWORD_RISK_PUBLIC_HEALTH: { en: 'Risk for public health', fr: 'Risque pour la santé publique' }, // [U]
  KEYWORD_TERRORIST_CONTENT: { en: 'Terrorist content', fr: 'Contenu à caractère terroriste' }, // [U]
  KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING: {
    en: 'Impersonation or account hijacking', // [U]
    fr: "Usurpation d'identité ou piratage de compte",
  },
  KEYWORD_INAUTHENTIC_ACCOUNTS: { en: 'Inauthentic accounts', fr: 'Comptes inauthentiques' }, // [U]
  KEYWORD_INAUTHENTIC_LISTINGS: { en: 'Inauthentic listings', fr: 'Annonces inauthentiques' }, // [U]
  KEYWORD_INAUTHENTIC_USER_REVIEWS: {
    en: 'Inauthentic user reviews', // [U]
    fr: "Faux avis d'utilisateurs",
  },
  KEYWORD_PHISHING: { en: 'Phishing', fr: 'Hameçonnage' }, // [U]
  KEYWORD_PYRAMID_SCHEMES: { en: 'Pyramid schemes', fr: 'Systèmes pyramidaux' }, // [U]
  KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS: {
    en: 'Content promoting eating disorders', // [U]
    fr: 'Contenus faisant la promotion des troubles alimentaires',
  },
  KEYWORD_SELF_MUTILATION: { en: 'Self-mutilation', fr: 'Automutilation' }, // [U]
  KEYWORD_SUICIDE: { en: 'Suicide', fr: 'Suicide' }, // [U]
  KEYWORD_PROHIBITED_PRODUCTS: {
    en: 'Prohibited or restricted products', // [U]
    fr: 'Produits interdits ou soumis à restriction',
  },
  KEYWORD_UNSAFE_PRODUCTS: {
    en: 'Unsafe or non-compliant products',
    fr: 'Produits dangereux ou non conformes',
  }, // [U]
  KEYWORD_COORDINATED_HARM: { en: 'Coordinated harm', fr: 'Préjudice coordonné' }, // [U]
  KEYWORD_INCITEMENT_VIOLENCE_HATRED: {
    en: 'General calls or incitement to violence and/or hatred',
    fr: 'Appels généraux ou incitation à la violence et/ou à la haine',
  },
  KEYWORD_HUMAN_EXPLOITATION: { en: 'Human exploitation', fr: 'Exploitation des êtres humains' }, // [U]
  KEYWORD_HUMAN_TRAFFICKING: { en: 'Human trafficking', fr: 'Traite des êtres humains' }, // [U]
  KEYWORD_TRAFFICKING_WOMEN_GIRLS: {
    en: 'Trafficking in women and girls', // [U]
    fr: 'Traite des femmes et des filles',
  },
  KEYWORD_OTHER: { en: 'Not captured by any other keyword', fr: 'Non couvert par un autre mot-clé' },
  KEYWORD_STALKING: { en: 'Stalking', fr: 'Traque (harcèlement obsessionnel)' },
} as const satisfies Record<string, LabelSet>;
export const KEYWORD = keysOf(keywordLabels);
export type KeywordKey = keyof typeof keywordLabels;

// §1.5.7 tree: guidance for a two-level picker. The TDB validator does not enforce the pairing.
export const keywordsByCategory: Readonly<Record<CategoryKey, readonly KeywordKey[]>> = {
  STATEMENT_CATEGORY_ANIMAL_WELFARE: ['KEYWORD_ANIMAL_HARM', 'KEYWORD_UNLAWFUL_SALE_ANIMALS'],
  STATEMENT_CATEGORY_CONSUMER_INFORMATION: [
    'KEYWORD_HIDDEN_ADVERTISEMENT',
    'KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS',
    'KEYWORD_MISLEADING_INFO_GOODS_SERVICES',
    'KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS',
    'KEYWORD_NONCOMPLIANCE_PRICING',
  ],
  STATEMENT_CATEGORY_CYBER_VIOLENCE: [
    'KEYWORD_CYBER_BULLYING_INTIMIDATION',
    'KEYWORD_CYBER_HARASSMENT',
    'KEYWORD_CYBER_INCITEMENT',
    'KEYWORD_CYBER_STALKING',
    'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING',
    'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE',
  ],
  STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN: [
    'KEYWORD_BULLYING_AGAINST_GIRLS',
    'KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN',
    'KEYWORD_CYBER_STALKING_AGAINST_WOMEN',
    'KEYWORD_FEMALE_GENDERED_DISINFORMATION',
    'KEYWORD_INCITEMENT_AGAINST_WOMEN',
    'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN',
    'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN',
  ],
  STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS: [
    'KEYWORD_BIOMETRIC_DATA_BREACH',
    'KEYWORD_DATA_FALSIFICATION',
    'KEYWORD_MISSING_PROCESSING_GROUND',
    'KEYWORD_RIGHT_TO_BE_FORGOTTEN',
  ],
  STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH: [
    'KEYWORD_DEFAMATION',
    'KEYWORD_DISCRIMINATION',
    'KEYWORD_HATE_SPEECH',
  ],
  STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS: [
    'KEYWORD_COPYRIGHT_INFRINGEMENT',
    'KEYWORD_DESIGN_INFRINGEMENT',
    'KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT',
    'KEYWORD_PATENT_INFRINGEMENT',
    'KEYWORD_TRADE_SECRET_INFRINGEMENT',
    'KEYWORD_TRADEMARK_INFRINGEMENT',
  ],
  STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS: [
    'KEYWORD_MISINFORMATION_DISINFORMATION',
    'KEYWORD_VIOLATION_EU_LAW',
    'KEYWORD_VIOLATION_NATIONAL_LAW',
  ],
  STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE: [],
  STATEMENT_CATEGORY_OTHER_VIOLATION_TC: [
    'KEYWORD_ADULT_SEXUAL_MATERIAL',
    'KEYWORD_AGE_SPECIFIC_RESTRICTIONS',
    'KEYWORD_GEOGRAPHICAL_REQUIREMENTS',
    'KEYWORD_GOODS_SERVICES_NOT_PERMITTED',
    'KEYWORD_LANGUAGE_REQUIREMENTS',
    'KEYWORD_NUDITY',
  ],
  STATEMENT_CATEGORY_PROTECTION_OF_MINORS: [
    'KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS',
    'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL',
    'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE',
    'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
    'KEYWORD_UNSAFE_CHALLENGES',
  ],
  STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY: [
    'KEYWORD_ILLEGAL_ORGANIZATIONS',
    'KEYWORD_RISK_ENVIRONMENTAL_DAMAGE',
    'KEYWORD_RISK_PUBLIC_HEALTH',
    'KEYWORD_TERRORIST_CONTENT',
  ],
  STATEMENT_CATEGORY_SCAMS_AND_FRAUD: [
    'KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING',
    'KEYWORD_INAUTHENTIC_ACCOUNTS',
    'KEYWORD_INAUTHENTIC_LISTINGS',
    'KEYWORD_INAUTHENTIC_USER_REVIEWS',
    'KEYWORD_PHISHING',
    'KEYWORD_PYRAMID_SCHEMES',
  ],
  STATEMENT_CATEGORY_SELF_HARM: [
    'KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS',
    'KEYWORD_SELF_MUTILATION',
    'KEYWORD_SUICIDE',
  ],
  STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS: [
    'KEYWORD_PROHIBITED_PRODUCTS',
    'KEYWORD_UNSAFE_PRODUCTS',
  ],
  STATEMENT_CATEGORY_VIOLENCE: [
    'KEYWORD_COORDINATED_HARM',
    'KEYWORD_INCITEMENT_VIOLENCE_HATRED',
    'KEYWORD_HUMAN_EXPLOITATION',
    'KEYWORD_HUMAN_TRAFFICKING',
    'KEYWORD_TRAFFICKING_WOMEN_GIRLS',
  ],
};

// Keywords valid under any category: KEYWORD_OTHER by design, KEYWORD_STALKING because the TDB accepts it
// without mapping it to a category (§1.4).
export const KEYWORDS_FOR_ANY_CATEGORY: readonly KeywordKey[] = ['KEYWORD_OTHER', 'KEYWORD_STALKING'];

const categoryOfKeyword = new Map<KeywordKey, CategoryKey>(
  CATEGORY.flatMap((category) => keywordsByCategory[category].map((keyword) => [keyword, category] as const)),
);

/** The category a keyword sits under in the tree, or null for the category-independent keywords. */
export function categoryOfKeywordKey(keyword: KeywordKey): CategoryKey | null {
  return categoryOfKeyword.get(keyword) ?? null;
}

/** Whether the tree places `keyword` under `category` (or the keyword is category-independent). */
export function keywordFitsCategory(keyword: KeywordKey, category: CategoryKey): boolean {
  const home = categoryOfKeyword.get(keyword);
  return home === undefined || home === category;
}

// §1.5.8
export const sourceTypeLabels = {
  SOURCE_ARTICLE_16: {
    en: 'Notice submitted in accordance with Article 16 DSA',
    fr: "Notification soumise conformément à l'article 16 du DSA",
  },
  SOURCE_TRUSTED_FLAGGER: {
    en: 'Notice submitted by a trusted flagger',
    fr: 'Notification soumise par un signaleur de confiance',
  },
  SOURCE_TYPE_OTHER_NOTIFICATION: { en: 'Other type of notification', fr: 'Autre type de notification' },
  SOURCE_VOLUNTARY: { en: 'Own voluntary initiative', fr: 'Initiative volontaire du fournisseur' },
} as const satisfies Record<string, LabelSet>;
export const SOURCE_TYPE = keysOf(sourceTypeLabels);
export type SourceTypeKey = keyof typeof sourceTypeLabels;

// §1.5.9 — "Not Automated" has a capital A in the TDB label.
export const automatedDecisionLabels = {
  AUTOMATED_DECISION_FULLY: {
    en: 'Fully automated',
    fr: 'Entièrement automatisée',
  },
  AUTOMATED_DECISION_PARTIALLY: { en: 'Partially automated', fr: 'Partiellement automatisée' },
  AUTOMATED_DECISION_NOT_AUTOMATED: { en: 'Not Automated', fr: 'Non automatisée' },
} as const satisfies Record<string, LabelSet>;
export const AUTOMATED_DECISION = keysOf(automatedDecisionLabels);
export type AutomatedDecisionKey = keyof typeof automatedDecisionLabels;

// `automated_detection` and `incompatible_content_illegal` are the literal strings "Yes" / "No".
export const YES_NO = ['Yes', 'No'] as const;
export type YesNo = (typeof YES_NO)[number];

// §1.4 territorial_scope: the 27 EU member states plus the EEA states IS, LI, NO. Greece is GR, not EL.
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const; // prettier-ignore
export const EEA_NON_EU_STATES = ['IS', 'LI', 'NO'] as const;
export const TERRITORIAL_SCOPE_COUNTRIES = [...EU_MEMBER_STATES, ...EEA_NON_EU_STATES] as const;
export type TerritorialScopeCountry = (typeof TERRITORIAL_SCOPE_COUNTRIES)[number];

const territorialScopeSet: ReadonlySet<string> = new Set(TERRITORIAL_SCOPE_COUNTRIES);

export function isTerritorialScopeCountry(code: string): code is TerritorialScopeCountry {
  return territorialScopeSet.has(code);
}

/** The canonical form the TDB stores: de-duplicated and sorted (unknown codes are the validator's job). */
export function normaliseTerritorialScope(
  codes: readonly TerritorialScopeCountry[],
): TerritorialScopeCountry[] {
  return [...new Set(codes)].sort();
}

/** Whole-EEA scope, the usual value for a restriction applied everywhere in the Union. */
export function wholeEeaScope(): TerritorialScopeCountry[] {
  return normaliseTerritorialScope(TERRITORIAL_SCOPE_COUNTRIES);
}

// Dictionaries keyed by enum key, for label lookup without knowing which enum a key belongs to.
export const dsaKeyLabels: Readonly<Record<string, LabelSet>> = {
  ...decisionVisibilityLabels,
  ...decisionMonetaryLabels,
  ...decisionProvisionLabels,
  ...decisionAccountLabels,
  ...accountTypeLabels,
  ...decisionGroundLabels,
  ...contentTypeLabels,
  ...categoryLabels,
  ...keywordLabels,
  ...sourceTypeLabels,
  ...automatedDecisionLabels,
};

export function isCategoryKey(value: string): value is CategoryKey {
  return Object.hasOwn(categoryLabels, value);
}

export function isKeywordKey(value: string): value is KeywordKey {
  return Object.hasOwn(keywordLabels, value);
}

// §1.4 content_language: uppercase ISO 639-1, the 184 codes the TDB accepts.
export const CONTENT_LANGUAGES = [
  'AA', 'AB', 'AE', 'AF', 'AK', 'AM', 'AN', 'AR', 'AS', 'AV', 'AY', 'AZ', 'BA', 'BE', 'BG', 'BH', 'BI',
  'BM', 'BN', 'BO', 'BR', 'BS', 'CA', 'CE', 'CH', 'CO', 'CR', 'CS', 'CU', 'CV', 'CY', 'DA', 'DE', 'DV',
  'DZ', 'EE', 'EL', 'EN', 'EO', 'ES', 'ET', 'EU', 'FA', 'FF', 'FI', 'FJ', 'FO', 'FR', 'FY', 'GA', 'GD',
  'GL', 'GN', 'GU', 'GV', 'HA', 'HE', 'HI', 'HO', 'HR', 'HT', 'HU', 'HY', 'HZ', 'IA', 'ID', 'IE', 'IG',
  'II', 'IK', 'IO', 'IS', 'IT', 'IU', 'JA', 'JV', 'KA', 'KG', 'KI', 'KJ', 'KK', 'KL', 'KM', 'KN', 'KO',
  'KR', 'KS', 'KU', 'KV', 'KW', 'KY', 'LA', 'LB', 'LG', 'LI', 'LN', 'LO', 'LT', 'LU', 'LV', 'MG', 'MH',
  'MI', 'MK', 'ML', 'MN', 'MR', 'MS', 'MT', 'MY', 'NA', 'NB', 'ND', 'NE', 'NG', 'NL', 'NN', 'NO', 'NR',
  'NV', 'NY', 'OC', 'OJ', 'OM', 'OR', 'OS', 'PA', 'PI', 'PL', 'PS', 'PT', 'QU', 'RM', 'RN', 'RO', 'RU',
  'RW', 'SA', 'SC', 'SD', 'SE', 'SG', 'SI', 'SK', 'SL', 'SM', 'SN', 'SO', 'SQ', 'SR', 'SS', 'ST', 'SU',
  'SV', 'SW', 'TA', 'TE', 'TG', 'TH', 'TI', 'TK', 'TL', 'TN', 'TO', 'TR', 'TS', 'TT', 'TW', 'TY', 'UG',
  'UK', 'UR', 'UZ', 'VE', 'VI', 'VO', 'WA', 'WO', 'XH', 'YI', 'YO', 'ZA', 'ZH', 'ZU',
] as const; // prettier-ignore
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];
