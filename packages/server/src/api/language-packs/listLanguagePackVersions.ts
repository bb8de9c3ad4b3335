import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { shippedPack } from '../../language-packs/shipped.ts';
import { listVersions } from '../../language-packs/versions.ts';
import { langParam, packVersionSchema } from './schemas.ts';

export const listLanguagePackVersions = defineOperation({
  id: 'languagePacks.listVersions',
  method: 'GET',
  path: '/api/v1/language-packs/:lang/versions',
  summary: "The organisation's versions of a language pack, newest first: changes, note, who and when.",
  tags: ['language-packs'],
  access: { permission: 'langpacks:read' },
  mutates: false,
  params: z.strictObject({ lang: langParam }),
  response: z.object({ versions: z.array(packVersionSchema) }),
  handle: async ({ actor, db, params }) => {
    shippedPack(params.lang);
    return { versions: await listVersions(db, actor.orgId, params.lang) };
  },
});
