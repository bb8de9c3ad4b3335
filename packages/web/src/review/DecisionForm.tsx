import { useMemo, useState, type FormEvent, type RefObject } from 'react';
import {
  AUTOMATED_DECISION,
  CONTENT_TYPE,
  dsaKeyLabels,
  sourceTypeLabels,
  automatedDecisionLabels,
  SOURCE_TYPE,
} from '../../../server/src/taxonomy/dsa.ts';
import { actions, type Case, type Action } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { actionLabel, CATEGORY, categoryLabel } from '../public/labels.ts';
import { useSignedIn } from '../session/session.tsx';
import { Notice, SelectField, TextAreaField, TextField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { checkDraft, sourceTypeOfCase, type DecisionDraft, type DraftField } from './statement.ts';
import { StatementView } from './StatementView.tsx';

/** TDB taxonomy labels exist in English and French only (taxonomy/dsa.ts); other locales read English. */
function taxonomyLabel(locale: string, key: string): string {
  const labels =
    dsaKeyLabels[key] ??
    (sourceTypeLabels as Record<string, { en: string; fr?: string }>)[key] ??
    (automatedDecisionLabels as Record<string, { en: string; fr?: string }>)[key];
  if (!labels) return key;
  return (locale === 'fr' ? labels.fr : undefined) ?? labels.en;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The decision form. "Preview" checks the fields with the same schema the API applies (the TDB rule
 * set) and shows the statement of reasons exactly as it will be exported; "Decide" is only offered
 * for a draft that passed that check and has not changed since.
 */
export function DecisionForm({
  kase,
  onDecided,
  firstInput,
}: {
  kase: Case;
  onDecided(): void;
  firstInput: RefObject<HTMLSelectElement | null>;
}) {
  const { t, locale } = useI18n();
  const { api } = useSignedIn();
  const submit = useSubmit();
  const [draft, setDraft] = useState<DecisionDraft>(() => ({
    action: 'remove',
    groundType: 'illegal',
    ground: '',
    explanation: '',
    referenceUrl: '',
    contentTypes: [],
    category: kase.category,
    wholeEea: true,
    countries: kase.country ?? '',
    contentDate: today(),
    facts: '',
    sourceType: sourceTypeOfCase(kase.sourceType),
    automatedDetection: kase.matchCount > 0,
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    statement: '',
  }));
  const [previewed, setPreviewed] = useState<DecisionDraft | null>(null);
  const check = useMemo(() => (previewed ? checkDraft(previewed, Date.now()) : null), [previewed]);
  const update = (patch: Partial<DecisionDraft>) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    setPreviewed(null);
  };
  const issueOf = (field: DraftField) => {
    const issue = check && !check.ok ? check.issues.find((entry) => entry.field === field) : undefined;
    return issue ? `${t('decision.invalid')} (${issue.detail})` : undefined;
  };
  const restrictive = draft.action !== 'no_action';

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = checkDraft(draft, Date.now());
    setPreviewed(draft);
    if (!result.ok || previewed !== draft) return; // the first press previews; the second decides
    await submit.run(async () => {
      await api.decideCase(kase.id, {
        action: draft.action,
        ...(result.fields ? { fields: result.fields as Record<string, unknown> } : {}),
        ...(draft.statement.trim() ? { statement: draft.statement.trim() } : {}),
      });
      onDecided();
    });
  };

  const ready = previewed === draft && check?.ok;
  return (
    <form
      className="form-stack decision-form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby="decision-heading"
    >
      <h2 id="decision-heading">{t('decision.heading')}</h2>
      <SelectField
        ref={firstInput}
        label={t('decision.action')}
        value={draft.action}
        error={issueOf('action')}
        onChange={(e) => update({ action: e.target.value as Action })}
      >
        {actions.map((action) => (
          <option key={action} value={action}>
            {actionLabel(t, action)}
          </option>
        ))}
      </SelectField>
      {restrictive && (
        <>
          <fieldset className="checkbox-group">
            <legend>{t('decision.groundType')}</legend>
            {(['illegal', 'incompatible'] as const).map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="radio"
                  name="groundType"
                  checked={draft.groundType === type}
                  onChange={() => update({ groundType: type })}
                />
                {t(`decision.ground.${type}`)}
              </label>
            ))}
          </fieldset>
          <TextField
            label={draft.groundType === 'illegal' ? t('decision.legalGround') : t('decision.termsGround')}
            value={draft.ground}
            error={issueOf('ground')}
            onChange={(e) => update({ ground: e.target.value })}
          />
          <TextAreaField
            label={t('decision.explanation')}
            rows={3}
            value={draft.explanation}
            error={issueOf('explanation')}
            onChange={(e) => update({ explanation: e.target.value })}
          />
          <TextField
            label={t('decision.referenceUrl')}
            type="url"
            value={draft.referenceUrl}
            error={issueOf('referenceUrl')}
            onChange={(e) => update({ referenceUrl: e.target.value })}
          />
          <fieldset
            className="checkbox-group"
            aria-describedby={issueOf('contentTypes') ? 'decision-content-types-error' : undefined}
          >
            <legend>{t('decision.contentTypes')}</legend>
            {CONTENT_TYPE.map((key) => (
              <label key={key} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.contentTypes.includes(key)}
                  onChange={(e) =>
                    update({
                      contentTypes: e.target.checked
                        ? [...draft.contentTypes, key]
                        : draft.contentTypes.filter((entry) => entry !== key),
                    })
                  }
                />
                {taxonomyLabel(locale, key)}
              </label>
            ))}
            {issueOf('contentTypes') && (
              <p id="decision-content-types-error" className="field-error">
                {issueOf('contentTypes')}
              </p>
            )}
          </fieldset>
          <SelectField
            label={t('decision.category')}
            value={draft.category}
            error={issueOf('category')}
            onChange={(e) => update({ category: e.target.value })}
          >
            {CATEGORY.map((key) => (
              <option key={key} value={key}>
                {categoryLabel(t, key)}
              </option>
            ))}
          </SelectField>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.wholeEea}
              onChange={(e) => update({ wholeEea: e.target.checked })}
            />
            {t('decision.wholeEea')}
          </label>
          {!draft.wholeEea && (
            <TextField
              label={t('decision.countries')}
              hint={t('decision.countriesHint')}
              value={draft.countries}
              error={issueOf('countries')}
              onChange={(e) => update({ countries: e.target.value })}
            />
          )}
          <TextField
            label={t('decision.contentDate')}
            type="date"
            value={draft.contentDate}
            error={issueOf('contentDate')}
            onChange={(e) => update({ contentDate: e.target.value })}
          />
          <TextAreaField
            label={t('decision.facts')}
            hint={t('decision.factsHint')}
            rows={3}
            value={draft.facts}
            error={issueOf('facts')}
            onChange={(e) => update({ facts: e.target.value })}
          />
          <SelectField
            label={t('decision.sourceType')}
            value={draft.sourceType}
            error={issueOf('sourceType')}
            onChange={(e) => update({ sourceType: e.target.value })}
          >
            {SOURCE_TYPE.map((key) => (
              <option key={key} value={key}>
                {taxonomyLabel(locale, key)}
              </option>
            ))}
          </SelectField>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.automatedDetection}
              onChange={(e) => update({ automatedDetection: e.target.checked })}
            />
            {t('decision.automatedDetection')}
          </label>
          <SelectField
            label={t('decision.automatedDecision')}
            value={draft.automatedDecision}
            onChange={(e) => update({ automatedDecision: e.target.value })}
          >
            {AUTOMATED_DECISION.map((key) => (
              <option key={key} value={key}>
                {taxonomyLabel(locale, key)}
              </option>
            ))}
          </SelectField>
        </>
      )}
      <TextAreaField
        label={t('decision.statementToReporters')}
        hint={t('decision.statementHint')}
        rows={2}
        value={draft.statement}
        onChange={(e) => update({ statement: e.target.value })}
      />
      {check && !check.ok && (
        <Notice tone="error">{t('decision.fixFields', { count: check.issues.length })}</Notice>
      )}
      {check?.ok && (
        <section className="sor-preview" aria-labelledby="sor-preview-heading">
          <h3 id="sor-preview-heading">{t('decision.preview')}</h3>
          {check.statement ? (
            <StatementView statement={check.statement} testId="sor-preview" />
          ) : (
            <p className="muted">{t('decision.noStatement')}</p>
          )}
        </section>
      )}
      {submit.formError !== null && <Notice tone="error">{errorText(t, submit.formError)}</Notice>}
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        {ready ? t('decision.confirm') : t('decision.previewButton')}
      </button>
    </form>
  );
}
