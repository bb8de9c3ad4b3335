import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import type { Queue } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, Notice, SelectField, TextAreaField, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ConfirmedAction, ResourceView, useRowAction, type ChangeNotice } from '../ui/ResourceView.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import type { Incident, ListedIncident } from './api.ts';
import { lineOfField, parseContent } from './form.ts';
import './incidents.css';

/** Content keys shown per incident before "and N more": enough to recognise it, short enough to scan. */
const KEYS_SHOWN = 5;

/**
 * Incidents (crisis protocol, Christchurch Call): the active ones first, with "end", then the ended
 * ones for history; and, for those who may, the form that declares one by its URLs and hashes.
 */
export function IncidentsPage() {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const incidents = useResource(async () => {
    // Who declared is a user id (or an API key's): named from the user list where it may be read.
    const [list, queues, users] = await Promise.all([
      api.incidents(),
      api.queues(),
      can('users:read') ? api.users() : { users: [] },
    ]);
    const names = new Map(users.users.map((user) => [user.id, user.displayName || user.email]));
    return { incidents: list.incidents, queues: queues.queues, names };
  }, 'incidents');
  const [declared, setDeclared] = useState<ChangeNotice | null>(null);

  return (
    <>
      <PageHeader title={t('incidents.title')} intro={t('incidents.intro')} />
      {declared && <Notice tone={declared.tone}>{declared.text}</Notice>}
      <ResourceView resource={incidents.resource} reload={incidents.reload}>
        {(data, onChanged) => {
          const active = data.incidents.filter((incident) => incident.endedAt === null);
          const ended = data.incidents.filter((incident) => incident.endedAt !== null);
          const change = (notice: ChangeNotice) => {
            setDeclared(null);
            onChanged(notice);
          };
          return (
            <>
              <section className="panel" aria-labelledby="incidents-active">
                <h2 id="incidents-active">{t('incidents.active')}</h2>
                <IncidentTable
                  incidents={active}
                  queues={data.queues}
                  names={data.names}
                  empty={t('incidents.noneActive')}
                  onChanged={change}
                />
              </section>
              {can('cases:manage') && (
                <DeclareIncident
                  queues={data.queues}
                  onDeclared={(text) => {
                    setDeclared({ tone: 'success', text });
                    incidents.reload();
                  }}
                />
              )}
              <section className="panel" aria-labelledby="incidents-ended">
                <h2 id="incidents-ended">{t('incidents.ended')}</h2>
                <IncidentTable
                  incidents={ended}
                  queues={data.queues}
                  names={data.names}
                  empty={t('incidents.noneEnded')}
                  onChanged={change}
                />
              </section>
            </>
          );
        }}
      </ResourceView>
    </>
  );
}

