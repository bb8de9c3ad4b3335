import { useEffect, useMemo, useState } from 'react';
import type { Case } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { categoryLabel, CATEGORY } from '../public/labels.ts';
import { navigate } from '../router/history.ts';
import { Link, useLocation } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, LoadFailed, Loading, Notice, SelectField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { VirtualList } from '../ui/VirtualList.tsx';
import { useShortcuts } from './shortcuts.ts';
import { slaStateOf, slaStates, type SlaState } from './sla.ts';

const ROW_HEIGHT = 56;
const LIVE_REFRESH_MS = 15_000;
export const slaTone = {
  overdue: 'danger',
  due_soon: 'warning',
  on_time: 'success',
  none: 'neutral',
} as const;

interface Filters {
  queueId: string;
  category: string;
  language: string;
  country: string;
  sla: SlaState | '';
}

/**
 * The review queue: open cases with filters (queue, policy category, language, country, SLA state),
 * queue counts refreshed every 15 seconds, and a windowed list that stays smooth at 1,000 cases.
 * `j`/`k` move through the list, `Enter` opens the case, `n` claims the next case of the queue.
 */
export function QueuePage() {
  const { t, formatNumber } = useI18n();
  const { api, can } = useSignedIn();
  const [filters, setFilters] = useState<Filters>({
    queueId: '',
    category: '',
    language: '',
    country: '',
    sla: '',
  });
  const [active, setActive] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const [demoLoaded, setDemoLoaded] = useState<number | null>(null);
  // `?incident=ID` (linked from the incidents screen): only the open cases of one crisis incident.
  const incidentId = useLocation().search.get('incident') ?? '';
  const queues = useResource(() => api.queues(), 'queues');
  const cases = useResource(
    () =>
      api.cases({
        status: 'open',
        limit: 1000,
        ...(filters.queueId ? { queueId: filters.queueId } : {}),
        ...(incidentId ? { incidentId } : {}),
      }),
    `${filters.queueId}|${incidentId}`,
  );

  useEffect(() => {
    const timer = window.setInterval(() => {
      queues.reload();
      cases.reload();
    }, LIVE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [queues.reload, cases.reload]);

  const all = cases.resource.status === 'ready' ? cases.resource.data.cases : [];
  const now = Date.now();
  const shown = useMemo(
    () =>
      all.filter(
        (item) =>
          (!filters.category || item.category === filters.category) &&
          (!filters.language || item.language === filters.language) &&
          (!filters.country || item.country === filters.country) &&
          (!filters.sla || slaStateOf(item.dueAt, now) === filters.sla),
      ),
    [all, filters],
  );
  const languages = useMemo(() => distinct(all.map((item) => item.language)), [all]);
  const countries = useMemo(() => distinct(all.map((item) => item.country)), [all]);
  const set = (patch: Partial<Filters>) => {
    setFilters((previous) => ({ ...previous, ...patch }));
    setActive(0);
  };

  const open = (item: Case | undefined) => item && navigate(`/cases/${encodeURIComponent(item.id)}`);
  const claimNext = async () => {
    if (!filters.queueId) return open(shown[0]);
    try {
      const { case: next } = await api.claimNext(filters.queueId);
      if (next) open(next);
      else setProblem({ code: 'queue_empty' });
    } catch (error) {
      setProblem(error);
    }
  };
  useShortcuts({
    j: () => setActive((i) => Math.min(shown.length - 1, i + 1)),
    ArrowDown: () => setActive((i) => Math.min(shown.length - 1, i + 1)),
    k: () => setActive((i) => Math.max(0, i - 1)),
    ArrowUp: () => setActive((i) => Math.max(0, i - 1)),
    Enter: () => open(shown[active]),
    o: () => open(shown[active]),
    n: () => void claimNext(),
  });

  return (
    <>
      <PageHeader
        title={t('queue.title')}
        intro={t('queue.intro')}
        actions={
          can('cases:review') && (
            <button type="button" className="button button-primary" onClick={() => void claimNext()}>
              {t('queue.reviewNext')}
            </button>
          )
        }
      />
      {queues.resource.status === 'ready' && queues.resource.data.queues.length > 0 && (
        <ul className="queue-counts" aria-label={t('queue.counts')}>
          {queues.resource.data.queues.map((queue) => (
            <li key={queue.id}>
              <strong>{queue.name}</strong> {t('queue.countOpen', { count: formatNumber(queue.open) })}
              {queue.overdue > 0 && (
                <>
                  {' · '}
                  <Badge tone="danger">
                    {t('queue.countOverdue', { count: formatNumber(queue.overdue) })}
                  </Badge>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <section className="panel" aria-labelledby="queue-list">
        <h2 id="queue-list" className="visually-hidden">
          {t('queue.title')}
        </h2>
        <div className="filter-bar">
          <SelectField
            label={t('queue.filterQueue')}
            value={filters.queueId}
            onChange={(e) => set({ queueId: e.target.value })}
          >
            <option value="">{t('queue.allQueues')}</option>
            {queues.resource.status === 'ready' &&
              queues.resource.data.queues.map((queue) => (
                <option key={queue.id} value={queue.id}>
                  {queue.name} ({formatNumber(queue.open)})
                </option>
              ))}
          </SelectField>
          <SelectField
            label={t('queue.filterPolicy')}
            value={filters.category}
            onChange={(e) => set({ category: e.target.value })}
          >
            <option value="">{t('queue.any')}</option>
            {CATEGORY.map((key) => (
              <option key={key} value={key}>
                {categoryLabel(t, key)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('queue.filterLanguage')}
            value={filters.language}
            onChange={(e) => set({ language: e.target.value })}
          >
            <option value="">{t('queue.any')}</option>
            {languages.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('queue.filterCountry')}
            value={filters.country}
            onChange={(e) => set({ country: e.target.value })}
          >
            <option value="">{t('queue.any')}</option>
            {countries.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('queue.filterSla')}
            value={filters.sla}
            onChange={(e) => set({ sla: e.target.value as SlaState | '' })}
          >
            <option value="">{t('queue.any')}</option>
            {slaStates.map((state) => (
              <option key={state} value={state}>
                {t(`sla.${state}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {incidentId && (
          <Notice tone="info">
            <span data-testid="queue-incident-filter">{t('queue.incidentOnly')}</span>{' '}
            <Link to="/cases">{t('queue.showAll')}</Link>
          </Notice>
        )}
        {problem !== null && <Notice tone="info">{errorText(t, problem)}</Notice>}
        {demoLoaded !== null && (
          <Notice tone="success">{t('queue.demoLoaded', { count: formatNumber(demoLoaded) })}</Notice>
        )}
        <p className="muted" role="status" data-testid="queue-count">
          {t('queue.showing', { shown: formatNumber(shown.length), total: formatNumber(all.length) })}
        </p>
        <p className="field-hint">{t('queue.shortcuts')}</p>
        {cases.resource.status === 'loading' && <Loading />}
        {cases.resource.status === 'failed' && (
          <LoadFailed error={cases.resource.error} onRetry={cases.reload} />
        )}
        {cases.resource.status === 'ready' &&
          (shown.length === 0 ? (
            <EmptyQueue
              filtered={all.length > 0 || filters.queueId !== '' || incidentId !== ''}
              onSeeded={(count) => {
                setDemoLoaded(count);
                queues.reload();
                cases.reload();
              }}
            />
          ) : (
            <VirtualList
              items={shown}
              rowHeight={ROW_HEIGHT}
              height={Math.min(shown.length, 10) * ROW_HEIGHT}
              label={t('queue.listLabel')}
              activeIndex={active}
              rowKey={(item) => item.id}
              renderRow={(item) => <CaseRow item={item} now={now} />}
            />
          ))}
      </section>
    </>
  );
}

/**
 * An empty queue tells a newcomer where cases come from and links to the public report form; an
 * administrator may load demo cases to try the review loop at once.
 */
function EmptyQueue({ filtered, onSeeded }: { filtered: boolean; onSeeded(count: number): void }) {
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const organisation = useResource(
    () => (can('organisation:read') ? api.organisation() : Promise.resolve(null)),
    'organisation',
  );
  if (filtered) return <p className="muted">{t('queue.empty')}</p>;
  const slug = organisation.resource.status === 'ready' ? organisation.resource.data?.slug : undefined;
  return (
    <>
      <p className="muted">
        {t('queue.emptyHint')}{' '}
        {slug && (
          // A full page load: the public form lives outside the console layout.
          <a href={`/report/${encodeURIComponent(slug)}`}>{`/report/${slug}`}</a>
        )}
      </p>
      {can('organisation:manage') && <DemoLoader onSeeded={onSeeded} />}
    </>
  );
}

const DEMO_CASES = 50;

function DemoLoader({ onSeeded }: { onSeeded(count: number): void }) {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const load = () =>
    submit.run(async () => {
      const result = await api.seedDemo({ cases: DEMO_CASES });
      onSeeded(result.cases);
    });
  return (
    <div className="form-stack">
      <p>{t('queue.demoExplain')}</p>
      {submit.error !== null && <Notice tone="error">{errorText(t, submit.error)}</Notice>}
      <div>
        <button type="button" className="button" disabled={submit.busy} onClick={() => void load()}>
          {submit.busy ? t('queue.loadingDemo') : t('queue.loadDemo')}
        </button>
      </div>
    </div>
  );
}

function CaseRow({ item, now }: { item: Case; now: number }) {
  const { t, formatDateTime } = useI18n();
  const sla = slaStateOf(item.dueAt, now);
  return (
    <Link to={`/cases/${encodeURIComponent(item.id)}`} className="case-row">
      <span className="case-ref">{item.reference}</span>
      <span className="case-category">{categoryLabel(t, item.category)}</span>
      <span className="case-meta">{[item.language, item.country].filter(Boolean).join(' · ') || '—'}</span>
      <span className="case-meta">
        {t('queue.signals', { reports: item.reportCount, matches: item.matchCount })}
      </span>
      <Badge tone={slaTone[sla]}>
        {t(`sla.${sla}`)}
        {item.dueAt !== null && ` · ${formatDateTime(item.dueAt)}`}
      </Badge>
    </Link>
  );
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))].sort();
}
