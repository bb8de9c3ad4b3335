/**
 * Every API operation the server registers. Adding an operation: write one file under
 * `api/<resource>/<verb><Thing>.ts` with `defineOperation`, then list it here.
 */
import type { AnyOperation } from '../http/operation.ts';
import { createApiKey } from './api-keys/createApiKey.ts';
import { listApiKeys } from './api-keys/listApiKeys.ts';
import { revokeApiKey } from './api-keys/revokeApiKey.ts';
import { listAuditEntries } from './audit/listAuditEntries.ts';
import { verifyAuditLog } from './audit/verifyAuditLog.ts';
import { classifyTexts } from './classify/classifyTexts.ts';
import { changePassword } from './auth/changePassword.ts';
import { getSession } from './auth/getSession.ts';
import { login } from './auth/login.ts';
import { logout } from './auth/logout.ts';
import { getHealth } from './health/getHealth.ts';
import { getReady } from './health/getReady.ts';
import { listJobs } from './jobs/listJobs.ts';
import { retryJob } from './jobs/retryJob.ts';
import { getOrganisation } from './organisation/getOrganisation.ts';
import { updateOrganisation } from './organisation/updateOrganisation.ts';
import { createUser } from './users/createUser.ts';
import { getUser } from './users/getUser.ts';
import { listUsers } from './users/listUsers.ts';
import { updateUser } from './users/updateUser.ts';
import { createBank } from './banks/createBank.ts';
import { listBanks } from './banks/listBanks.ts';
import { getBank } from './banks/getBank.ts';
import { updateBank } from './banks/updateBank.ts';
import { addEntry } from './banks/addEntry.ts';
import { listEntries } from './banks/listEntries.ts';
import { searchEntries } from './banks/searchEntries.ts';
import { getEntry } from './banks/getEntry.ts';
import { retractEntry } from './banks/retractEntry.ts';
import { markFalsePositive } from './banks/markFalsePositive.ts';
import { previewImport } from './banks/previewImport.ts';
import { importEntries } from './banks/importEntries.ts';
import { exportEntries } from './banks/exportEntries.ts';
import { createWebhook } from './banks/createWebhook.ts';
import { listWebhooks } from './banks/listWebhooks.ts';
import { disableWebhook } from './banks/disableWebhook.ts';
import { updateWebhook } from './banks/updateWebhook.ts';
import { listDeliveries } from './banks/listDeliveries.ts';
import { redeliverDelivery } from './banks/redeliverDelivery.ts';
import { submitCheck } from './check/submitCheck.ts';
import { submitBatchCheck } from './check/submitBatchCheck.ts';
import { createPlatform } from './platforms/createPlatform.ts';
import { listPlatforms } from './platforms/listPlatforms.ts';
import { updatePlatform } from './platforms/updatePlatform.ts';
import { receivePlatformCallback } from './platforms/receivePlatformCallback.ts';
import { createNotice } from './notices/createNotice.ts';
import { listNotices } from './notices/listNotices.ts';
import { getNotice } from './notices/getNotice.ts';
import { recordNoticeEvent } from './notices/recordNoticeEvent.ts';
import { setNoticeStudy } from './notices/setNoticeStudy.ts';
import { getScorecard } from './scorecards/getScorecard.ts';
import { getPublicScorecard } from './scorecards/getPublicScorecard.ts';
import { createStudy } from './studies/createStudy.ts';
import { listStudies } from './studies/listStudies.ts';
import { inviteStudyMember } from './studies/inviteStudyMember.ts';
import { acceptStudyInvitation } from './studies/acceptStudyInvitation.ts';
import { getStudyScorecard } from './studies/getStudyScorecard.ts';

