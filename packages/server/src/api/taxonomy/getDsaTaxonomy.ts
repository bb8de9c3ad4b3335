import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { dsaCatalogue } from '../../taxonomy/catalogue.ts';

const labelSet = z.object({ en: z.string(), fr: z.string() });
const labelled = z.object({ key: z.string(), label: labelSet });

export const getDsaTaxonomy = defineOperation({
  id: 'taxonomy.dsa',
  method: 'GET',
  path: '/api/v1/taxonomy/dsa',
  summary:
    'The DSA / Transparency Database enumerations with English and French labels, the category → keyword ' +
    'tree, allowed countries and languages, French legal grounds and GIFCT labels.',
  tags: ['taxonomy'],
  access: { signedIn: true },
  mutates: false,
  response: z.object({
    enums: z.record(z.string(), z.array(labelled)),
    categories: z.array(labelled.extend({ keywords: z.array(labelled) })),
    keywordsForAnyCategory: z.array(labelled),
    territorialScope: z.array(z.string()),
    contentLanguages: z.array(z.string()),
    frenchLegalGrounds: z.array(
      z.object({
        id: z.string(),
        jurisdiction: z.string(),
        source: z.string(),
        articles: z.array(z.string()),
        labelFr: z.string(),
        labelEn: z.string(),
        legalGround: z.string(),
        dsaCategory: z.string(),
        dsaCategoryAdditions: z.array(z.string()),
        dsaKeywords: z.array(z.string()),
        verification: z.enum(['V', 'P', 'U']),
      }),
    ),
    gifct: z.object({
      source: z.literal('GIFCT'),
      version: z.string(),
      labels: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          name: z.string(),
          nameFr: z.string(),
          verification: z.enum(['V', 'U']),
        }),
      ),
    }),
  }),
  handle: async () => dsaCatalogue(),
});
