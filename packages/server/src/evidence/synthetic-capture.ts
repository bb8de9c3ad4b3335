/**
 * Evidence for demonstration data (`vigie demo seed`): a page snapshot and its headers recorded as a
 * URL capture without fetching anything — demo URLs point at made-up hosts. Every such item says so
 * (`tool: vigie-demo-seed`, `captureEnv.synthetic: true`), and no liveness re-check is scheduled.
 */
import type { Actor } from '../identity/actor.ts';
import type { Db } from '../storage/transaction.ts';
import type { Vault } from './blob-store.ts';
import { VIGIE_VERSION } from './capture.ts';
import { recordEvidence, type EvidenceItem } from './items.ts';

export interface SyntheticCapture {
  caseId: string;
  url: string;
  /** The page as the demo pretends it was served. */
  html: string;
}

export async function recordSyntheticCapture(
  db: Db,
  vault: Vault,
  actor: Actor,
  capture: SyntheticCapture,
): Promise<EvidenceItem[]> {
  const env = {
    synthetic: true,
    note: 'demonstration data: not fetched from the URL',
    requestedUrl: capture.url,
  };
  const common = {
    sourceUrl: capture.url,
    tool: 'vigie-demo-seed',
    toolVersion: VIGIE_VERSION,
    captureEnv: env,
  };
  return recordEvidence(
    db,
    vault,
    actor,
    {
      kind: 'url-capture',
      caseId: capture.caseId,
      artefacts: [
        {
          ...common,
          role: 'page',
          fileName: 'page.html',
          bytes: Buffer.from(capture.html),
          mediaType: 'text/html',
        },
        {
          ...common,
          role: 'headers',
          fileName: 'response-headers.json',
          bytes: Buffer.from(
            JSON.stringify({ ...env, status: 200, headers: { 'content-type': 'text/html' } }, null, 2),
          ),
          mediaType: 'application/json',
        },
      ],
    },
    null,
  );
}
