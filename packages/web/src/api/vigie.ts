/** One typed function per API operation the console uses. */
import type { ApiClient } from './client.ts';
import { languagePacksApi } from '../language-packs/api.ts';
import { evidenceApi } from '../evidence/api.ts';
import { incidentsApi } from '../incidents/api.ts';
import { noticesApi } from '../notices/api.ts';
import { platformsApi } from '../platforms/api.ts';
import { scorecardsApi } from '../scorecards/api.ts';
import { webhooksApi } from '../webhooks/api.ts';
import type {
  Action,
  Appeal,
  Bank,
  BankEntry,
  BankImportReport,
  Case,
  CaseDetail,
  CaseStatus,
  Decision,
  EntryStatus,
  EvidenceItem,
  ImportFormat,
  PublicReportInput,
  PublicReportStatus,
  Queue,
  SignalType,
  ApiKey,
  AuditPage,
  AuditVerification,
  Job,
  JobStatus,
  Organisation,
  Permission,
  Role,
  Session,
  User,
} from './types.ts';

const segment = encodeURIComponent;

export function vigieApi(client: ApiClient) {
  return {
    login: (body: { email: string; password: string }) => client.post<Session>('/api/v1/auth/login', body),
    logout: () => client.post<{ ok: true }>('/api/v1/auth/logout'),
    session: () => client.get<Session>('/api/v1/auth/session'),
    changePassword: (body: { currentPassword: string; newPassword: string }) =>
      client.post<{ ok: true }>('/api/v1/auth/password', body),

    organisation: () => client.get<Organisation>('/api/v1/organisation'),
    updateOrganisation: (body: { name?: string; settings?: Record<string, unknown> }) =>
      client.patch<Organisation>('/api/v1/organisation', body),

    users: () => client.get<{ users: User[] }>('/api/v1/users'),
    createUser: (body: { email: string; displayName?: string; role: Role }) =>
      client.post<{ user: User; oneTimePassword: string }>('/api/v1/users', body),
    updateUser: (userId: string, body: { displayName?: string; role?: Role; disabled?: boolean }) =>
      client.patch<User>(`/api/v1/users/${segment(userId)}`, body),

    apiKeys: () => client.get<{ apiKeys: ApiKey[] }>('/api/v1/api-keys'),
    createApiKey: (body: { name: string; permissions: Permission[] }) =>
      client.post<{ apiKey: ApiKey; secret: string }>('/api/v1/api-keys', body),
    revokeApiKey: (keyId: string) => client.post<ApiKey>(`/api/v1/api-keys/${segment(keyId)}/revoke`),

    audit: (query: { limit?: number; before?: number; action?: string }) =>
      client.get<AuditPage>('/api/v1/audit', query),
    verifyAudit: () => client.get<AuditVerification>('/api/v1/audit/verify'),

    jobs: (query: { status?: JobStatus; limit?: number }) =>
      client.get<{ jobs: Job[] }>('/api/v1/jobs', query),
    retryJob: (jobId: string) => client.post<Job>(`/api/v1/jobs/${segment(jobId)}/retry`),
    seedDemo: (body: { cases: number }) => client.post<{ cases: number }>('/api/v1/demo/seed', body),

    cases: (query: {
      status?: CaseStatus;
      queueId?: string;
      incidentId?: string;
      overdue?: 'true';
      limit?: number;
    }) => client.get<{ cases: Case[] }>('/api/v1/cases', query),
    caseDetail: (caseId: string) => client.get<CaseDetail>(`/api/v1/cases/${segment(caseId)}`),
    claimCase: (caseId: string) => client.post<{ case: Case }>(`/api/v1/cases/${segment(caseId)}/claim`),
    releaseCase: (caseId: string) => client.post<{ case: Case }>(`/api/v1/cases/${segment(caseId)}/release`),
    escalateCase: (caseId: string, reason: string) =>
      client.post<{ case: Case }>(`/api/v1/cases/${segment(caseId)}/escalate`, { reason }),
    addCaseNote: (caseId: string, body: { text: string; visibility: 'internal' | 'public' }) =>
      client.post<{ seq: number }>(`/api/v1/cases/${segment(caseId)}/notes`, body),
    decideCase: (
      caseId: string,
      body: {
        action: Action;
        fields?: Record<string, unknown>;
        statement?: string;
        manifestlyUnfounded?: boolean;
      },
    ) => client.post<{ decision: Decision; case: Case }>(`/api/v1/cases/${segment(caseId)}/decisions`, body),

    queues: () => client.get<{ queues: Queue[] }>('/api/v1/queues'),
    claimNext: (queueId: string) =>
      client.post<{ case: Case | null }>(`/api/v1/queues/${segment(queueId)}/next`),

    appeals: (query: { status?: 'open' | 'decided' }) =>
      client.get<{ appeals: Appeal[] }>('/api/v1/appeals', query),
    decideAppeal: (appealId: string, body: { outcome: 'upheld' | 'reversed'; statement: string }) =>
      client.post<{ appeal: Appeal }>(`/api/v1/appeals/${segment(appealId)}/decision`, body),

    evidence: (query: { caseId: string }) => client.get<{ items: EvidenceItem[] }>('/api/v1/evidence', query),

    banks: () => client.get<{ banks: Bank[] }>('/api/v1/banks'),
    bank: (bankId: string) => client.get<{ bank: Bank }>(`/api/v1/banks/${segment(bankId)}`),
    createBank: (body: { name: string; description?: string; action?: Bank['action'] }) =>
      client.post<{ bank: Bank }>('/api/v1/banks', body),
    bankEntries: (bankId: string, query: { status?: EntryStatus; limit?: number }) =>
      client.get<{ entries: BankEntry[]; next: string | null }>(
        `/api/v1/banks/${segment(bankId)}/entries`,
        query,
      ),
    searchEntries: (query: { signalType: SignalType; value: string; distance?: number }) =>
      client.get<{ results: { entry: BankEntry; distance: number }[] }>('/api/v1/bank-entries', query),
    retractEntry: (entryId: string, reason: string) =>
      client.post<{ entry: BankEntry }>(`/api/v1/bank-entries/${segment(entryId)}/retract`, { reason }),
    markFalsePositive: (entryId: string, reason: string) =>
      client.post<{ entry: BankEntry }>(`/api/v1/bank-entries/${segment(entryId)}/false-positive`, {
        reason,
      }),
    importEntries: (
      bankId: string,
      body: { format: ImportFormat; content: string; skipInvalid: boolean; dryRun: boolean },
    ) =>
      client.post<{ report: BankImportReport }>(
        `/api/v1/banks/${segment(bankId)}/import${body.dryRun ? '/preview' : ''}`,
        { format: body.format, content: body.content, skipInvalid: body.skipInvalid },
      ),

    submitPublicReport: (body: PublicReportInput) =>
      client.post<{ reference: string; statusPath: string; receivedAt: number }>(
        '/api/v1/public/reports',
        body,
      ),
    publicReportStatus: (reference: string) =>
      client.get<PublicReportStatus>(`/api/v1/public/reports/${segment(reference)}`),
    submitAppeal: (body: { token: string; grounds: string }) =>
      client.post<{ appealId: string; submittedAt: number }>('/api/v1/public/appeals', body),

    ...platformsApi(client),
    ...noticesApi(client),
    ...evidenceApi(client),
    ...languagePacksApi(client),
    ...scorecardsApi(client),
    ...incidentsApi(client),
    ...webhooksApi(client),
  };
}

export type VigieApi = ReturnType<typeof vigieApi>;
