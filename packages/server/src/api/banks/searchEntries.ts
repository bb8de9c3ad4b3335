import { z } from 'zod';
import { bankIndexes } from '../../banks/bank-indexes.ts';
import { entriesByIds, findEntriesByValue } from '../../banks/entries.ts';
import { canonicalValue } from '../../banks/signals.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';
import { entrySchema, signalTypeSchema } from './schemas.ts';

export const searchEntries = defineOperation({
  id: 'banks.searchEntries',
  method: 'GET',
  path: '/api/v1/bank-entries',
  summary:
    "Find the organisation's entries by value: exactly (any status), or for pdq and simhash within a Hamming " +
    'distance (active entries, whatever the bank thresholds).',
  tags: ['banks'],
  access: { permission: 'banks:read' },
  mutates: false,
  query: z.strictObject({
    signalType: signalTypeSchema,
    value: z.string().min(1).max(100_000),
    distance: z.coerce.number().int().min(0).max(63).optional(),
  }),
  response: z.object({ results: z.array(z.object({ entry: entrySchema, distance: z.number().int() })) }),
  handle: async ({ actor, db, deps, query }) => {
    const canonical = canonicalValue(query.signalType, query.value);
    if (!canonical.ok)
      throw new AppError('validation_failed', { message: canonical.reason, field: 'query.value' });
    if (query.distance === undefined || query.distance === 0) {
      const entries = await findEntriesByValue(db, actor.orgId, query.signalType, canonical.value);
      return { results: entries.map((entry) => ({ entry, distance: 0 })) };
    }
    if (query.signalType !== 'pdq' && query.signalType !== 'simhash') {
      throw new AppError('validation_failed', {
        message: 'Distance search needs signalType pdq or simhash.',
        field: 'query.distance',
      });
    }
    const matcher = await bankIndexes(deps.db, deps.log).forOrg(actor.orgId);
    const near = matcher.within(query.signalType, canonical.value, query.distance).slice(0, 1000);
    const entries = await entriesByIds(
      db,
      actor.orgId,
      near.map((m) => m.entry.id),
    );
    return {
      results: near
        .flatMap((m) => {
          const entry = entries.get(m.entry.id);
          return entry ? [{ entry, distance: m.distance ?? 0 }] : [];
        })
        .sort((a, b) => a.distance - b.distance),
    };
  },
});
