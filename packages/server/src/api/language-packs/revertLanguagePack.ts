import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { revertToShipped } from '../../language-packs/versions.ts';
import { baseVersion, changeNote, langParam, savedVersionSchema } from './schemas.ts';

export const revertLanguagePack = defineOperation({
  id: 'languagePacks.revert',
  method: 'POST',
  path: '/api/v1/language-packs/:lang/revert',
  summary:
    'Return a language to the shipped pack. Recorded as a new version, so the earlier ones stay in the history.',
  tags: ['language-packs'],
  access: { permission: 'langpacks:manage' },
  mutates: true,
  successStatus: 201,
  params: z.strictObject({ lang: langParam }),
  body: z.strictObject({ note: changeNote, baseVersion }),
  response: savedVersionSchema,
  handle: ({ actor, body, db, params, requestId }) =>
    revertToShipped(db, actor, params.lang, body, requestId),
});
