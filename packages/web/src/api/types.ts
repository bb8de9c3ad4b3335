/**
 * The API's public objects. Their shapes are the server's response schemas (the same zod schemas that
 * generate `/api/openapi.json`), imported as types only, so the console cannot drift from the API.
 * Times are epoch milliseconds. The option lists below are what the console offers in its forms.
 */
import type { z } from 'zod';
import type { sessionResponse } from '../../../server/src/api/auth/schemas.ts';
import type { listAuditEntries } from '../../../server/src/api/audit/listAuditEntries.ts';
import type { verifyAuditLog } from '../../../server/src/api/audit/verifyAuditLog.ts';
import type {
  bankSchema,
  entrySchema,
  importReportSchema,
  matchSchema,
  provenanceSchema,
} from '../../../server/src/api/banks/schemas.ts';
import type {
  appealSchema,
  caseEventSchema,
  caseSchema,
  decisionSchema,
  reportSchema,
} from '../../../server/src/api/cases/schemas.ts';
import type { getReportStatus } from '../../../server/src/api/public/getReportStatus.ts';
import type { listQueues } from '../../../server/src/api/queues/listQueues.ts';
import type {
  apiKeySchema,
  auditEntrySchema,
  jobSchema,
  organisationSchema,
  userSchema,
} from '../../../server/src/api/schemas.ts';
import type { evidenceItemSchema } from '../../../server/src/api/evidence/schemas.ts';
import type { BANK_FORMATS } from '../../../server/src/banks/import-export.ts';
import type { ENTRY_STATUSES } from '../../../server/src/banks/entries.ts';
import type { SIGNAL_TYPES } from '../../../server/src/banks/signals.ts';
import type { actions as serverActions } from '../../../server/src/cases/actions.ts';
import type { JobStatus as ServerJobStatus } from '../../../server/src/jobs/outbox.ts';
import type {
  Permission as ServerPermission,
  roles as serverRoles,
} from '../../../server/src/identity/permissions.ts';

/** The response body an operation declares. */
type ResponseOf<O extends { response: z.ZodType }> = z.output<O['response']>;

export const roles = ['admin', 'moderator', 'analyst', 'auditor'] as const satisfies typeof serverRoles;
export type Role = (typeof roles)[number];

/** Permissions the console's API-key form offers. */
export const permissions = [
  'organisation:read',
  'organisation:manage',
  'users:read',
  'users:manage',
  'apikeys:manage',
  'audit:read',
  'jobs:read',
  'jobs:manage',
] as const satisfies readonly ServerPermission[];
export type Permission = (typeof permissions)[number];

/** Permissions the console's screens check before showing what needs them. */
export type ConsolePermission = ServerPermission;

export const jobStatuses = [
  'pending',
  'running',
  'done',
  'dead',
] as const satisfies readonly ServerJobStatus[];
export type JobStatus = (typeof jobStatuses)[number];

export type User = z.output<typeof userSchema>;
export type Session = z.output<typeof sessionResponse>;
export type Organisation = z.output<typeof organisationSchema>;
export type ApiKey = z.output<typeof apiKeySchema>;
export type AuditEntry = z.output<typeof auditEntrySchema>;
export type AuditPage = ResponseOf<typeof listAuditEntries>;
export type AuditVerification = ResponseOf<typeof verifyAuditLog>;
export type Job = z.output<typeof jobSchema>;

// ——— Notice and action (cases, queues, appeals) ———

export const caseStatuses = [
  'open',
  'decided',
  'appealed',
  'closed',
] as const satisfies readonly Case['status'][];
export type CaseStatus = (typeof caseStatuses)[number];

export const actions = [
  'remove',
  'disable_in_territories',
  'demote',
  'label',
  'age_restrict',
  'suspend_account',
  'terminate_account',
  'no_action',
] as const satisfies typeof serverActions;
export type Action = (typeof actions)[number];

export type Case = z.output<typeof caseSchema>;
export type CaseEvent = z.output<typeof caseEventSchema>;
export type CaseReport = z.output<typeof reportSchema>;
export type Decision = z.output<typeof decisionSchema>;
export type Appeal = z.output<typeof appealSchema>;
export type Queue = ResponseOf<typeof listQueues>['queues'][number];

export interface CaseDetail {
  case: Case;
  events: CaseEvent[];
  reports: CaseReport[];
  decisions: Decision[];
}

/** A bank match, as the check API answers it and a case's `matched` event records it. */
export type BankMatch = z.output<typeof matchSchema>;

export type EvidenceItem = z.output<typeof evidenceItemSchema>;

// ——— Public pages ———

export type PublicReportStatus = ResponseOf<typeof getReportStatus>;
export const publicStatuses = [
  'received',
  'in_review',
  'decided',
  'under_appeal',
  'appeal_decided',
] as const satisfies readonly PublicReportStatus['status'][];
export type PublicStatus = (typeof publicStatuses)[number];

export interface PublicReportInput {
  organisation: string;
  url: string;
  explanation: string;
  category: string;
  language?: string;
  country?: string;
  reporter?: { name: string; email: string };
  goodFaith: true;
  attachments?: { filename: string; mediaType: string; data: string }[];
}

// ——— Hash banks ———

export const signalTypes = [
  'pdq',
  'vpdq',
  'md5',
  'sha256',
  'text',
  'simhash',
  'url',
] as const satisfies typeof SIGNAL_TYPES;
export type SignalType = (typeof signalTypes)[number];
export const entryStatuses = [
  'active',
  'retracted',
  'false_positive',
] as const satisfies typeof ENTRY_STATUSES;
export type EntryStatus = (typeof entryStatuses)[number];
export const importFormats = ['csv', 'json', 'hma', 'tat'] as const satisfies typeof BANK_FORMATS;
export type ImportFormat = (typeof importFormats)[number];

export type Bank = z.output<typeof bankSchema>;
export type BankProvenance = z.output<typeof provenanceSchema>;
export type BankEntry = z.output<typeof entrySchema>;
export type BankImportReport = z.output<typeof importReportSchema>;
