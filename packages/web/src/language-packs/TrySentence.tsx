import { useState, type FormEvent } from 'react';
import { useI18n, type I18n } from '../i18n/i18n.tsx';
import { useSignedIn } from '../session/session.tsx';
import { Badge, Notice, TextAreaField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { termCategories, type ClassifyResult, type Signal, type TermCategory } from './api.ts';

/** Runs a sentence through the classify API, which uses the organisation's saved packs. */
export function TrySentence({ lang }: { lang: string }) {
  const { t, formatNumber } = useI18n();
  const { api, can } = useSignedIn();
  const submit = useSubmit();
  const [text, setText] = useState('');
  const [result, setResult] = useState<ClassifyResult | null>(null);
  if (!can('classify:use')) return null;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) return;
    await submit.run(async () => {
      const answer = await api.classifySentence(text, lang);
      setResult(answer.results[0] ?? null);
    });
  };
  const terms =
    result?.signals.filter((s): s is Extract<Signal, { type: 'term' }> => s.type === 'term') ?? [];
  const model = result?.signals.find((s): s is Extract<Signal, { type: 'model' }> => s.type === 'model');
  return (
    <section className="panel" aria-labelledby="pack-try">
      <h2 id="pack-try">{t('packs.try')}</h2>
      <form className="form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextAreaField
          label={t('packs.sentence')}
          hint={t('packs.tryHint')}
          rows={2}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="button-row">
          <button type="submit" className="button button-secondary" disabled={submit.busy}>
            {t('packs.tryButton')}
          </button>
        </div>
      </form>
      {submit.error !== null && <Notice tone="error">{errorText(t, submit.error)}</Notice>}
      {result && (
        <div className="pack-try-result" role="status" aria-live="polite">
          <p>
            <Badge tone={result.label === 'hateful' ? 'danger' : 'success'}>
              {t(result.label === 'hateful' ? 'packs.hateful' : 'packs.notHateful')}
            </Badge>{' '}
            {t('packs.score', {
              score: formatNumber(Math.round(result.score * 1000) / 1000),
              threshold: formatNumber(result.threshold),
            })}
          </p>
          <h3>{t('packs.signals')}</h3>
          {terms.length === 0 ? (
            <p className="muted">{t('packs.noSignals')}</p>
          ) : (
            <ul className="pack-signals">
              {terms.map((signal, index) => (
                <li key={index}>
                  {t('packs.termSignal', {
                    category: categoryName(t, signal.category),
                    term: signal.term,
                    match: matchName(t, signal.match),
                  })}
                </li>
              ))}
            </ul>
          )}
          {model && (
            <p className="muted">
              {t('packs.modelSignal', {
                name: model.name,
                score: formatNumber(Math.round(model.score * 1000) / 1000),
              })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

const isCategory = (category: string): category is TermCategory =>
  (termCategories as readonly string[]).includes(category);

function categoryName(t: I18n['t'], category: string): string {
  return isCategory(category) ? t(`packs.category.${category}`) : category;
}

const matchKinds = ['exact', 'fuzzy', 'glued'] as const;

function matchName(t: I18n['t'], match: string): string {
  const kind = matchKinds.find((k) => k === match);
  return kind ? t(`packs.match.${kind}`) : match;
}
