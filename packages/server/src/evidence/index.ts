// The evidence vault: capture and upload, content-addressed encrypted storage, chain of custody,
// legal hold and retention, liveness re-checks, BagIt evidence packs.
export type { Vault } from './blob-store.ts';
export { captureUrl, captureSettings, type CaptureSettings } from './capture.ts';
export {
  recordEvidence,
  getEvidence,
  listEvidence,
  openEvidenceContent,
  setHold,
  purgeEvidence,
  purgeExpiredEvidence,
  type EvidenceItem,
  type NewArtefact,
  type NewEvidence,
} from './items.ts';
export { appendCustody, custodyLog, verifyCustody, type CustodyEntry } from './custody.ts';
export {
  LIVENESS_CHECK_JOB,
  livenessCheckHandler,
  listLivenessChecks,
  type LivenessCheck,
} from './liveness-job.ts';
export { writeBag, verifyBag, type BagVerification } from './bagit.ts';
export { exportEvidencePack, caseIdByReference, type PackScope, type PackResult } from './evidence-pack.ts';
export { recordSyntheticCapture, type SyntheticCapture } from './synthetic-capture.ts';
export { EVIDENCE_RETENTION_JOB, enqueueRetentionPurges, retentionPurgeHandler } from './retention-job.ts';
