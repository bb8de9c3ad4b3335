import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { graphicLabels } from './exposure.ts';
import { useProtection } from './protection.tsx';

/**
 * One media item under moderator protection. It starts blurred (and greyscaled) unless the reviewer
 * turned that off; one click reveals it; revealing another item or leaving the case blurs it again.
 * Videos never autoplay and start muted; they pause when blurred again. Graphic-content labels from
 * the bank matches are shown before anything is revealed. The bytes always come from Vigie (`src` is
 * an API path), never from the reported site.
 */
export function ProtectedMedia({
  id,
  src,
  mediaType,
  label,
  labels,
}: {
  id: string;
  src: string;
  mediaType: string;
  label: string;
  labels: readonly string[];
}) {
  const { t } = useI18n();
  const { settings, revealedId, reveal, hide } = useProtection();
  const video = useRef<HTMLVideoElement>(null);
  const revealed = revealedId === id || !settings.blur;
  const warnings = graphicLabels(labels);

  useEffect(() => {
    if (!revealed) video.current?.pause();
  }, [revealed]);

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
      <div className="media-frame">
        {mediaType.startsWith('video/') ? (
          <video ref={video} src={src} muted controls={revealed} preload="metadata" aria-label={label} />
        ) : (
          <img src={src} alt={label} />
        )}
      </div>
      <figcaption>
        <span>{label}</span>
        {settings.blur && (
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
