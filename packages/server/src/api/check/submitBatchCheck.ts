import { z } from 'zod';
import { bankIndexes } from '../../banks/bank-indexes.ts';
import { emptySignals, runCheck } from '../../banks/check.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';
import { matchSchema } from '../banks/schemas.ts';
import { batchItem } from './schemas.ts';

export const submitBatchCheck = defineOperation({
  id: 'check.batch',
  method: 'POST',
  path: '/api/v1/check/batch',
  summary: 'Check up to 1,000 precomputed hashes, URLs or texts at once; one result per item, in order.',
  tags: ['check'],
  access: { permission: 'check:submit' },
  mutates: false,
  body: z.strictObject({ items: z.array(batchItem).min(1).max(1000) }),
  response: z.object({ results: z.array(z.object({ matches: z.array(matchSchema) })) }),
  handle: async ({ actor, body, deps }) => {
    const matcher = await bankIndexes(deps.db, deps.log).forOrg(actor.orgId);
    return {
      results: body.items.map((item, i) => {
        const signals = emptySignals();
        if (item.signalType === 'pdq') signals.pdq.push({ hash: item.value });
        else if (item.signalType === 'url') signals.urls.push(item.value);
        else if (item.signalType === 'text') signals.texts.push(item.value);
        else signals[item.signalType].push(item.value);
        try {
          return { matches: runCheck(matcher, signals).matches };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          throw new AppError(error.code, { message: error.message, field: `body.items.${i}.value` });
        }
      }),
    };
  },
});
