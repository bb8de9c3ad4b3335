import { z } from 'zod';
import { defineOperation } from '../../http/operation.ts';
import { shippedPacks } from '../../language-packs/shipped.ts';
import { latestVersions } from '../../language-packs/versions.ts';
import { epochMs } from '../schemas.ts';

export const listLanguagePacks = defineOperation({
  id: 'languagePacks.list',
  method: 'GET',
  path: '/api/v1/language-packs',
  summary:
    "Every shipped language pack with its version and the organisation's own latest version of it, if any.",
  tags: ['language-packs'],
  access: { permission: 'langpacks:read' },
  mutates: false,
  response: z.object({
    languages: z.array(
      z.object({
        lang: z.string(),
        name: z.string(),
        shippedVersion: z.string(),
        reviewed: z.boolean().describe('A native speaker reviewed the shipped pack'),
        override: z
          .object({
            version: z.number().int(),
            reverted: z.boolean().describe('The latest version returned to the shipped pack'),
            createdAt: epochMs,
          })
          .nullable(),
      }),
    ),
  }),
  handle: async ({ actor, db }) => {
    const latest = new Map((await latestVersions(db, actor.orgId)).map((v) => [v.lang, v]));
    return {
      languages: [...shippedPacks().values()].map((pack) => {
        const version = latest.get(pack.lang);
        return {
          lang: pack.lang,
          name: pack.name,
          shippedVersion: pack.version,
          reviewed: pack.reviewer !== null,
          override: version
            ? { version: version.version, reverted: version.changes === null, createdAt: version.createdAt }
            : null,
        };
      }),
    };
  },
});
