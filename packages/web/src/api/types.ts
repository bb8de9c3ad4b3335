/** The API's public objects, as `/api/openapi.json` describes them. Times are epoch milliseconds. */

export const roles = ['admin', 'moderator', 'analyst', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'organisation:read',
  'organisation:manage',
  'users:read',
  'users:manage',
  'apikeys:manage',
  'audit:read',
  'jobs:read',
  'jobs:manage',
] as const;
export type Permission = (typeof permissions)[number];

/** Permissions the review and bank screens need; API keys cannot be given them from this console yet. */
export type ConsolePermission =
  | Permission
  | 'cases:read'
  | 'cases:review'
  | 'appeals:decide'
  | 'banks:read'
  | 'banks:manage'
  | 'evidence:read'
  | 'classify:use'
  | 'langpacks:read'
  | 'langpacks:manage'
  | 'scorecards:read'
  | 'evidence:manage'
  | 'notices:read'
  | 'notices:manage'
  | 'platforms:manage';

export const jobStatuses = ['pending', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  languages: string[];
  mustChangePassword: boolean;
  createdAt: number;
  disabledAt: number | null;
}

export interface Session {
  user: User;
  permissions: string[];
  csrfToken: string;
  passwordChangeRequired: boolean;
}

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  settings: Record<string, unknown>;
  createdAt: number;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  permissions: Permission[];
  createdBy: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface AuditEntry {
  seq: number;
  at: number;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: number | null;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  headHash?: string;
  firstBad?: { seq: number; reason: string };
}

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
}

// ——— Notice and action (cases, queues, appeals) ———

export const caseStatuses = ['open', 'decided', 'appealed', 'closed'] as const;
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
] as const;
export type Action = (typeof actions)[number];

export interface Case {
  id: string;
  reference: string;
  status: CaseStatus;
  category: string;
  language: string | null;
  country: string | null;
  url: string | null;
  sourceType: string;
  trustedFlagger: boolean;
  reportCount: number;
  matchCount: number;
  priority: number;
  priorityReasons: { reason: string; weight: number }[];
  queueId: string | null;
  assignedTo: string | null;
  claimExpiresAt: number | null;
  escalatedAt: number | null;
  dueAt: number | null;
  decisionId: string | null;
  openedAt: number;
  updatedAt: number;
  closedAt: number | null;
}

export interface CaseEvent {
  seq: number;
  type: string;
  actorType: string;
  actorId: string;
  visibility: 'internal' | 'public';
  data: Record<string, unknown>;
  at: number;
}

export interface ReportAttachment {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  pdq: string | null;
}

export interface CaseReport {
  id: string;
  channel: string;
  notifierType: string;
  url: string;
  explanation: string;
  category: string;
  keywords: string[];
  language: string | null;
  country: string | null;
  anonymous: boolean;
  receivedAt: number;
  attachments: ReportAttachment[];
}

export interface Decision {
  id: string;
  caseId: string;
  decidedBy: string;
  decidedAt: number;
  action: Action;
  fields: Record<string, unknown> | null;
  supersededBy: string | null;
}

export interface CaseDetail {
  case: Case;
  events: CaseEvent[];
  reports: CaseReport[];
  decisions: Decision[];
}

export interface Queue {
  id: string;
  name: string;
  position: number;
  rule: Record<string, unknown>;
  slaMs: number;
  createdAt: number;
  open: number;
  overdue: number;
}

export interface Appeal {
  id: string;
  caseId: string;
  decisionId: string;
  role: 'affected_recipient' | 'notifier';
  grounds: string;
  status: 'open' | 'decided';
  outcome: 'upheld' | 'reversed' | null;
  statement: string | null;
  decidedBy: string | null;
  submittedAt: number;
  decidedAt: number | null;
}

/** A bank match as recorded in a case's `matched` event (BankMatch in the API). */
export interface BankMatch {
  signalType: string;
  bankId: string;
  bankName: string;
  entryId: string;
  value: string;
  distance: number | null;
  labels: string[];
  provenance: BankProvenance;
  confidence: number | null;
  action: string;
}

export interface EvidenceItem {
  id: string;
  mediaType?: string;
  [field: string]: unknown;
}

// ——— Public pages ———

export const publicStatuses = ['received', 'in_review', 'decided', 'under_appeal', 'appeal_decided'] as const;
export type PublicStatus = (typeof publicStatuses)[number];

export interface PublicReportStatus {
  reference: string;
  receivedAt: number;
  status: PublicStatus;
  outcome: { action: string; decidedAt: number; reversed: boolean } | null;
  notes: { at: number; text: string }[];
  appeal: { deadline: number; open: boolean } | null;
}

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

export const signalTypes = ['pdq', 'vpdq', 'md5', 'sha256', 'text', 'simhash', 'url'] as const;
export type SignalType = (typeof signalTypes)[number];
export const entryStatuses = ['active', 'retracted', 'false_positive'] as const;
export type EntryStatus = (typeof entryStatuses)[number];
export const importFormats = ['csv', 'json', 'hma', 'tat'] as const;
export type ImportFormat = (typeof importFormats)[number];

export interface Bank {
  id: string;
  name: string;
  description: string;
  action: 'block' | 'review' | 'log';
  thresholds: {
    pdq: number;
    simhash: number;
    vpdq: { distance: number; queryMatchPercent: number; targetMatchPercent: number };
  };
  createdAt: number;
  updatedAt: number;
  disabledAt: number | null;
}

export interface BankProvenance {
  source: string;
  sourceId: string | null;
  addedBy: string;
  addedAt: number;
  evidenceRef: string | null;
}

export interface BankEntry {
  id: string;
  bankId: string;
  signalType: SignalType;
  value: string;
  labels: string[];
  provenance: BankProvenance;
  confidence: number | null;
  jurisdictions: string[];
  status: EntryStatus;
  statusReason: string | null;
  statusChangedAt: number | null;
  statusChangedBy: string | null;
}

export interface BankImportReport {
  dryRun: boolean;
  accepted: number;
  rejected: { line: number; field: string; code: string; reason: string }[];
  duplicates: { line: number; firstLine: number; signalType: string; value: string }[];
  alreadyInBank: { line: number; entryId: string }[];
  inserted: number;
  statusChanged: { line: number; entryId: string; status: EntryStatus }[];
}
