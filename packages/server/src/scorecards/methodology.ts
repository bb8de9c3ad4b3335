/** The methodology note shipped with every scorecard: definitions, period, exclusions. */

export interface MethodologyInputs {
  scope: string;
  from: number | null;
  to: number | null;
  asOf: number;
  included: number;
  excludedUnsent: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function methodologyNote(m: MethodologyInputs): string {
  const period =
    m.from === null && m.to === null
      ? 'all notices sent up to the observation time'
      : `notices sent from ${m.from === null ? 'the first notice' : iso(m.from)} (inclusive) to ${m.to === null ? 'the observation time' : iso(m.to)} (exclusive)`;
  return `# Scorecard methodology

Scope: ${m.scope}.
Period: ${period}.
Observation time: ${iso(m.asOf)}. Outcomes are counted as known at this time, including outcomes that
arrived after the end of the period for notices sent within it. Later events are not counted.
Included: ${m.included} notices. Excluded: ${m.excludedUnsent} notices created in the period but never
delivered (an API delivery still pending or failed); they have no sending time and no clock.

Each notice is counted once, in the group of its platform, category (DSA statement category),
country and language as recorded when it was sent, and again in the group of its platform, channel
(DSA form, email, trusted-flagger channel, API, hotline, in-app) and trusted-flagger status; platform
and overall figures count the same notices without the split. Times are those stated by the platform in its answer (poll or signed
callback), or entered by the analyst from the platform's message, bounded to [sending time,
recording time]; liveness times are the times of Vigie's own checks (at +24 h, +48 h and +7 d
after sending, plus any recorded by hand), so they are upper bounds on when content went offline.

Definitions:
- sent: notices with a sending time in the period.
- acknowledged: notices with an acknowledgement event; acknowledgedShare = acknowledged / sent.
- medianMsToAcknowledgement: median, over acknowledged notices only, of (first acknowledgement time
  − sending time), in milliseconds. With an even count, the mean of the two middle values.
- decided: notices with a decision event (removed, restricted, rejected or no action).
- action time: the earliest of (a) a decision "removed" or "restricted", (b) a reversal after
  escalation, (c) a liveness check that found every item gone (HTTP 404, 410 or 451). When only (c)
  exists the notice is also counted in actionedByLivenessOnly: the content went offline without the
  platform saying so.
- actioned: notices with an action time; medianMsToAction: median of (action time − sending time)
  over actioned notices only.
- removedWithin24h / removedWithin7d: notices whose action time − sending time is at most 24 hours /
  7 days (inclusive); the shares divide by sent.
- noResponse: notices with no acknowledgement, no decision, no statement of reasons and no reversal
  (liveness checks and escalations are not responses from the platform); noResponseShare = noResponse / sent.
- escalated: notices escalated (complaint to a Digital Services Coordinator, out-of-court dispute
  settlement body, or law enforcement such as PHAROS).
- reversedAfterEscalation: notices with a reversal recorded after an escalation; reversalShare =
  reversedAfterEscalation / escalated (null when none was escalated).
`;
}
