export { loadConfig, type ServerConfig } from './config.ts';
export { startServer, builtinJobHandlers, type RunningServer, type StartOptions } from './server.ts';
export { openStorage, type Storage } from './storage/database.ts';
export { migrateToLatest } from './storage/migrate.ts';
export { inTransaction, type Db } from './storage/transaction.ts';
export { createLogger } from './logger.ts';
export { systemActor, type Actor } from './identity/actor.ts';
export { roles, permissions, isPermission, type Role, type Permission } from './identity/permissions.ts';
export { createUser } from './identity/users.ts';
export { generatePassword } from './identity/passwords.ts';
export { createApiKey } from './identity/api-keys.ts';
export { findOrganisationBySlug, createOrganisation, type Organisation } from './identity/organisations.ts';
export { verifyAudit, auditedOrganisations, type AuditVerification } from './audit/audit-log.ts';
export { enqueueJob, type Job } from './jobs/outbox.ts';
export type { JobHandler } from './jobs/worker.ts';
export { Keyring } from './crypto/keyring.ts';
export { loadMasterKey } from './crypto/master-key.ts';
export {
  captureUrl,
  captureSettings,
  recordEvidence,
  listEvidence,
  exportEvidencePack,
  caseIdByReference,
  recordSyntheticCapture,
  verifyBag,
  type Vault,
  type EvidenceItem,
  type BagVerification,
} from './evidence/index.ts';
export { safeFetch, outboundOptions, OutboundError, type SafeFetchOptions } from './outbound/index.ts';
export {
  collectStatementsOfReasons,
  formatStatements,
  type SorExport,
  type SorFormat,
} from './transparency/sor-export.ts';
export { isIsoDate } from './transparency/dates.ts';
export { organisationScorecard, studyScorecard, type Scorecard } from './scorecards/scorecard.ts';
export { scorecardCsv } from './scorecards/csv.ts';
export { findActiveStudyByName } from './studies/studies.ts';
export {
  BANK_FORMATS,
  importEntries,
  exportEntries,
  type BankFormat,
  type ImportReport,
} from './banks/import-export.ts';
export { createBank, findBankByName, type Bank } from './banks/banks.ts';
export { AppError } from './errors.ts';
export { seedDemo, type DemoSeedResult } from './cases/demo-seed.ts';
export { listCases, type CaseView, type CaseStatus } from './cases/cases.ts';
