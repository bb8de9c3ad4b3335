import { parseVpdq } from '@vigie/hashing';
import { bankIndexes } from '../../banks/bank-indexes.ts';
import { emptySignals, runCheck, type CheckSignals } from '../../banks/check.ts';
import { applyMatchEffects } from '../../banks/match-effects.ts';
import { readCheckUpload, type UploadedMedia } from '../../banks/upload.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../../http/operation.ts';
import { checkBody, checkResponse, type CheckBody } from './schemas.ts';

/** The `request` part of a multipart check, validated like a JSON body (same fields in errors). */
function parseRequestField(raw: string | undefined): CheckBody {
  if (raw === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('malformed_json', { field: 'body.request' });
  }
  const parsed = checkBody.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    field: ['body', ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new AppError('validation_failed', {
    message: `Invalid ${issues[0]?.field}: ${issues[0]?.message}`,
    field: issues[0]?.field ?? 'body',
    issues,
  });
}

function toSignals(body: CheckBody, media: UploadedMedia | undefined): CheckSignals {
  const signals = emptySignals();
  const h = body.hashes ?? {};
  signals.pdq = (h.pdq ?? []).map((p) => (typeof p === 'string' ? { hash: p } : p));
  signals.md5 = [...(h.md5 ?? [])];
  signals.sha256 = [...(h.sha256 ?? [])];
  signals.simhash = [...(h.simhash ?? [])];
  signals.vpdq = (h.vpdq ?? []).map((text, i) => {
    try {
      return parseVpdq(text);
    } catch (error) {
      throw new AppError('validation_failed', {
        message: (error as Error).message,
        field: `body.hashes.vpdq.${i}`,
      });
    }
  });
  signals.urls = [...(body.urls ?? [])];
  signals.texts = [...(body.texts ?? [])];
  if (media) {
    signals.md5.push(media.md5);
    signals.sha256.push(media.sha256);
    if (media.pdq) signals.pdq.push(media.pdq);
    if (media.vpdq) signals.vpdq.push(media.vpdq);
  }
  if (Object.values(signals).every((list) => list.length === 0)) {
    throw new AppError('validation_failed', {
      message: 'Nothing to check: send hashes, urls, texts, or an image or video upload.',
      field: 'body',
    });
  }
  return signals;
}

export const submitCheck = defineOperation({
  id: 'check.submit',
  method: 'POST',
  path: '/api/v1/check',
  summary:
    'Check content against every bank of the organisation. JSON: precomputed hashes, URLs and texts. ' +
    'multipart/form-data: one file part `image` or `video` (streamed; hashed by the server) and an optional ' +
    '`request` part with the same JSON. Answers the computed hashes and every match with bank, entry, ' +
    'distance, labels, provenance and the recommended action. `record: true` opens a case on a match.',
  tags: ['check'],
  access: { permission: 'check:submit' },
  mutates: false,
  // Nullish: a multipart request reaches the handler with no parsed body; its parts are read there.
  body: checkBody.nullish(),
  response: checkResponse,
  handle: async ({ actor, body, deps, request, reply, requestId }) => {
    let input = body;
    let media: UploadedMedia | undefined;
    if (request.isMultipart()) {
      try {
        const upload = await readCheckUpload(request, deps.config.checkUploadLimits);
        input = parseRequestField(upload.request);
        media = upload.media;
      } catch (error) {
        // The rest of a refused upload is not read: close the connection instead of draining it.
        if (error instanceof AppError && error.code === 'body_too_large') reply.header('connection', 'close');
        throw error;
      }
    }
    const signals = toSignals(input ?? {}, media);
    const matcher = await bankIndexes(deps.db, deps.log).forOrg(actor.orgId);
    const result = runCheck(matcher, signals);
    const { caseJobId } = await applyMatchEffects(deps.db, actor, matcher, result, {
      record: input?.record ?? false,
      content: { url: input?.content?.url, mediaType: input?.content?.mediaType ?? media?.mediaType },
      requestId,
    });
    return { ...result, recorded: caseJobId ? { jobId: caseJobId } : null };
  },
});
