import { findActiveStudyByName, organisationScorecard, scorecardCsv, studyScorecard } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

/** An instant given as epoch milliseconds or an ISO 8601 date/time. */
function instant(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(`--${option} is not a date: ${value}`);
  return ms;
}

export const scorecardCommand: Command = {
  path: ['scorecard'],
  summary: 'Platform response scorecard of the notices sent (JSON or CSV, with methodology)',
  help: `Usage: vigie scorecard [--format json|csv] [--from DATE] [--to DATE] [--as-of DATE]
                      [--study NAME] [--org SLUG] [--methodology]

Figures per platform × category × country × language, per platform and overall, for the notices
the organisation sent (or, with --study, the notices every active member flagged into the study):
notices sent, acknowledged share, median time to acknowledgement and to action, share actioned
within 24 h and 7 days, no-response share, reversals after escalation.
DATE is ISO 8601 (2026-01-01 or 2026-01-01T12:00:00Z) or epoch milliseconds. --from is inclusive,
--to exclusive (sending time); outcomes count as known at --as-of (default now).
--format json (default) prints the whole scorecard, methodology included; csv prints the figures;
--methodology prints only the methodology note.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...organisationOption,
      format: { type: 'string', default: 'json' },
      from: { type: 'string' },
      to: { type: 'string' },
      'as-of': { type: 'string' },
      study: { type: 'string' },
      methodology: { type: 'boolean', default: false },
    });
    if (values.format !== 'json' && values.format !== 'csv') {
      throw new UsageError(`--format is json or csv, not ${values.format}`);
    }
    const query = {
      from: instant(values.from, 'from'),
      to: instant(values.to, 'to'),
      asOf: instant(values['as-of'], 'as-of') ?? Date.now(),
    };
    return withStorage(io, async ({ db }) => {
      const organisation = await resolveOrganisation(db, values.org);
      let card;
      if (values.study) {
        const study = await findActiveStudyByName(db, organisation.id, values.study).catch(() => {
          throw new UsageError(
            `organisation '${organisation.slug}' is not an active member of study '${values.study}'`,
          );
        });
        card = await studyScorecard(db, study, query);
      } else {
        card = await organisationScorecard(db, organisation, query);
      }
      if (values.methodology) io.stdout.write(card.methodology);
      else if (values.format === 'csv') io.stdout.write(scorecardCsv(card));
      else io.stdout.write(`${JSON.stringify(card, null, 2)}\n`);
      return EXIT.ok;
    });
  },
};
