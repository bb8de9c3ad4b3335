import type { Command } from '../command.ts';
import { apikeyCreate } from './apikey-create.ts';
import { auditVerify } from './audit-verify.ts';
import { bankExport } from './bank-export.ts';
import { bankImport } from './bank-import.ts';
import { classifyCommand, classifyRetrainCommand } from './classify.ts';
import { hashCommand } from './hash.ts';
import { matchCommand } from './match.ts';
import { migrate } from './migrate.ts';
import { exportSor } from './export-sor.ts';
import { serve } from './serve.ts';
import { userCreate } from './user-create.ts';
import { scorecardCommand } from './scorecard.ts';
import { evidenceExport } from './evidence-export.ts';
import { evidenceVerify } from './evidence-verify.ts';
import { demoSeed } from './demo-seed.ts';
import { caseList } from './case-list.ts';

/** Every `vigie` command, in the order `vigie --help` lists them. */
export const commands: readonly Command[] = [
  serve,
  migrate,
  userCreate,
  apikeyCreate,
  auditVerify,
  matchCommand,
  hashCommand,
  classifyCommand,
  classifyRetrainCommand,
  exportSor,
  scorecardCommand,
  evidenceExport,
  evidenceVerify,
  bankImport,
  bankExport,
  demoSeed,
  caseList,
];
