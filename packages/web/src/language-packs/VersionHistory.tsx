import { useI18n } from '../i18n/i18n.tsx';
import type { PackVersion } from './api.ts';
import { countChanges } from './draft.ts';

/** The organisation's versions of one pack, newest first; an earlier one can be loaded into the editor. */
export function VersionHistory(props: {
  versions: PackVersion[];
  current: number;
  onEditFrom?: ((version: PackVersion) => void) | undefined;
}) {
  const { versions, current, onEditFrom } = props;
  const { t, formatDateTime } = useI18n();
  return (
    <section className="panel" aria-labelledby="pack-history">
      <h2 id="pack-history">{t('packs.history')}</h2>
      {versions.length === 0 ? (
        <p className="muted">{t('packs.noHistory')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table-compact">
            <thead>
              <tr>
                <th scope="col">{t('packs.version')}</th>
                <th scope="col">{t('packs.when')}</th>
                <th scope="col">{t('packs.who')}</th>
                <th scope="col">{t('packs.changes')}</th>
                <th scope="col">{t('packs.note')}</th>
                {onEditFrom && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => {
                const counts = countChanges(version.changes);
                return (
                  <tr key={version.version}>
                    <th scope="row" className="numeric">
                      {version.version}
                    </th>
                    <td className="nowrap">{formatDateTime(version.createdAt)}</td>
                    <td>{version.createdBy.name ?? version.createdBy.id}</td>
                    <td className="nowrap">
                      {version.changes === null ? t('packs.revertEntry') : t('packs.changeSummary', counts)}
                    </td>
                    <td className="user-text">{version.note}</td>
                    {onEditFrom && (
                      <td>
                        {version.changes !== null && version.version !== current && (
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            onClick={() => onEditFrom(version)}
                          >
                            {t('packs.editFrom', { version: version.version })}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
