import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Badge, TextField } from '../ui/components.tsx';
import type { LanguagePack, SlurEntry, TermCategory } from './api.ts';
import { addTerm, removeTerm, restoreTerm, rowsOf, type Draft, type TermRow } from './draft.ts';

/**
 * One category of a pack: its terms (shipped, removed, added) with remove and restore buttons, and a
 * form to add a term. Terms are shown as text, never as markup.
 */
export function CategoryEditor(props: {
  category: TermCategory;
  shipped: LanguagePack;
  draft: Draft;
  canEdit: boolean;
  onChange(draft: Draft): void;
}) {
  const { category, shipped, draft, canEdit, onChange } = props;
  const { t } = useI18n();
  const rows = rowsOf(shipped, draft, category);
  const added = rows.filter((row) => row.state === 'added').length;
  const removed = rows.filter((row) => row.state === 'removed').length;
  const name = t(`packs.category.${category}`);
  return (
    <details className="pack-category" open={added + removed > 0}>
      <summary>
        <span className="pack-category-name">{name}</span>{' '}
        <span className="muted">
          {t('packs.termCount', { count: rows.length - removed })}
          {added + removed > 0 && ` · ${t('packs.changeSummary', { added, removed })}`}
        </span>
      </summary>
      <p className="field-hint">{t(`packs.categoryHint.${category}`)}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('packs.noTerms')}</p>
      ) : (
        <ul className="pack-terms" aria-label={name}>
          {rows.map((row) => (
            <TermItem
              key={`${row.state}:${row.term}`}
              row={row}
              canEdit={canEdit}
              onRemove={() => onChange(removeTerm(draft, category, row))}
              onRestore={() => onChange(restoreTerm(draft, category, row.term))}
            />
          ))}
        </ul>
      )}
      {canEdit && (
        <AddTermForm category={category} onAdd={(entry) => onChange(addTerm(draft, category, entry))} />
      )}
    </details>
  );
}

function TermItem(props: { row: TermRow; canEdit: boolean; onRemove(): void; onRestore(): void }) {
  const { row, canEdit, onRemove, onRestore } = props;
  const { t } = useI18n();
  const term = row.state === 'removed' ? <del>{row.term}</del> : <span>{row.term}</span>;
  return (
    <li className={`pack-term pack-term-${row.state}`}>
      {term}
      {row.slur && (
        <span className="cell-secondary">
          {' '}
          ({row.slur.group}
          {row.slur.reclaimed ? `, ${t('packs.reclaimedShort')}` : ''})
        </span>
      )}
      {row.state === 'added' && <Badge tone="success">{t('packs.added')}</Badge>}
      {row.state === 'removed' && <Badge tone="danger">{t('packs.removed')}</Badge>}
      {canEdit &&
        (row.state === 'removed' ? (
          <button type="button" className="button button-quiet button-small" onClick={onRestore}>
            <span aria-hidden="true">↺</span>
            <span className="visually-hidden">{t('packs.restoreTerm', { term: row.term })}</span>
          </button>
        ) : (
          <button type="button" className="button button-quiet button-small" onClick={onRemove}>
            <span aria-hidden="true">×</span>
            <span className="visually-hidden">{t('packs.removeTerm', { term: row.term })}</span>
          </button>
        ))}
    </li>
  );
}

function AddTermForm({
  category,
  onAdd,
}: {
  category: TermCategory;
  onAdd(entry: string | SlurEntry): void;
}) {
  const { t } = useI18n();
  const [term, setTerm] = useState('');
  const [group, setGroup] = useState('');
  const [reclaimed, setReclaimed] = useState(false);
  const [missing, setMissing] = useState<'term' | 'group' | null>(null);
  const isSlur = category === 'slurs';
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = term.trim();
    if (!text) return setMissing('term');
    if (isSlur && !group.trim()) return setMissing('group');
    onAdd(isSlur ? { term: text, group: group.trim(), ...(reclaimed ? { reclaimed: true } : {}) } : text);
    setTerm('');
    setMissing(null);
  };
  return (
    <form className="filter-bar pack-add" noValidate onSubmit={onSubmit}>
      <TextField
        label={t('packs.newTerm', { category: t(`packs.category.${category}`) })}
        hint={t('packs.prefixHint')}
        value={term}
        maxLength={100}
        onChange={(e) => setTerm(e.target.value)}
        error={missing === 'term' ? t('packs.termRequired') : undefined}
      />
      {isSlur && (
        <>
          <TextField
            label={t('packs.slurGroup')}
            hint={t('packs.slurGroupHint')}
            value={group}
            maxLength={60}
            onChange={(e) => setGroup(e.target.value)}
            error={missing === 'group' ? t('packs.groupRequired') : undefined}
          />
          <label className="checkbox">
            <input type="checkbox" checked={reclaimed} onChange={(e) => setReclaimed(e.target.checked)} />
            <span>{t('packs.slurReclaimed')}</span>
          </label>
        </>
      )}
      <button type="submit" className="button button-secondary">
        {t('packs.addButton')}
      </button>
    </form>
  );
}
