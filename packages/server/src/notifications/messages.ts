/**
 * The three notices of notice and action, built from a decision's `DecisionFields`:
 * - the statement of reasons to the affected user (DSA Art. 17(3)(a)–(f));
 * - the outcome to a reporter (Art. 16(5), with the use of automated means, 16(6));
 * - the outcome of a complaint (Art. 20(5), with out-of-court settlement and court).
 * Unlike the TDB statement, these go to one person and may name the content's URL.
 */
import { TERRITORIAL_SCOPE_COUNTRIES } from '../taxonomy/dsa.ts';
import type { DecisionFields } from '../transparency/decision-fields.ts';
import { renderMessage, type Block, type RenderedMessage } from './document.ts';
import { stringsFor, type NoticeStrings } from './strings.ts';

/** What every notice needs to know about who sends it and where redress happens. */
export interface NoticeContext {
  /** BCP 47 language of the recipient. */
  language: string;
  platformName: string;
  /** The case's human reference. */
  caseReference: string;
}

export interface RedressLinks {
  /** The recipient's personal link to lodge a complaint; omitted when none exists. */
  appealUrl?: string | undefined;
  /** Last moment a complaint is accepted (epoch ms): at least 6 months after being informed (Art. 20(1)). */
  appealDeadline?: number | undefined;
  /** Page listing certified out-of-court dispute settlement bodies, when the platform has one. */
  odsInfoUrl?: string | undefined;
}

export interface StatementOfReasonsInput extends NoticeContext, RedressLinks {
  fields: DecisionFields;
  decidedAt: number;
  contentUrl?: string | undefined;
}

export interface ReportOutcomeInput extends NoticeContext, RedressLinks {
  reportReference: string;
  /** The decision's fields, or null when it was decided not to act. */
  fields: DecisionFields | null;
  /** The reviewer's words for the reporter, if any. */
  statement?: string | undefined;
}

export interface AppealOutcomeInput extends NoticeContext {
  outcome: 'upheld' | 'reversed';
  /** The reasoned decision on the complaint. */
  statement: string;
  odsInfoUrl?: string | undefined;
}

