import type { Migration } from 'kysely';
import { foundation } from './0001-foundation.ts';
import { organisationKeys } from './0002-organisation-keys.ts';
import { banks } from './0003-banks.ts';
import { cases } from './0004-cases.ts';
import { evidence } from './0005-evidence.ts';
import { notifications } from './0006-notifications.ts';
import { notices } from './0008-notices.ts';
import { languagePacks } from './0009-language-packs.ts';
import { caseRoutingWebhooks } from './0011-case-routing-webhooks.ts';
import { incidentCases } from './0012-incident-cases.ts';

/**
 * Every migration, in order. One set serves SQLite and PostgreSQL; dialect differences are confined
 * to `column-types.ts`. Names sort in application order; never rename or edit an applied one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-organisation-keys': organisationKeys,
  '0003-banks': banks,
  '0004-cases': cases,
  '0005-evidence': evidence,
  '0006-notifications': notifications,
  '0008-notices': notices,
  '0009-language-packs': languagePacks,
  '0011-case-routing-webhooks': caseRoutingWebhooks,
  '0012-incident-cases': incidentCases,
};
