import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { classifierFor } from '../../language-packs/org-classifier.ts';

const signalSchema = z.union([
  z.object({ type: z.literal('term'), category: z.string(), term: z.string(), match: z.string() }),
  z.object({ type: z.literal('model'), name: z.string(), score: z.number() }),
  z.object({
    type: z.literal('language'),
    lang: z.string(),
    confidence: z.number(),
    script: z.string(),
    mixedScript: z.boolean(),
  }),
]);

const resultSchema = z
  .object({
    id: z.string().optional(),
    lang: z.string().describe('Detected or given language; `und` when unknown'),
    langConfidence: z.number(),
    script: z.string(),
    label: z.enum(['hateful', 'non-hateful']),
    score: z.number(),
    threshold: z.number(),
    signals: z
      .array(signalSchema)
      .describe('What fired: terms from the language packs, the model score, the language'),
    truncated: z.boolean(),
    lowConfidence: z.boolean(),
  })
  .meta({ id: 'ClassifyResult' });

export const classifyTexts = defineOperation({
  id: 'classify.texts',
  method: 'POST',
  path: '/api/v1/classify',
  summary:
    "Score texts for hate speech with the built-in multilingual classifier and the organisation's own language " +
    'pack versions (language-packs); each result says which signals fired. ' +
    'Texts over 5,000 characters are truncated and flagged.',
  tags: ['classify'],
  access: { permission: 'classify:use' },
  mutates: false,
  body: z.strictObject({
    items: z
      .array(
        z.strictObject({
          id: z.string().max(200).optional(),
          text: z.string().max(100_000),
          lang: z.string().max(20).optional(),
        }),
      )
      .min(1)
      .max(100),
  }),
  response: z.object({ results: z.array(resultSchema) }),
  handle: async ({ actor, body, db }) => {
    const classifier = await classifierFor(db, actor.orgId);
    return {
      results: body.items.map((item) => ({
        ...(item.id !== undefined ? { id: item.id } : {}),
        ...classifier.classify(item.text, item.lang ? { lang: item.lang } : {}),
      })),
    };
  },
});
