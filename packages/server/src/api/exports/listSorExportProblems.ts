import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { collectStatementsOfReasons } from '../../transparency/sor-export.ts';
import { sorExportQuery } from './exportStatementsOfReasons.ts';

export const listSorExportProblems = defineOperation({
  id: 'exports.sorProblems',
  method: 'GET',
  path: '/api/v1/exports/sor/problems',
  summary:
    'The decisions of the period whose statement of reasons does not validate, with every rule it breaks: ' +
    'what /exports/sor left out.',
  tags: ['exports'],
  access: { permission: 'exports:read' },
  mutates: false,
  query: sorExportQuery.omit({ format: true }),
  response: z.object({
    exported: z.number().int(),
    invalid: z.array(
      z.object({
        decisionId: z.string(),
        caseId: z.string(),
        puid: z.string(),
        violations: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })),
      }),
    ),
  }),
  handle: async ({ actor, query, db }) => {
    const { statements, invalid } = await collectStatementsOfReasons(db, actor, query);
    return { exported: statements.length, invalid };
  },
});
