import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { packChangesSchema } from '../../language-packs/changes.ts';
import { saveVersion } from '../../language-packs/versions.ts';
import { baseVersion, changeNote, langParam, savedVersionSchema } from './schemas.ts';

export const saveLanguagePackVersion = defineOperation({
  id: 'languagePacks.save',
  method: 'POST',
  path: '/api/v1/language-packs/:lang/versions',
  summary:
    "Save a new version of the organisation's pack for a language: the shipped pack with these terms added " +
    'and removed, per category. The classify API uses it for the organisation from the next request on. ' +
    'Terms that cannot be applied answer 422 `language_pack_invalid` with one issue per term.',
  tags: ['language-packs'],
  access: { permission: 'langpacks:manage' },
  mutates: true,
  successStatus: 201,
  params: z.strictObject({ lang: langParam }),
  body: z.strictObject({ changes: packChangesSchema, note: changeNote, baseVersion }),
  response: savedVersionSchema,
  handle: ({ actor, body, db, params, requestId }) => saveVersion(db, actor, params.lang, body, requestId),
});
