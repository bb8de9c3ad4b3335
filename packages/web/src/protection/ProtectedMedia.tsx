import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { graphicLabels } from './exposure.ts';
import { loadOriginal, type MediaSource } from './media-source.ts';
import { useProtection } from './protection.tsx';

type Original =
  { status: 'idle' | 'loading' | 'failed' } | { status: 'ready'; objectUrl: string; mediaType: string };

/**
 * The original bytes, fetched only while `revealed` and released (object URL revoked) as soon as the
 * item is blurred again or leaves the page, so a hidden item leaves nothing of the original behind.
 */
function useOriginal(source: MediaSource, revealed: boolean): Original {
  const [original, setOriginal] = useState<Original>({ status: 'idle' });
  useEffect(() => {
    if (!revealed) return;
    const controller = new AbortController();
    let release: (() => void) | undefined;
    setOriginal({ status: 'loading' });
    loadOriginal(source, controller.signal).then(
      (loaded) => {
        release = loaded.release;
        if (controller.signal.aborted) return loaded.release();
        setOriginal({ status: 'ready', objectUrl: loaded.objectUrl, mediaType: loaded.mediaType });
      },
      () => {
        if (!controller.signal.aborted) setOriginal({ status: 'failed' });
      },
    );
    return () => {
      controller.abort();
      release?.();
      setOriginal({ status: 'idle' });
    };
  }, [revealed, source.originalUrl]);
  return revealed ? original : { status: 'idle' };
}

/**
 * One media item under moderator protection. Until the reviewer reveals it, the page shows only the
 * server's protected variant (blurred, greyscale, downscaled; a poster frame for videos), so the
 * original never reaches the browser unasked; CSS blur stays on top of it as a second layer. One click
 * fetches the original; revealing another item or leaving the case drops it again. Videos start
 * paused and muted and never autoplay. Graphic-content labels from bank matches show before anything.
 */
export function ProtectedMedia({
  id,
  source,
  label,
  labels,
  mayViewOriginal = true,
}: {
  id: string;
  source: MediaSource;
  label: string;
  labels: readonly string[];
  /** False when the server would refuse the original to this user: only the protected variant shows. */
  mayViewOriginal?: boolean;
}) {
  const { t } = useI18n();
  const { settings, revealedId, reveal, hide } = useProtection();
  const revealed = mayViewOriginal && (revealedId === id || !settings.blur);
  const original = useOriginal(source, revealed);
  // The server has no preview for this file after all (e.g. its bytes are not the image it claims).
  const [previewMissing, setPreviewMissing] = useState(false);
  const warnings = graphicLabels(labels);

  // Leaving the case (unmount) blurs again: the next visit starts protected.
  useEffect(() => () => hide(), []);

  const classes = [
    'protected-media',
    revealed ? 'is-revealed' : 'is-blurred',
    settings.greyscale ? 'is-greyscale' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <figure className={classes} data-testid="protected-media" data-revealed={revealed ? 'true' : 'false'}>
      {warnings.length > 0 && !revealed && (
        <p className="media-warning" role="note">
          {t('protection.graphicWarning', { labels: warnings.join(', ') })}
        </p>
      )}
      <div className="media-frame" aria-busy={original.status === 'loading'}>
        {original.status === 'ready' ? (
          <OriginalView objectUrl={original.objectUrl} mediaType={original.mediaType} label={label} />
        ) : previewMissing ? (
          <p className="muted">{t('protection.noPreview')}</p>
        ) : (
          <img src={source.protectedUrl} alt={label} onError={() => setPreviewMissing(true)} />
        )}
      </div>
      {original.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {original.status === 'failed' && <p role="alert">{t('common.loadFailed')}</p>}
      <figcaption>
        <span>{label}</span>
        {settings.blur && mayViewOriginal && (
          <button
            type="button"
            className="button button-secondary button-small"
            aria-pressed={revealed}
            onClick={() => (revealed ? hide() : reveal(id))}
          >
            {revealed
              ? t('protection.hide')
              : warnings.length
                ? t('protection.revealAnyway')
                : t('protection.reveal')}
          </button>
        )}
      </figcaption>
    </figure>
  );
}

function OriginalView({
  objectUrl,
  mediaType,
  label,
}: {
  objectUrl: string;
  mediaType: string;
  label: string;
}) {
  const { t } = useI18n();
  if (mediaType.startsWith('image/')) return <img src={objectUrl} alt={label} />;
  if (mediaType.startsWith('video/'))
    return <video src={objectUrl} muted controls preload="metadata" aria-label={label} />;
  return <p className="muted">{t('protection.noPreview')}</p>;
}
