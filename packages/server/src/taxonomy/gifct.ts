// GIFCT Hash-Sharing Database label vocabulary (spec domain.md §3.1).
// GIFCT's labels are not published as a fixed enum, so this is an open, versioned vocabulary: hash banks
// may carry GIFCT labels we do not know yet, and callers decide what to do with them (isKnownLabel says
// whether a label is in this version). Label ids are our own kebab-case slugs; `name` is GIFCT's wording.

export interface GifctLabel {
  readonly id: string;
  readonly kind: 'behaviour' | 'inclusion' | 'incident';
  readonly name: string;
  readonly nameFr: string;
  /** Verification tag from the spec: V = primary source, U = background knowledge / unconfirmed. */
  readonly verification: 'V' | 'U';
}

export interface GifctLabelSet {
  readonly source: 'GIFCT';
  readonly version: string;
  readonly labels: readonly GifctLabel[];
}

export const gifctLabelSet: GifctLabelSet = {
  source: 'GIFCT',
  version: '2022-12',
  labels: [
    // Behaviour labels on entity-based content (producer on the UN Security Council Consolidated
    // Sanctions List), as published in GIFCT transparency reports 2019–2022 [U].
    {
      id: 'imminent-credible-threat',
      kind: 'behaviour',
      name: 'Imminent Credible Threat',
      nameFr: 'Menace crédible et imminente',
      verification: 'U',
    },
    {
      id: 'graphic-violence-against-defenseless-people',
      kind: 'behaviour',
      name: 'Graphic Violence Against Defenseless People',
      nameFr: 'Violence explicite contre des personnes sans défense',
      verification: 'U',
    },
    {
      id: 'glorification-of-terrorist-acts',
      kind: 'behaviour',
      name: 'Glorification of Terrorist Acts',
      nameFr: "Glorification d'actes terroristes",
      verification: 'U',
    },
    {
      id: 'radicalization-recruitment-instruction',
      kind: 'behaviour',
      name: 'Radicalization, Recruitment, Instruction',
      nameFr: 'Radicalisation, recrutement, instruction',
      verification: 'U',
    },
    // Taxonomy extension 2021/22 [V].
    {
      id: 'attacker-manifesto',
      kind: 'inclusion',
      name: 'Attacker manifesto',
      nameFr: "Manifeste d'auteur d'attentat",
      verification: 'V',
    },
    {
      id: 'branded-terrorist-publication',
      kind: 'inclusion',
      name: 'Branded terrorist publication',
      nameFr: 'Publication terroriste revendiquée (logo)',
      verification: 'V',
    },
    {
      id: 'tcap-url',
      kind: 'inclusion',
      name: 'URL identified by Tech Against Terrorism (TCAP)',
      nameFr: 'URL identifiée par Tech Against Terrorism (TCAP)',
      verification: 'V',
    },
    // Incident-based content is labelled by Incident Response Framework activation (§3.2).
    {
      id: 'incident-response-framework',
      kind: 'incident',
      name: 'Incident Response Framework activation (CIP / CI / PCI)',
      nameFr: 'Activation du cadre de réponse aux incidents (CIP / CI / PCI)',
      verification: 'V',
    },
  ],
};

const gifctLabelsById = new Map(gifctLabelSet.labels.map((label) => [label.id, label]));

export function findGifctLabel(id: string): GifctLabel | undefined {
  return gifctLabelsById.get(id);
}
