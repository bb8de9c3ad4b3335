import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useParams } from '../router/router.tsx';
import { useSignedIn } from '../session/session.tsx';
import { LoadFailed, Loading, Notice, TextAreaField } from '../ui/components.tsx';
import { errorText } from '../ui/errors.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useResource } from '../ui/useResource.ts';
import { useSubmit } from '../ui/useSubmit.ts';
import { termCategories, type LanguagePack, type PackVersion } from './api.ts';
import { CategoryEditor } from './CategoryEditor.tsx';
import { changesOf, countChanges, draftFrom, sameChanges, type Draft } from './draft.ts';
import { downloadPack } from './export.ts';
import { TrySentence } from './TrySentence.tsx';
import { VersionHistory } from './VersionHistory.tsx';
import './language-packs.css';

/**
 * One language pack: what the classifier uses for the organisation, the editor (terms added and removed
 * per category, saved as a new version with a note), a return to the shipped pack, a box to test a
 * sentence against the saved packs, and the version history.
 */
export function LanguagePackPage() {
  const { t } = useI18n();
  const { api } = useSignedIn();
  const { lang = '' } = useParams();
  const pack = useResource(() => api.languagePack(lang), lang);
  const [saved, setSaved] = useState<PackVersion | null>(null);

  if (pack.resource.status === 'loading') return <Loading />;
  if (pack.resource.status === 'failed')
    return <LoadFailed error={pack.resource.error} onRetry={pack.reload} />;
  const { shipped, effective, override } = pack.resource.data;
  return (
    <>
      <PageHeader
        title={t('packs.packTitle', { name: shipped.name, lang: shipped.lang })}
        intro={t('packs.packIntro')}
      />
      <p>
        <Link to="/language-packs">{t('packs.back')}</Link>
      </p>
      {saved && (
        <Notice tone="success">
          {saved.changes
            ? t('packs.saved', { version: saved.version })
            : t('packs.reverted', { version: saved.version })}
        </Notice>
      )}
      <PackFacts shipped={shipped} effective={effective} />
      <PackEditor
        key={override?.version ?? 0}
        lang={lang}
        shipped={shipped}
        override={override}
        onEdited={() => setSaved(null)}
        onSaved={(version) => {
          setSaved(version);
          pack.reload();
        }}
      />
    </>
  );
}

function PackFacts({ shipped, effective }: { shipped: LanguagePack; effective: LanguagePack }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="pack-facts">
      <h2 id="pack-facts">{t('packs.about')}</h2>
      <dl className="details">
        <dt>{t('packs.inUse')}</dt>
        <dd>
          <code>{effective.version}</code>
        </dd>
        <dt>{t('packs.shippedVersion')}</dt>
        <dd>
          <code>{shipped.version}</code>
        </dd>
        <dt>{t('packs.provenance')}</dt>
        <dd className="user-text">{shipped.provenance}</dd>
        <dt>{t('packs.review')}</dt>
        <dd>
          {shipped.reviewer
            ? t('packs.reviewedBy', { name: shipped.reviewer.name, date: shipped.reviewer.date })
            : t('packs.unreviewed')}
        </dd>
      </dl>
      <p className="field-hint">{t('packs.exportHint')}</p>
      <button type="button" className="button button-secondary" onClick={() => downloadPack(effective)}>
        {t('packs.export')}
      </button>
    </section>
  );
}

