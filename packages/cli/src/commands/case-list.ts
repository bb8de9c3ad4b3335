import { listCases, type CaseStatus } from '@vigie/server';
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { withStorage } from './open-storage.ts';
import { organisationOption, resolveOrganisation } from './organisation-option.ts';

const STATUSES = ['open', 'decided', 'appealed', 'closed'] as const;
const PAGE = 1000;

export const caseList: Command = {
  path: ['case', 'list'],
  summary: 'List cases (newest first), as a table or one JSON object per line',
  help: `Usage: vigie case list [--json] [--status open|decided|appealed|closed] [--overdue] [--limit N] [--org SLUG]

Lists the organisation's cases, newest first (--overdue: open cases past their SLA, most overdue
first). With --json, prints one JSON object per line with reference, status, category, language,
country, queue, priority, report count, opened and due times.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      ...organisationOption,
      json: { type: 'boolean' },
      status: { type: 'string' },
      overdue: { type: 'boolean' },
      limit: { type: 'string' },
    });
    if (values.status !== undefined && !(STATUSES as readonly string[]).includes(values.status)) {
      throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    }
    if (values.limit !== undefined && !/^\d+$/.test(values.limit))
      throw new UsageError('--limit must be a whole number');
    const limit = values.limit === undefined ? Infinity : Number(values.limit);
    // `vigie case list | head` closes stdout early: stop listing instead of crashing.
    let closed = false;
    io.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closed = true;
    });
    return withStorage(io, async ({ db }) => {
      const organisation = await resolveOrganisation(db, values.org);
      if (!values.json) io.stdout.write('REFERENCE     STATUS    LANG  PRIORITY  REPORTS  CATEGORY\n');
      let printed = 0;
      let cursor: { before?: number; beforeId?: string } = {};
      // Pages by opening time so any number of cases streams out in bounded memory.
      while (printed < limit && !closed) {
        const page = await listCases(db, organisation.id, {
          status: values.status as CaseStatus | undefined,
          overdue: values.overdue,
          limit: Math.min(PAGE, limit - printed),
          ...cursor,
        });
        for (const c of page) {
          io.stdout.write(
            values.json
              ? `${JSON.stringify({
                  reference: c.reference,
                  status: c.status,
                  category: c.category,
                  language: c.language,
                  country: c.country,
                  queueId: c.queueId,
                  priority: c.priority,
                  reportCount: c.reportCount,
                  openedAt: new Date(c.openedAt).toISOString(),
                  dueAt: c.dueAt === null ? null : new Date(c.dueAt).toISOString(),
                })}\n`
              : `${c.reference.padEnd(13)} ${c.status.padEnd(9)} ${(c.language ?? '-').padEnd(5)} ${String(c.priority).padStart(8)}  ${String(c.reportCount).padStart(7)}  ${c.category}\n`,
          );
        }
        printed += page.length;
        if (page.length === 0 || values.overdue) break;
        const last = page[page.length - 1]!;
        cursor = { before: last.openedAt, beforeId: last.id };
      }
      return EXIT.ok;
    });
  },
};