function IncidentTable({
  incidents,
  queues,
  names,
  empty,
  onChanged,
}: {
  incidents: ListedIncident[];
  queues: Queue[];
  names: ReadonlyMap<string, string>;
  empty: string;
  onChanged(notice: ChangeNotice): void;
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { api, can, session } = useSignedIn();
  const [confirming, setConfirming] = useState<string | null>(null);
  const { busyId, run } = useRowAction((notice) => {
    setConfirming(null);
    onChanged(notice);
  });

  if (incidents.length === 0) return <p className="muted">{empty}</p>;

  const queueName = (queueId: string | null) =>
    queueId === null
      ? t('incidents.ordinaryRouting')
      : (queues.find((queue) => queue.id === queueId)?.name ?? queueId);
  const end = (incident: Incident) =>
    run(incident.id, () => api.endIncident(incident.id), t('incidents.endedNotice', { name: incident.name }));

  return (
    <div className="table-scroll">
      <table className="table-compact">
        <thead>
          <tr>
            <th scope="col">{t('common.name')}</th>
            <th scope="col">{t('incidents.declared')}</th>
            <th scope="col">{t('incidents.queue')}</th>
            <th scope="col">{t('incidents.weight')}</th>
            <th scope="col">{t('incidents.content')}</th>
            <th scope="col">{t('incidents.cases')}</th>
            <th scope="col">{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id} data-testid="incident-row">
              <th scope="row">
                {incident.name}
                {incident.description && <span className="cell-secondary">{incident.description}</span>}
              </th>
              <td className="nowrap">
                {formatDateTime(incident.declaredAt)}
                <span className="cell-secondary">
                  {incident.declaredBy === session.user.id
                    ? t('incidents.byYou')
                    : t('incidents.by', {
                        user: names.get(incident.declaredBy) ?? incident.declaredBy,
                      })}
                </span>
              </td>
              <td>{queueName(incident.queueId)}</td>
              <td className="numeric">{formatNumber(incident.priorityWeight)}</td>
              <td>
                <ul className="tag-list content-keys">
                  {incident.contentKeys.slice(0, KEYS_SHOWN).map((key) => (
                    <li key={key}>
                      <code>{key}</code>
                    </li>
                  ))}
                  {incident.contentKeys.length > KEYS_SHOWN && (
                    <li className="muted">
                      {t('incidents.moreKeys', {
                        count: formatNumber(incident.contentKeys.length - KEYS_SHOWN),
                      })}
                    </li>
                  )}
                </ul>
              </td>
              <td className="nowrap" data-testid="incident-cases">
                {incident.openCases > 0 ? (
                  <Link to={`/cases?incident=${encodeURIComponent(incident.id)}`}>
                    {t('incidents.casesCount', {
                      linked: formatNumber(incident.linkedCases),
                      open: formatNumber(incident.openCases),
                    })}
                  </Link>
                ) : (
                  t('incidents.casesCount', {
                    linked: formatNumber(incident.linkedCases),
                    open: formatNumber(incident.openCases),
                  })
                )}
              </td>
              <td>
                {incident.endedAt !== null ? (
                  <>
                    <Badge tone="neutral">{t('incidents.statusEnded')}</Badge>
                    <span className="cell-secondary nowrap">{formatDateTime(incident.endedAt)}</span>
                  </>
                ) : (
                  <div className="stack">
                    <Badge tone="danger">{t('incidents.statusActive')}</Badge>
                    {can('cases:manage') && (
                      <ConfirmedAction
                        asking={confirming === incident.id}
                        busy={busyId === incident.id}
                        label={t('incidents.end')}
                        buttonLabel={t('incidents.endLabel', { name: incident.name })}
                        question={t('incidents.confirmEnd', { name: incident.name })}
                        confirmLabel={t('incidents.endNow')}
                        onAsk={() => setConfirming(incident.id)}
                        onCancel={() => setConfirming(null)}
                        onConfirm={() => void end(incident)}
                      />
                    )}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeclareIncident({ queues, onDeclared }: { queues: Queue[]; onDeclared(text: string): void }) {
  const { t, formatNumber } = useI18n();
  const { api } = useSignedIn();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [urls, setUrls] = useState('');
  const [hashes, setHashes] = useState('');
  const [queueId, setQueueId] = useState('');
  const [weight, setWeight] = useState('');
  const [lines, setLines] = useState<{ urls: number[]; hashes: number[] }>({ urls: [], hashes: [] });
  /** What the form itself refuses before sending, said beside the input it concerns. */
  const [contentError, setContentError] = useState<{ input: 'urls' | 'hashes'; text: string } | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const content = parseContent(urls, hashes);
    setLines({ urls: content.urlLines, hashes: content.hashLines });
    submit.setFieldCodes({});
    if (content.badHashLines.length > 0) {
      setContentError({
        input: 'hashes',
        text: t('incidents.badHashLines', { lines: content.badHashLines.join(', ') }),
      });
      return;
    }
    if (content.urls.length === 0 && content.hashes.length === 0) {
      setContentError({ input: 'urls', text: t('incidents.noContent') });
      return;
    }
    setContentError(null);
    await submit.run(async () => {
      const result = await api.declareIncident({
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(queueId ? { queueId } : {}),
        ...(weight.trim() ? { priorityWeight: Number(weight) } : {}),
        ...(content.urls.length > 0 ? { urls: content.urls } : {}),
        ...(content.hashes.length > 0 ? { hashes: content.hashes } : {}),
      });
      onDeclared(
        t('incidents.declaredNotice', {
          name: result.incident.name,
          count: formatNumber(result.linkedCases),
        }),
      );
      setName('');
      setDescription('');
      setUrls('');
      setHashes('');
      setQueueId('');
      setWeight('');
    });
  };

  /** The message beside an input: the form's own check, or the API's code with the line it concerns. */
  const errorFor = (input: 'name' | 'description' | 'queueId' | 'priorityWeight' | 'urls' | 'hashes') => {
    if (contentError?.input === input) return contentError.text;
    const code = submit.fieldCodes[input];
    if (code === undefined) return undefined;
    const text = errorText(t, { code });
    if (input !== 'urls' && input !== 'hashes') return text;
    const error = submit.error instanceof ApiError ? submit.error : null;
    const fields = [error?.field, ...(error?.issues.map((issue) => issue.field) ?? [])];
    const line = fields
      .map((field) => (field ? lineOfField(field, input, lines[input]) : undefined))
      .find((found) => found !== undefined);
    return line === undefined ? text : t('incidents.lineError', { line, error: text });
  };

  return (
    <section className="panel" aria-labelledby="incidents-declare">
      <h2 id="incidents-declare">{t('incidents.declare')}</h2>
      <form onSubmit={onSubmit} className="stack" noValidate>
        {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
        <TextField
          className="field-medium"
          label={t('common.name')}
          name="name"
          autoComplete="off"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errorFor('name')}
        />
        <TextAreaField
          label={t('incidents.description')}
          name="description"
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errorFor('description')}
        />
        <TextAreaField
          label={t('incidents.urls')}
          hint={t('incidents.urlsHint')}
          name="urls"
          rows={4}
          dir="ltr"
          spellCheck={false}
          value={urls}
          onChange={(e) => setUrls(e.target.value)}
          error={errorFor('urls')}
        />
        <TextAreaField
          label={t('incidents.hashes')}
          hint={t('incidents.hashesHint')}
          name="hashes"
          rows={3}
          dir="ltr"
          spellCheck={false}
          value={hashes}
          onChange={(e) => setHashes(e.target.value)}
          error={errorFor('hashes')}
        />
        <SelectField
          label={t('incidents.queueField')}
          name="queueId"
          value={queueId}
          onChange={(e) => setQueueId(e.target.value)}
          error={errorFor('queueId')}
        >
          <option value="">{t('incidents.ordinaryRouting')}</option>
          {queues.map((queue) => (
            <option key={queue.id} value={queue.id}>
              {queue.name}
            </option>
          ))}
        </SelectField>
        <TextField
          className="field-medium"
          label={t('incidents.weightField')}
          hint={t('incidents.weightHint')}
          name="priorityWeight"
          type="number"
          inputMode="numeric"
          min={0}
          max={200}
          step={1}
          placeholder="60"
          value={weight}
          onChange={(e) => setWeight(e.target.value)}
          error={errorFor('priorityWeight')}
        />
        <div>
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            {submit.busy ? t('common.saving') : t('incidents.declareSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
