/**
 * Capturing a URL as evidence: the response body exactly as served, the response headers and
 * redirect chain, the page's sub-resources and — when Chromium is installed — a screenshot. Every
 * request, the browser's included, goes through the SSRF-safe outbound path.
 */
import { readFileSync } from 'node:fs';
import type { ServerConfig } from '../config.ts';
import type { Actor } from '../identity/actor.ts';
import { safeFetch, type FetchedResponse, type SafeFetchOptions } from '../outbound/index.ts';
import { outboundOptions } from '../outbound/settings.ts';
import type { Db } from '../storage/transaction.ts';
import type { Vault } from './blob-store.ts';
import { assertCase, recordEvidence, safeFileName, type EvidenceItem, type NewArtefact } from './items.ts';
import { pageResourceUrls } from './page-resources.ts';
import { findChromium, SCREENSHOT_VIEWPORT, takeScreenshot, type Chromium } from './screenshot.ts';

export const VIGIE_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface CaptureSettings {
  fetch: SafeFetchOptions;
  livenessDelaysMs: readonly number[];
  /** Sub-resources fetched per page at most. */
  maxResources: number;
  /** null: no screenshot (no Chromium, or disabled). */
  chromium: Chromium | null;
}

export async function captureSettings(config: ServerConfig): Promise<CaptureSettings> {
  return {
    fetch: outboundOptions(config),
    livenessDelaysMs: config.livenessDelaysMs,
    maxResources: config.evidence.maxResources,
    chromium: config.evidence.screenshots ? await findChromium() : null,
  };
}

function mediaTypeOf(response: FetchedResponse): string {
  const declared = response.headers['content-type'];
  return (
    (typeof declared === 'string' ? declared.split(';')[0]?.trim().toLowerCase() : '') ||
    'application/octet-stream'
  );
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function fileNameFor(url: string, mediaType: string, fallback: string): string {
  if (mediaType === 'text/html') return `${fallback}.html`;
  return safeFileName(decodeURIComponentSafe(new URL(url).pathname.split('/').pop() ?? ''), fallback);
}

const environment = (settings: CaptureSettings, response: FetchedResponse) => ({
  userAgent: settings.fetch.userAgent,
  loggedIn: false,
  requestedUrl: response.redirects[0] ?? response.url,
  finalUrl: response.url,
  status: response.status,
  redirects: response.redirects,
  remoteAddress: response.remoteAddress,
});

const TOOL = 'vigie-capture';

/** Fetches `url` and its resources, takes a screenshot if possible, and records it all as one capture. */
export async function captureUrl(
  db: Db,
  vault: Vault,
  actor: Actor,
  input: { url: string; caseId?: string | null | undefined },
  settings: CaptureSettings,
  requestId: string | null,
): Promise<EvidenceItem[]> {
  // A wrong case is refused before anything is fetched.
  if (input.caseId) await assertCase(db, actor.orgId, input.caseId);
  const page = await safeFetch(input.url, settings.fetch);
  const mediaType = mediaTypeOf(page);
  const env = environment(settings, page);
  const artefacts: NewArtefact[] = [
    {
      role: 'page',
      fileName: fileNameFor(page.url, mediaType, 'page'),
      bytes: page.body,
      mediaType,
      sourceUrl: input.url,
      tool: TOOL,
      toolVersion: VIGIE_VERSION,
      captureEnv: env,
    },
    {
      role: 'headers',
      fileName: 'response-headers.json',
      bytes: Buffer.from(JSON.stringify({ ...env, headers: page.headers }, null, 2)),
      mediaType: 'application/json',
      sourceUrl: input.url,
      tool: TOOL,
      toolVersion: VIGIE_VERSION,
      captureEnv: env,
    },
  ];
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') {
    const resourceUrls = pageResourceUrls(page.body.toString('utf8'), page.url, settings.maxResources);
    // All resources together get one more fetch's worth of bytes, so a capture holds at most 2 × maxBytes.
    let budget = settings.fetch.maxBytes;
    for (const [index, resourceUrl] of resourceUrls.entries()) {
      if (budget <= 0) break;
      // A missing or refused resource is not a failed capture: the page itself is the evidence.
      const resource = await safeFetch(resourceUrl, { ...settings.fetch, maxBytes: budget }).catch(
        () => undefined,
      );
      if (!resource || resource.status < 200 || resource.status > 299) continue;
      budget -= resource.body.length;
      const type = mediaTypeOf(resource);
      artefacts.push({
        role: 'resource',
        fileName: `resource-${index + 1}-${fileNameFor(resource.url, type, 'resource')}`,
        bytes: resource.body,
        mediaType: type,
        sourceUrl: resourceUrl,
        tool: TOOL,
        toolVersion: VIGIE_VERSION,
        captureEnv: environment(settings, resource),
      });
    }
  }
  if (settings.chromium) {
    try {
      const shot = await takeScreenshot(settings.chromium, page.url, settings.fetch);
      artefacts.push({
        role: 'screenshot',
        fileName: 'screenshot.png',
        bytes: shot,
        mediaType: 'image/png',
        sourceUrl: input.url,
        tool: 'chromium-headless',
        toolVersion: settings.chromium.version,
        captureEnv: { ...env, viewport: `${SCREENSHOT_VIEWPORT.width}x${SCREENSHOT_VIEWPORT.height}` },
      });
    } catch (error) {
      // The capture stands without a screenshot; the page's record says why there is none.
      artefacts[0]!.captureEnv = { ...env, screenshotError: (error as Error).message.slice(0, 500) };
    }
  }
  return recordEvidence(
    db,
    vault,
    actor,
    { kind: 'url-capture', caseId: input.caseId, artefacts, livenessDelaysMs: settings.livenessDelaysMs },
    requestId,
  );
}
