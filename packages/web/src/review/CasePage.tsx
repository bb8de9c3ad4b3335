import { useRef, useState, type FormEvent } from 'react';
import { decisionFieldsSchema } from '../../../server/src/transparency/decision-fields.ts';
import { renderTdbStatement } from '../../../server/src/transparency/tdb-statement.ts';
import type { BankMatch, CaseDetail, CaseEvent, Decision } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { attachmentSource, evidenceSource, hasPreview } from '../protection/media-source.ts';
import { ProtectedMedia } from '../protection/ProtectedMedia.tsx';
import { useProtection } from '../protection/protection.tsx';
import { actionLabel, categoryLabel } from '../public/labels.ts';
import { navigate } from '../router/history.ts';
import { Link, useParams } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading, Notice, TextAreaField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { DecisionForm } from './DecisionForm.tsx';
import { slaTone } from './QueuePage.tsx';
import { useShortcuts } from './shortcuts.ts';
import { slaStateOf } from './sla.ts';
import { StatementView } from './StatementView.tsx';

function matchesOf(events: readonly CaseEvent[]): BankMatch[] {
  return events.flatMap((event) =>
    event.type === 'matched' && Array.isArray(event.data.matches) ? (event.data.matches as BankMatch[]) : [],
  );
}

/**
 * One case: content (reported text as text, media blurred through moderator protection), hash
 * matches with their bank provenance, classifier signals, the reports, the event timeline with
 * notes, and the decision form. Shortcuts: `c` claim, `r` reveal/hide the first media item,
 * `d` go to the decision form, `q` back to the queue.
 */
export function CasePage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const { caseId = '' } = useParams();
  const { resource, reload } = useResource(() => api.caseDetail(caseId), caseId);
  const media = useResource(
    // Only images and videos are shown, through their protected variant (no request for other files).
    () =>
      can('evidence:read')
        ? api.evidence({ caseId }).then(({ items }) => ({
            items: items.filter((item) => hasPreview(String(item.mediaType ?? ''))),
          }))
        : Promise.resolve({ items: [] }),
    caseId,
  );
  const protection = useProtection();
  const decisionStart = useRef<HTMLSelectElement>(null);
  const [problem, setProblem] = useState<unknown>(null);

  const act = async (action: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await action();
      reload();
    } catch (error) {
      setProblem(error);
    }
  };
  const firstMedia = media.resource.status === 'ready' ? media.resource.data.items[0] : undefined;
  useShortcuts({
    c: () => void act(() => api.claimCase(caseId)),
    r: () =>
      firstMedia &&
      (protection.revealedId === firstMedia.id ? protection.hide() : protection.reveal(firstMedia.id)),
    Escape: () => protection.hide(),
    d: () => decisionStart.current?.focus(),
    q: () => navigate('/cases'),
  });

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'failed') return <LoadFailed error={resource.error} onRetry={reload} />;
  const detail = resource.data;
  const kase = detail.case;
  const matches = matchesOf(detail.events);
  const labels = matches.flatMap((match) => match.labels);
  const sla = slaStateOf(kase.dueAt, Date.now());

  return (
    <>
      <PageHeader
        title={t('case.title', { reference: kase.reference })}
        intro={categoryLabel(t, kase.category)}
        actions={
          can('cases:review') &&
          kase.status === 'open' && (
            <>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => void act(() => api.claimCase(caseId))}
              >
                {t('case.claim')}
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void act(() => api.releaseCase(caseId))}
              >
                {t('case.release')}
              </button>
            </>
          )
        }
      />
      <p className="case-badges">
        <Badge tone={kase.status === 'open' ? 'warning' : 'success'}>{t(`case.status.${kase.status}`)}</Badge>{' '}
        <Badge tone={slaTone[sla]}>{t(`sla.${sla}`)}</Badge>{' '}
        {kase.escalatedAt !== null && <Badge tone="danger">{t('case.escalated')}</Badge>}
      </p>
      <p className="field-hint">{t('case.shortcuts')}</p>
      {problem !== null && <Notice tone="error">{errorText(t, problem)}</Notice>}
      {protection.reminder !== 'none' && (
        <Notice tone="info">
          <p>
            {protection.reminder === 'limit'
              ? t('protection.limitReached', { count: protection.exposures })
              : t('protection.breakReminder', { count: protection.exposures })}
          </p>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={protection.dismissReminder}
          >
            {t('common.done')}
          </button>
        </Notice>
      )}
      <div className="case-grid">
        <div className="case-column">
          <ContentSection detail={detail} />
          {media.resource.status === 'ready' && media.resource.data.items.length > 0 && (
            <section className="panel" aria-labelledby="case-media">
              <h2 id="case-media">{t('case.media')}</h2>
              <p className="muted">{t('protection.exposures', { count: protection.exposures })}</p>
              {media.resource.data.items.map((item) => (
                <ProtectedMedia
                  key={item.id}
                  id={item.id}
                  source={evidenceSource(item.id)}
                  label={t('case.mediaItem', { id: item.id })}
                  labels={labels}
                />
              ))}
            </section>
          )}
          <MatchesSection matches={matches} />
          <SignalsSection events={detail.events} />
          <TimelineSection events={detail.events} />
          {can('cases:review') && <NoteForm caseId={caseId} onAdded={reload} />}
        </div>
        <div className="case-column">
          {detail.decisions.length > 0 && <DecisionsSection decisions={detail.decisions} />}
          {can('cases:review') && kase.status === 'open' && (
            <section className="panel">
              <DecisionForm kase={kase} onDecided={reload} firstInput={decisionStart} />
            </section>
          )}
          {can('cases:review') && kase.status === 'open' && kase.escalatedAt === null && (
            <EscalateForm onEscalate={(reason) => act(() => api.escalateCase(caseId, reason))} />
          )}
          <ul className="case-links">
            {can('notices:manage') && (
              <li>
                <Link to={`/notices/new?caseId=${encodeURIComponent(caseId)}`}>{t('case.sendNotice')}</Link>
              </li>
            )}
            {can('evidence:read') && (
              <li>
                <Link to={`/evidence?caseId=${encodeURIComponent(caseId)}`}>{t('case.evidence')}</Link>
              </li>
            )}
            <li>
              <Link to="/cases">{t('case.backToQueue')}</Link>
            </li>
          </ul>
        </div>
      </div>
    </>
  );
}

