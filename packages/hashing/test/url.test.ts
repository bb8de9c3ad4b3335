import { describe, expect, it } from 'vitest';
import { InvalidUrlError, canonicalUrl, sha256Hex, urlHash } from '../src/index.ts';

const SAME: Record<string, string[]> = {
  'https://example.com/a/~user?a=1&b=2': [
    'HTTP://WWW.Example.COM:80/a/%7euser/?utm_source=x&b=2&a=1#frag',
    'https://m.example.com/a/~user?b=2&fbclid=abc&a=1&gclid=1',
    'example.com/a/%7Euser?a=1&b=2&utm_campaign=z',
  ],
  'https://xn--bcher-kva.de/x': ['https://BÜCHER.de/x/', 'https://xn--bcher-kva.de:443/x'],
  'https://example.com/a%2Fb': ['https://example.com/a%2fb'],
  'https://youtube.com/watch?v=dQw4w9WgXcQ': [
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share&t=42s',
    'https://m.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ',
    'https://youtu.be/dQw4w9WgXcQ?si=AbCdEf',
    'https://www.youtube.com/shorts/dQw4w9WgXcQ',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
  ],
  'https://x.com/i/status/1234567890': [
    'https://twitter.com/SomeUser/status/1234567890?s=20&t=abc',
    'https://mobile.twitter.com/someuser/status/1234567890',
    'https://x.com/other/status/1234567890/photo/1',
  ],
  'https://x.com/someuser': ['https://twitter.com/SomeUser', 'https://www.x.com/someuser/'],
  'https://facebook.com/story.php?story_fbid=123&id=456': [
    'https://m.facebook.com/story.php?id=456&story_fbid=123&mibextid=xyz',
    'https://www.facebook.com/story.php?story_fbid=123&id=456&__tn__=R',
  ],
  'https://facebook.com/watch?v=987': ['https://web.facebook.com/watch/?v=987&ref=sharing'],
  'https://instagram.com/p/Cxyz_12-ab': [
    'https://www.instagram.com/reel/Cxyz_12-ab/?igsh=MWQ1',
    'https://instagram.com/someone/p/Cxyz_12-ab/',
    'https://instagr.am/p/Cxyz_12-ab',
  ],
  'https://tiktok.com/@/video/7234567890123456789': [
    'https://www.tiktok.com/@Some.User/video/7234567890123456789?is_from_webapp=1&sender_device=pc',
    'https://m.tiktok.com/v/7234567890123456789.html',
  ],
  'https://t.me/somechannel/123': [
    'https://telegram.me/s/SomeChannel/123?single',
    'https://t.me/SomeChannel/123?embed=1',
  ],
};

describe('canonicalUrl', () => {
  for (const [canonical, aliases] of Object.entries(SAME)) {
    it(`folds aliases to ${canonical}`, () => {
      expect(canonicalUrl(canonical)).toBe(canonical);
      for (const alias of aliases) expect(canonicalUrl(alias)).toBe(canonical);
    });
  }

  it('keeps what identifies different content apart', () => {
    expect(canonicalUrl('https://example.com/a?id=1')).not.toBe(canonicalUrl('https://example.com/a?id=2'));
    expect(canonicalUrl('https://t.me/+InviteCode')).toBe('https://t.me/+InviteCode');
    expect(canonicalUrl('https://vm.tiktok.com/ZMabc123/')).toBe('https://vm.tiktok.com/ZMabc123');
  });

  it('rejects non-http URLs and garbage with a typed error', () => {
    for (const bad of ['mailto:a@b.c', 'javascript:alert(1)', 'https://exa mple.com', '', 'http://']) {
      expect(() => canonicalUrl(bad)).toThrow(InvalidUrlError);
    }
  });

  it('urlHash is the SHA-256 of the canonical form', () => {
    expect(urlHash('https://youtu.be/dQw4w9WgXcQ')).toBe(
      sha256Hex('https://youtube.com/watch?v=dQw4w9WgXcQ'),
    );
  });
});