function PackEditor(props: {
  lang: string;
  shipped: LanguagePack;
  override: PackVersion | null;
  onEdited(): void;
  onSaved(version: PackVersion): void;
}) {
  const { lang, shipped, override, onEdited, onSaved } = props;
  const { t } = useI18n();
  const { api, can } = useSignedIn();
  const canEdit = can('langpacks:manage');
  const baseVersion = override?.version ?? 0;
  const history = useResource(() => api.languagePackVersions(lang), `${lang}:${baseVersion}`);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(override?.changes ?? null));
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const submit = useSubmit();

  const changes = changesOf(draft);
  const dirty = !sameChanges(changes, override?.changes ?? null);
  const counts = countChanges(changes);
  const usesOverride = override !== null && override.changes !== null;

  const edit = (next: Draft) => {
    setDraft(next);
    onEdited();
  };
  const send = async (action: 'save' | 'revert') => {
    if (!note.trim()) {
      setNoteMissing(true);
      return;
    }
    setNoteMissing(false);
    await submit.run(async () => {
      const body = { note: note.trim(), baseVersion };
      const answer =
        action === 'save'
          ? await api.saveLanguagePack(lang, { ...body, changes })
          : await api.revertLanguagePack(lang, body);
      onSaved(answer.version);
    });
  };

  return (
    <>
      <section className="panel" aria-labelledby="pack-terms">
        <h2 id="pack-terms">{t('packs.terms')}</h2>
        <p className="field-hint">{canEdit ? t('packs.editHint') : t('packs.readOnlyHint')}</p>
        {termCategories.map((category) => (
          <CategoryEditor
            key={category}
            category={category}
            shipped={shipped}
            draft={draft}
            canEdit={canEdit}
            onChange={edit}
          />
        ))}
      </section>
      {canEdit && (
        <section className="panel panel-narrow" aria-labelledby="pack-save">
          <h2 id="pack-save">{t('packs.saveTitle')}</h2>
          <p role="status">
            {dirty ? t('packs.unsaved', counts) : t('packs.noUnsaved')}
            {usesOverride && ` ${t('packs.usingVersion', { version: baseVersion })}`}
          </p>
          <form className="form-stack" noValidate onSubmit={(e) => e.preventDefault()}>
            <TextAreaField
              label={t('packs.note')}
              hint={t('packs.noteHint')}
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              error={
                noteMissing
                  ? t('packs.noteRequired')
                  : submit.fieldCodes.note && errorText(t, { code: submit.fieldCodes.note })
              }
            />
            <SaveError error={submit.error} />
            <div className="button-row">
              <button
                type="button"
                className="button button-primary"
                disabled={submit.busy || !dirty}
                onClick={() => void send('save')}
              >
                {t('packs.save')}
              </button>
              {dirty && (
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={submit.busy}
                  onClick={() => edit(draftFrom(override?.changes ?? null))}
                >
                  {t('packs.discard')}
                </button>
              )}
              {usesOverride && (
                <button
                  type="button"
                  className="button button-danger"
                  disabled={submit.busy}
                  onClick={() => void send('revert')}
                >
                  {t('packs.revert')}
                </button>
              )}
            </div>
          </form>
        </section>
      )}
      <TrySentence lang={lang} />
      {history.resource.status === 'loading' && <Loading />}
      {history.resource.status === 'failed' && (
        <LoadFailed error={history.resource.error} onRetry={history.reload} />
      )}
      {history.resource.status === 'ready' && (
        <VersionHistory
          versions={history.resource.data.versions}
          current={baseVersion}
          onEditFrom={canEdit ? (version) => edit(draftFrom(version.changes)) : undefined}
        />
      )}
    </>
  );
}

/** A refused save: a colleague's newer version, or the terms the API could not apply, one by one. */
function SaveError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === null) return null;
  if (error instanceof ApiError && error.code === 'conflict') {
    return <Notice tone="error">{t('packs.conflict')}</Notice>;
  }
  if (error instanceof ApiError && error.code === 'language_pack_invalid' && error.issues.length > 0) {
    return (
      <Notice tone="error">
        <p>{errorText(t, error)}</p>
        <ul className="user-text">
          {error.issues.map((issue) => (
            <li key={issue.field}>{issue.message}</li>
          ))}
        </ul>
      </Notice>
    );
  }
  return <Notice tone="error">{errorText(t, error)}</Notice>;
}
