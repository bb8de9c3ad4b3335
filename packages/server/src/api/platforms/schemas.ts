/** Public views of the platform directory. */
import { z } from 'zod';
import { channelSchema } from '../../platforms/channels.ts';
import { epochMs, languageTag } from '../schemas.ts';

export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as FR');
export const platformSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, e.g. tiktok');

export const platformInputFields = {
  slug: platformSlug,
  name: z.string().min(1).max(200),
  hosts: z.array(z.string().min(1).max(253)).max(100).optional(),
  countries: z.array(countryCode).max(300).optional(),
  languages: z.array(languageTag).max(200).optional(),
  channels: z.array(channelSchema).min(1).max(10),
};

export const platformSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    hosts: z.array(z.string()),
    countries: z.array(z.string()),
    languages: z.array(z.string()),
    channels: z.array(channelSchema),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'Platform' });