import { submitPublicReport } from './public/submitPublicReport.ts';
import { getReportStatus } from './public/getReportStatus.ts';
import { submitPublicAppeal } from './public/submitPublicAppeal.ts';
import { submitReport } from './reports/submitReport.ts';
import { listNotifiers } from './reports/listNotifiers.ts';
import { warnNotifier } from './reports/warnNotifier.ts';
import { suspendNotifier } from './reports/suspendNotifier.ts';
import { listCases } from './cases/listCases.ts';
import { getCase } from './cases/getCase.ts';
import { claimCase } from './cases/claimCase.ts';
import { releaseCase } from './cases/releaseCase.ts';
import { escalateCase } from './cases/escalateCase.ts';
import { addCaseNote } from './cases/addCaseNote.ts';
import { decideCase } from './cases/decideCase.ts';
import { createEventWebhook } from './cases/createEventWebhook.ts';
import { listEventWebhooks } from './cases/listEventWebhooks.ts';
import { updateEventWebhook } from './cases/updateEventWebhook.ts';
import { listEventWebhookDeliveries } from './cases/listEventWebhookDeliveries.ts';
import { redeliverEventWebhookDelivery } from './cases/redeliverEventWebhookDelivery.ts';
import { classifyCase } from './cases/classifyCase.ts';
import { declareIncident } from './queues/declareIncident.ts';
import { listIncidents } from './queues/listIncidents.ts';
import { endIncident } from './queues/endIncident.ts';
import { getAttachmentContent } from './cases/getAttachmentContent.ts';
import { listQueues } from './queues/listQueues.ts';
import { createQueue } from './queues/createQueue.ts';
import { updateQueue } from './queues/updateQueue.ts';
import { claimNextCase } from './queues/claimNextCase.ts';
import { listAppeals } from './appeals/listAppeals.ts';
import { decideAppeal } from './appeals/decideAppeal.ts';
import { captureEvidence } from './evidence/captureEvidence.ts';
import { uploadEvidence } from './evidence/uploadEvidence.ts';
import { listEvidence } from './evidence/listEvidence.ts';
import { getEvidence } from './evidence/getEvidence.ts';
import { downloadEvidence } from './evidence/downloadEvidence.ts';
import { getEvidenceMedia } from './evidence/getEvidenceMedia.ts';
import { listCustody } from './evidence/listCustody.ts';
import { setEvidenceHold } from './evidence/setEvidenceHold.ts';
import { purgeEvidence } from './evidence/purgeEvidence.ts';
import { listLivenessChecks } from './evidence/listLivenessChecks.ts';
import { exportStatementsOfReasons } from './exports/exportStatementsOfReasons.ts';
import { listSorExportProblems } from './exports/listSorExportProblems.ts';
import { listNotifications } from './notifications/listNotifications.ts';
import { scheduleTdbSubmissions } from './transparency/scheduleTdbSubmissions.ts';
import { listTdbSubmissions } from './transparency/listTdbSubmissions.ts';
import { getDsaTaxonomy } from './taxonomy/getDsaTaxonomy.ts';
import { seedDemoData } from './demo/seedDemoData.ts';
import { listLanguagePacks } from './language-packs/listLanguagePacks.ts';
import { getLanguagePack } from './language-packs/getLanguagePack.ts';
import { listLanguagePackVersions } from './language-packs/listLanguagePackVersions.ts';
import { saveLanguagePackVersion } from './language-packs/saveLanguagePackVersion.ts';
import { revertLanguagePack } from './language-packs/revertLanguagePack.ts';
export const operations: readonly AnyOperation[] = [
  getHealth,
  getReady,
  login,
  logout,
  getSession,
  changePassword,
  getOrganisation,
  updateOrganisation,
  listUsers,
  createUser,
  getUser,
  updateUser,
  listApiKeys,
  createApiKey,
  revokeApiKey,
  listAuditEntries,
  verifyAuditLog,
  listJobs,
  retryJob,
  classifyTexts,
  listLanguagePacks,
  getLanguagePack,
  listLanguagePackVersions,
  saveLanguagePackVersion,
  revertLanguagePack,
  createBank,
  listBanks,
  getBank,
  updateBank,
  addEntry,
  listEntries,
  searchEntries,
  getEntry,
  retractEntry,
  markFalsePositive,
  previewImport,
  importEntries,
  exportEntries,
  createWebhook,
  listWebhooks,
  updateWebhook,
  disableWebhook,
  listDeliveries,
  redeliverDelivery,
  submitCheck,
  submitBatchCheck,
  createPlatform,
  listPlatforms,
  updatePlatform,
  receivePlatformCallback,
  createNotice,
  listNotices,
  getNotice,
  recordNoticeEvent,
  setNoticeStudy,
  getScorecard,
  getPublicScorecard,
  createStudy,
  listStudies,
  inviteStudyMember,
  acceptStudyInvitation,
  getStudyScorecard,
  submitPublicReport,
  getReportStatus,
  submitPublicAppeal,
  submitReport,
  listNotifiers,
  warnNotifier,
  suspendNotifier,
  listCases,
  getCase,
  claimCase,
  releaseCase,
  escalateCase,
  addCaseNote,
  decideCase,
  createEventWebhook,
  listEventWebhooks,
  updateEventWebhook,
  listEventWebhookDeliveries,
  redeliverEventWebhookDelivery,
  classifyCase,
  declareIncident,
  listIncidents,
  endIncident,
  getAttachmentContent,
  listQueues,
  createQueue,
  updateQueue,
  claimNextCase,
  listAppeals,
  decideAppeal,
  captureEvidence,
  uploadEvidence,
  listEvidence,
  getEvidence,
  downloadEvidence,
  getEvidenceMedia,
  listCustody,
  setEvidenceHold,
  purgeEvidence,
  listLivenessChecks,
  exportStatementsOfReasons,
  listSorExportProblems,
  listNotifications,
  scheduleTdbSubmissions,
  listTdbSubmissions,
  getDsaTaxonomy,
  seedDemoData,
];
