/**
 * The shape of a reviewer's decision: every Art. 17 / TDB field a person decides (the contract
 * between the cases module and everything that renders a decision). `decision-fields.ts` adds the
 * TDB rule set on top; this file has no rules so that the renderer can depend on the type alone.
 */
import { z } from 'zod';
import {
  ACCOUNT_TYPE,
  AUTOMATED_DECISION,
  CATEGORY,
  CONTENT_LANGUAGES,
  CONTENT_TYPE,
  DECISION_ACCOUNT,
  DECISION_MONETARY,
  DECISION_PROVISION,
  DECISION_VISIBILITY,
  KEYWORD,
  SOURCE_TYPE,
  TERRITORIAL_SCOPE_COUNTRIES,
} from '../taxonomy/dsa.ts';
import { isoDate } from './dates.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

const visibilityRestriction = z.strictObject({
  types: z.array(z.enum(DECISION_VISIBILITY)).min(1).max(DECISION_VISIBILITY.length),
  /** Required when `types` holds DECISION_VISIBILITY_OTHER. */
  other: text(500).optional(),
  /** Last day of a time-limited restriction (YYYY-MM-DD); absent = indefinite. */
  endDate: isoDate.optional(),
});

const monetaryRestriction = z.strictObject({
  type: z.enum(DECISION_MONETARY),
  other: text(500).optional(),
  endDate: isoDate.optional(),
});

const provisionRestriction = z.strictObject({
  type: z.enum(DECISION_PROVISION),
  endDate: isoDate.optional(),
});
const accountRestriction = z.strictObject({ type: z.enum(DECISION_ACCOUNT), endDate: isoDate.optional() });

const illegalContentGround = z.strictObject({
  type: z.literal('DECISION_GROUND_ILLEGAL_CONTENT'),
  /** The exact provision, e.g. "Art. 421-2-5 Code pénal (FR)". */
  legalGround: text(500),
  /** Why the content is illegal on that ground. */
  explanation: text(2000),
  /** Link to the law. */
  referenceUrl: z.url().max(500).optional(),
  /** Seed-table id (taxonomy/french-law.ts) the reviewer picked, if any; kept for reporting. */
  legalGroundId: z.string().max(100).optional(),
});

const incompatibleContentGround = z.strictObject({
  type: z.literal('DECISION_GROUND_INCOMPATIBLE_CONTENT'),
  /** The terms-and-conditions clause. */
  termsGround: text(500),
  explanation: text(2000),
  /** Link to the applicable version of the terms. */
  referenceUrl: z.url().max(500).optional(),
  /** The content is also considered illegal; absent does not mean legal. */
  alsoIllegal: z.boolean().optional(),
});

/** The shape alone, without the TDB rules (the export checks those itself, once, with every rule). */
export const decisionFieldsShape = z.strictObject({
  /** At least one of the four kinds of restriction (Art. 17(1)(a)–(d)). */
  restrictions: z.strictObject({
    visibility: visibilityRestriction.optional(),
    monetary: monetaryRestriction.optional(),
    provision: provisionRestriction.optional(),
    account: accountRestriction.optional(),
  }),
  accountType: z.enum(ACCOUNT_TYPE).optional(),
  ground: z.discriminatedUnion('type', [illegalContentGround, incompatibleContentGround]),
  contentTypes: z.array(z.enum(CONTENT_TYPE)).min(1).max(CONTENT_TYPE.length),
  contentTypeOther: text(500).optional(),
  category: z.enum(CATEGORY),
  categoryAdditions: z.array(z.enum(CATEGORY)).max(CATEGORY.length).default([]),
  keywords: z.array(z.enum(KEYWORD)).max(KEYWORD.length).default([]),
  keywordOther: text(500).optional(),
  /** Where the restriction applies: EU/EEA country codes (GR for Greece). Always sent to the TDB. */
  territorialScope: z
    .array(z.enum(TERRITORIAL_SCOPE_COUNTRIES))
    .min(1)
    .max(TERRITORIAL_SCOPE_COUNTRIES.length),
  contentLanguage: z.enum(CONTENT_LANGUAGES).optional(),
  /** When the content was posted, or the account created. */
  contentDate: isoDate,
  /** Facts and circumstances (Art. 17(3)(b)). Goes to the public database: no personal data. */
  facts: text(5000),
  sourceType: z.enum(SOURCE_TYPE),
  /** Notifier identity, only when strictly necessary (e.g. an IP rights holder). No personal data. */
  sourceIdentity: text(500).optional(),
  /** Whether the content was detected or identified by automated means. */
  automatedDetection: z.boolean(),
  automatedDecision: z.enum(AUTOMATED_DECISION),
  /** EAN-13 product identifier, for product listings. */
  contentEan: z
    .string()
    .regex(/^\d{13}$/)
    .optional(),
});

/** A validated decision (the output of `decisionFieldsSchema`, which only adds checks to this shape). */
export type DecisionFields = z.output<typeof decisionFieldsShape>;
/** What a caller may pass in (defaults not yet applied). */
export type DecisionFieldsInput = z.input<typeof decisionFieldsShape>;