function formatDay(value: number | string, language: string): string {
  const date = typeof value === 'number' ? new Date(value) : new Date(`${value}T00:00:00Z`);
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function countryList(codes: readonly string[], language: string, s: NoticeStrings): string {
  const unique = new Set([...codes].sort());
  if (TERRITORIAL_SCOPE_COUNTRIES.every((code) => unique.has(code))) return s.wholeEea;
  const names = new Intl.DisplayNames([language], { type: 'region' });
  // GR is Greece in ISO 3166; display names know it as such.
  return [...unique].map((code) => names.of(code) ?? code).join(', ');
}

/** One line per restriction: its label and how long it lasts. */
function restrictionLines(fields: DecisionFields, language: string, s: NoticeStrings): string[] {
  const { visibility, monetary, provision, account } = fields.restrictions;
  const period = (endDate: string | undefined) =>
    endDate ? s.until(formatDay(endDate, language)) : s.noEndDate;
  const lines: string[] = [];
  if (visibility) {
    for (const type of visibility.types) {
      const label =
        type === 'DECISION_VISIBILITY_OTHER' && visibility.other ? visibility.other : s.restriction(type);
      lines.push(`${label} (${period(visibility.endDate)})`);
    }
  }
  if (monetary) {
    const label =
      monetary.type === 'DECISION_MONETARY_OTHER' && monetary.other
        ? monetary.other
        : s.restriction(monetary.type);
    lines.push(`${label} (${period(monetary.endDate)})`);
  }
  if (provision) lines.push(`${s.restriction(provision.type)} (${period(provision.endDate)})`);
  if (account) lines.push(`${s.restriction(account.type)} (${period(account.endDate)})`);
  return lines;
}

function redressBlocks(s: NoticeStrings, links: RedressLinks, complaint: string | null): Block[] {
  const blocks: Block[] = [{ type: 'heading', text: s.redressHeading }];
  if (complaint !== null) blocks.push({ type: 'paragraph', text: complaint });
  if (links.appealUrl) blocks.push({ type: 'link', label: s.complaintLink, url: links.appealUrl });
  blocks.push({ type: 'paragraph', text: s.ods });
  if (links.odsInfoUrl) blocks.push({ type: 'link', label: s.odsLink, url: links.odsInfoUrl });
  blocks.push({ type: 'paragraph', text: s.court });
  return blocks;
}

function groundBlocks(fields: DecisionFields, s: NoticeStrings): Block[] {
  const { ground } = fields;
  const blocks: Block[] = [{ type: 'heading', text: s.groundsHeading }];
  if (ground.type === 'DECISION_GROUND_ILLEGAL_CONTENT') {
    blocks.push({ type: 'paragraph', text: s.illegalGround(ground.legalGround) });
  } else {
    blocks.push({ type: 'paragraph', text: s.termsGround(ground.termsGround) });
  }
  blocks.push({ type: 'paragraph', text: s.reasons(ground.explanation) });
  if (ground.type === 'DECISION_GROUND_INCOMPATIBLE_CONTENT' && ground.alsoIllegal) {
    blocks.push({ type: 'paragraph', text: s.alsoIllegal });
  }
  if (ground.referenceUrl) blocks.push({ type: 'link', label: s.referenceLink, url: ground.referenceUrl });
  return blocks;
}

function automationBlocks(fields: DecisionFields, s: NoticeStrings): Block[] {
  return [
    { type: 'heading', text: s.automationHeading },
    {
      type: 'paragraph',
      text: `${s.detection(fields.automatedDetection)} ${s.decision[fields.automatedDecision]}`,
    },
  ];
}

export function statementOfReasonsMessage(input: StatementOfReasonsInput): RenderedMessage {
  const { fields, language } = input;
  const s = stringsFor(language);
  const blocks: Block[] = [
    { type: 'heading', text: s.sorHeading },
    { type: 'paragraph', text: s.sorIntro(input.platformName) },
    { type: 'list', items: restrictionLines(fields, language, s) },
  ];
  if (input.contentUrl) blocks.push({ type: 'paragraph', text: s.contentLocation(input.contentUrl) });
  blocks.push(
    { type: 'paragraph', text: s.scope(countryList(fields.territorialScope, language, s)) },
    { type: 'paragraph', text: s.decidedOn(formatDay(input.decidedAt, language)) },
    { type: 'heading', text: s.factsHeading },
    { type: 'paragraph', text: fields.facts },
    { type: 'paragraph', text: s.source[fields.sourceType] },
  );
  if (fields.sourceIdentity && fields.sourceType !== 'SOURCE_VOLUNTARY') {
    blocks.push({ type: 'paragraph', text: s.notifier(fields.sourceIdentity) });
  }
  blocks.push(...automationBlocks(fields, s), ...groundBlocks(fields, s));
  const complaint =
    input.appealDeadline !== undefined ? s.complaint(formatDay(input.appealDeadline, language)) : null;
  blocks.push(...redressBlocks(s, input, complaint));
  return renderMessage({ subject: s.sorSubject(input.caseReference), language: s.locale, blocks });
}

export function reportOutcomeMessage(input: ReportOutcomeInput): RenderedMessage {
  const { fields, language } = input;
  const s = stringsFor(language);
  const blocks: Block[] = [{ type: 'paragraph', text: s.reportIntro(input.reportReference) }];
  if (fields) {
    blocks.push(
      { type: 'paragraph', text: s.reportActed },
      { type: 'list', items: restrictionLines(fields, language, s) },
      ...groundBlocks(fields, s),
      ...automationBlocks(fields, s),
    );
  } else {
    blocks.push({ type: 'paragraph', text: s.reportNotActed });
  }
  if (input.statement) blocks.push({ type: 'paragraph', text: s.reviewerNote(input.statement) });
  const complaint =
    input.appealDeadline !== undefined ? s.reportComplaint(formatDay(input.appealDeadline, language)) : null;
  blocks.push(...redressBlocks(s, input, complaint));
  return renderMessage({ subject: s.reportSubject(input.reportReference), language: s.locale, blocks });
}

export function appealOutcomeMessage(input: AppealOutcomeInput): RenderedMessage {
  const s = stringsFor(input.language);
  const blocks: Block[] = [
    { type: 'paragraph', text: input.outcome === 'upheld' ? s.appealUpheld : s.appealReversed },
    { type: 'heading', text: s.appealReasonsHeading },
    { type: 'paragraph', text: input.statement },
    { type: 'paragraph', text: s.appealHuman },
    ...redressBlocks(s, { odsInfoUrl: input.odsInfoUrl }, null),
  ];
  return renderMessage({ subject: s.appealSubject(input.caseReference), language: s.locale, blocks });
}
