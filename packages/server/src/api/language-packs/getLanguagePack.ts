import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { shippedPack } from '../../language-packs/shipped.ts';
import { effectivePack, latestVersion } from '../../language-packs/versions.ts';
import { langParam, languagePackSchema, packVersionSchema } from './schemas.ts';

export const getLanguagePack = defineOperation({
  id: 'languagePacks.get',
  method: 'GET',
  path: '/api/v1/language-packs/:lang',
  summary:
    "A language pack three ways: `effective` (what the organisation's classifier uses), `shipped`, and the " +
    "organisation's latest version with its changes (`null` if it never edited this language).",
  tags: ['language-packs'],
  access: { permission: 'langpacks:read' },
  mutates: false,
  params: z.strictObject({ lang: langParam }),
  response: z.object({
    effective: languagePackSchema,
    shipped: languagePackSchema,
    override: packVersionSchema.nullable(),
  }),
  handle: async ({ actor, db, params }) => {
    const shipped = shippedPack(params.lang);
    const override = await latestVersion(db, actor.orgId, params.lang);
    return { effective: effectivePack(shipped, override), shipped, override };
  },
});