function ContentSection({ detail }: { detail: CaseDetail }) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSignedIn();
  const labels = matchesOf(detail.events).flatMap((match) => match.labels);
  return (
    <section className="panel" aria-labelledby="case-content">
      <h2 id="case-content">{t('case.content')}</h2>
      <dl className="details">
        <dt>{t('case.url')}</dt>
        {/* Shown, never linked or fetched: opening the reported site is the reviewer's explicit choice. */}
        <dd className="user-text">{detail.case.url ?? '—'}</dd>
        <dt>{t('case.languageCountry')}</dt>
        <dd>{[detail.case.language, detail.case.country].filter(Boolean).join(' · ') || '—'}</dd>
      </dl>
      <h3>{t('case.reports', { count: detail.reports.length })}</h3>
      {detail.reports.length === 0 && <p className="muted">{t('case.noReports')}</p>}
      <ul className="reports">
        {detail.reports.map((report) => (
          <li key={report.id} data-testid="case-report">
            <p className="muted">
              {formatDateTime(report.receivedAt)} ·{' '}
              {t(report.anonymous ? 'case.anonymous' : 'case.identified')} ·{' '}
              {categoryLabel(t, report.category)}
            </p>
            {/* Reported text is a text node: React escapes it, so markup in it never runs. */}
            <p className="user-text" data-testid="report-explanation">
              {report.explanation}
            </p>
            {report.attachments.length > 0 && (
              <ul className="attachments">
                {report.attachments.map((file) => (
                  <li key={file.id}>
                    <span className="user-text">{file.filename}</span> · {file.mediaType} ·{' '}
                    <code>{file.sha256.slice(0, 16)}…</code>
                    {file.pdq && (
                      <>
                        {' '}
                        · PDQ <code>{file.pdq.slice(0, 16)}…</code>
                      </>
                    )}
                    {hasPreview(file.mediaType) && (
                      <ProtectedMedia
                        id={file.id}
                        source={attachmentSource(detail.case.id, file.id)}
                        label={file.filename}
                        labels={labels}
                        mayViewOriginal={can('cases:review')}
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MatchesSection({ matches }: { matches: BankMatch[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section className="panel" aria-labelledby="case-matches">
      <h2 id="case-matches">{t('case.matches')}</h2>
      {matches.length === 0 ? (
        <p className="muted">{t('case.noMatches')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table-compact">
            <thead>
              <tr>
                <th scope="col">{t('banks.bank')}</th>
                <th scope="col">{t('banks.signalType')}</th>
                <th scope="col">{t('case.distance')}</th>
                <th scope="col">{t('banks.labels')}</th>
                <th scope="col">{t('banks.provenance')}</th>
              </tr>
            </thead>
            <tbody>
              {matches.map((match, index) => (
                <tr key={`${match.entryId}-${index}`}>
                  <th scope="row">
                    <Link to={`/banks/${encodeURIComponent(match.bankId)}`}>{match.bankName}</Link>
                  </th>
                  <td>{match.signalType}</td>
                  <td className="numeric">{match.distance ?? '—'}</td>
                  <td>{match.labels.join(', ') || '—'}</td>
                  <td>
                    {match.provenance.source}
                    {match.provenance.sourceId && ` (${match.provenance.sourceId})`} ·{' '}
                    {formatDateTime(match.provenance.addedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SignalsSection({ events }: { events: readonly CaseEvent[] }) {
  const { t } = useI18n();
  const signals = events.filter((event) => event.type === 'classified');
  return (
    <section className="panel" aria-labelledby="case-signals">
      <h2 id="case-signals">{t('case.signals')}</h2>
      {signals.length === 0 ? (
        <p className="muted">{t('case.noSignals')}</p>
      ) : (
        signals.map((event) => (
          <pre key={event.seq} className="details-json">
            {JSON.stringify(event.data, null, 2)}
          </pre>
        ))
      )}
    </section>
  );
}

function TimelineSection({ events }: { events: readonly CaseEvent[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section className="panel" aria-labelledby="case-timeline">
      <h2 id="case-timeline">{t('case.timeline')}</h2>
      <ol className="timeline">
        {events.map((event) => (
          <li key={event.seq}>
            <span className="muted">{formatDateTime(event.at)}</span> <strong>{event.type}</strong>{' '}
            <span className="muted">
              {event.actorType}:{event.actorId}
            </span>{' '}
            {event.visibility === 'public' && <Badge tone="neutral">{t('case.public')}</Badge>}
            {typeof event.data.text === 'string' && <p className="user-text">{event.data.text}</p>}
            {typeof event.data.reason === 'string' && <p className="user-text">{event.data.reason}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function DecisionsSection({ decisions }: { decisions: readonly Decision[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section className="panel" aria-labelledby="case-decisions">
      <h2 id="case-decisions">{t('case.decisions')}</h2>
      {decisions.map((decision) => {
        const parsed = decision.fields ? decisionFieldsSchema.safeParse(decision.fields) : null;
        return (
          <article key={decision.id} className="decision">
            <p>
              <strong>{actionLabel(t, decision.action)}</strong> · {formatDateTime(decision.decidedAt)}
              {decision.supersededBy && ` · ${t('case.superseded')}`}
            </p>
            <h3>{t('case.statementOfReasons')}</h3>
            {parsed?.success ? (
              <StatementView
                statement={renderTdbStatement(parsed.data, {
                  puid: decision.id,
                  decidedAt: decision.decidedAt,
                })}
                testId="statement-of-reasons"
              />
            ) : (
              <p className="muted">{t('decision.noStatement')}</p>
            )}
          </article>
        );
      })}
    </section>
  );
}

function NoteForm({ caseId, onAdded }: { caseId: string; onAdded(): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'public'>('internal');
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const ok = await submit.run(async () => {
      await api.addCaseNote(caseId, { text: text.trim(), visibility });
    });
    if (ok) {
      setText('');
      onAdded();
    }
  };
  return (
    <section className="panel">
      <form
        className="form-stack"
        noValidate
        onSubmit={(e) => void onSubmit(e)}
        aria-labelledby="note-heading"
      >
        <h2 id="note-heading">{t('case.addNote')}</h2>
        <TextAreaField
          label={t('case.noteText')}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <fieldset className="checkbox-group">
          <legend>{t('case.noteVisibility')}</legend>
          {(['internal', 'public'] as const).map((value) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="visibility"
                checked={visibility === value}
                onChange={() => setVisibility(value)}
              />
              {t(`case.visibility.${value}`)}
            </label>
          ))}
        </fieldset>
        {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
        <button type="submit" className="button button-secondary" disabled={submit.busy}>
          {t('case.addNoteButton')}
        </button>
      </form>
    </section>
  );
}

function EscalateForm({ onEscalate }: { onEscalate(reason: string): Promise<void> }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <section className="panel">
      <form
        className="form-stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) void onEscalate(reason.trim());
        }}
      >
        <TextAreaField
          label={t('case.escalateReason')}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" className="button button-secondary">
          {t('case.escalate')}
        </button>
      </form>
    </section>
  );
}
