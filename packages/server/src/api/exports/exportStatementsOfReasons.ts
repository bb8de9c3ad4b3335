import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { isoDate } from '../../transparency/dates.ts';
import { collectStatementsOfReasons, formatStatements } from '../../transparency/sor-export.ts';

export const sorExportQuery = z.strictObject({
  format: z.enum(['tdb-json', 'tdb-csv']).default('tdb-json'),
  from: isoDate.optional().describe('First UTC day included, YYYY-MM-DD'),
  to: isoDate.optional().describe('Last UTC day included, YYYY-MM-DD'),
});

const CONTENT_TYPES = {
  'tdb-json': 'application/x-ndjson; charset=utf-8',
  'tdb-csv': 'text/csv; charset=utf-8',
} as const;

export const exportStatementsOfReasons = defineOperation({
  id: 'exports.sor',
  method: 'GET',
  path: '/api/v1/exports/sor',
  summary:
    'Statements of reasons of the decisions in a period, in the EU Transparency Database format: NDJSON ' +
    '(one statement per line) or CSV with the columns of the public TDB export. Only statements that ' +
    'validate are included; the header x-vigie-sor-invalid counts the others, listed by /exports/sor/problems.',
  tags: ['exports'],
  access: { permission: 'exports:read' },
  mutates: false,
  query: sorExportQuery,
  // A raw body (NDJSON or CSV), sent as bytes so the JSON serialiser leaves it alone.
  response: z.custom<Buffer>((value) => Buffer.isBuffer(value)),
  handle: async ({ actor, query, db, reply }) => {
    const { statements, invalid } = await collectStatementsOfReasons(db, actor, query);
    reply
      .type(CONTENT_TYPES[query.format])
      .header('x-vigie-sor-exported', String(statements.length))
      .header('x-vigie-sor-invalid', String(invalid.length));
    if (query.format === 'tdb-csv') {
      reply.header('content-disposition', 'attachment; filename="statements-of-reasons.csv"');
    }
    return Buffer.from(formatStatements(query.format, statements), 'utf8');
  },
});
