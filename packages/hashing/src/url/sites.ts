/**
 * Canonical forms for platforms whose URLs have many aliases. Each rule receives a URL whose host is already
 * lowercased, IDNA-encoded and stripped of `www.`/`m.`/`mobile.`, and returns the canonical URL string, or
 * undefined to fall back to the generic rules. Canonical forms keep only what identifies the content.
 */

export interface SiteRule {
  readonly hosts: readonly string[];
  canonical(url: URL, segments: readonly string[]): string | undefined;
}

const ID = /^[A-Za-z0-9_-]+$/;

const youtube: SiteRule = {
  hosts: ['youtube.com', 'music.youtube.com', 'youtube-nocookie.com', 'youtu.be'],
  canonical(url, segments) {
    const watch = (id: string | undefined | null): string | undefined =>
      id && /^[A-Za-z0-9_-]{11}$/.test(id) ? `https://youtube.com/watch?v=${id}` : undefined;
    if (url.hostname === 'youtu.be') return watch(segments[0]);
    if (segments[0] === 'watch') return watch(url.searchParams.get('v'));
    if (['shorts', 'embed', 'live', 'v', 'e'].includes(segments[0] ?? '')) return watch(segments[1]);
    if (segments[0]?.startsWith('@')) return `https://youtube.com/${segments[0].toLowerCase()}`;
    if (segments[0] === 'channel' && segments[1]) return `https://youtube.com/channel/${segments[1]}`;
    return undefined;
  },
};

const x: SiteRule = {
  hosts: ['x.com', 'twitter.com', 'fxtwitter.com', 'vxtwitter.com', 'fixupx.com', 'fixvx.com', 'nitter.net'],
  canonical(_url, segments) {
    // /<user>/status/<id>, /<user>/statuses/<id>, /i/web/status/<id>, /i/status/<id>, with optional /photo/1 etc.
    const at = segments.findIndex((s) => s === 'status' || s === 'statuses');
    const id = at >= 0 ? segments[at + 1] : undefined;
    if (id && /^\d+$/.test(id)) return `https://x.com/i/status/${id}`;
    const handle = segments[0];
    if (segments.length === 1 && handle && /^[A-Za-z0-9_]{1,15}$/.test(handle))
      return `https://x.com/${handle.toLowerCase()}`;
    return undefined;
  },
};

/** Query parameters that identify a Facebook post, photo or video; everything else is tracking or UI state. */
const FACEBOOK_KEEP = ['v', 'story_fbid', 'fbid', 'id'];
const facebook: SiteRule = {
  hosts: [
    'facebook.com',
    'fb.com',
    'mbasic.facebook.com',
    'web.facebook.com',
    'touch.facebook.com',
    'fb.watch',
  ],
  canonical(url, segments) {
    if (url.hostname === 'fb.watch') return segments[0] ? `https://fb.watch/${segments[0]}` : undefined;
    const query = FACEBOOK_KEEP.flatMap((key) => {
      const value = url.searchParams.get(key);
      return value === null ? [] : [`${key}=${encodeURIComponent(value)}`];
    });
    const path = segments.map((s) => encodeURIComponent(s)).join('/');
    return `https://facebook.com/${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  },
};

const instagram: SiteRule = {
  hosts: ['instagram.com', 'instagr.am'],
  canonical(_url, segments) {
    // A post's shortcode works under /p/, /reel/, /reels/ and /tv/, also after a /<user>/ prefix.
    const at = segments.findIndex((s) => ['p', 'reel', 'reels', 'tv'].includes(s));
    const code = at >= 0 ? segments[at + 1] : undefined;
    if (code && ID.test(code)) return `https://instagram.com/p/${code}`;
    const user = segments[0];
    if (segments.length === 1 && user && /^[A-Za-z0-9._]+$/.test(user))
      return `https://instagram.com/${user.toLowerCase()}`;
    return undefined;
  },
};

const tiktok: SiteRule = {
  hosts: ['tiktok.com', 'vm.tiktok.com', 'vt.tiktok.com'],
  canonical(url, segments) {
    // Short links (vm./vt.) redirect to an unknown video: keep their code, case-sensitive.
    if (url.hostname !== 'tiktok.com')
      return segments[0] ? `https://${url.hostname}/${segments[0]}` : undefined;
    // /@user/video/<id> and /@user/photo/<id>: the numeric id identifies the post whatever the user segment says.
    const at = segments.findIndex((s) => s === 'video' || s === 'photo' || s === 'v');
    const id = at >= 0 ? segments[at + 1]?.replace(/\.html$/, '') : undefined;
    if (id && /^\d+$/.test(id)) return `https://tiktok.com/@/video/${id}`;
    const user = segments[0];
    if (segments.length === 1 && user?.startsWith('@')) return `https://tiktok.com/${user.toLowerCase()}`;
    return undefined;
  },
};

const telegram: SiteRule = {
  hosts: ['t.me', 'telegram.me', 'telegram.dog'],
  canonical(_url, segments) {
    // /s/<channel>/<post> is the web preview of /<channel>/<post>; channel names are case-insensitive.
    const parts = segments[0] === 's' ? segments.slice(1) : segments;
    const [channel, post] = parts;
    if (!channel || !/^[A-Za-z0-9_+-]+$/.test(channel)) return undefined;
    if (channel.startsWith('+') || channel === 'joinchat') return `https://t.me/${parts.join('/')}`;
    if (post && /^\d+$/.test(post)) return `https://t.me/${channel.toLowerCase()}/${post}`;
    return parts.length === 1 ? `https://t.me/${channel.toLowerCase()}` : undefined;
  },
};

export const SITE_RULES: readonly SiteRule[] = [youtube, x, facebook, instagram, tiktok, telegram];
