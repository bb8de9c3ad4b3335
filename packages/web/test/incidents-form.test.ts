import { describe, expect, it } from 'vitest';
import { lineOfField, parseContent } from '../src/incidents/form.ts';

const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
const PDQ = 'f'.repeat(64);

describe('parseContent', () => {
  it('reads one URL per line, skipping blank lines but keeping their numbers', () => {
    const parsed = parseContent('  https://a.example/1 \n\nhttps://b.example/2\n', '');
    expect(parsed.urls).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(parsed.urlLines).toEqual([1, 3]);
    expect(parsed.hashes).toEqual([]);
  });

  it('reads "kind value" or "kind: value" hash lines, any case for the kind', () => {
    const parsed = parseContent('', `MD5 ${MD5}\n\npdq: ${PDQ}`);
    expect(parsed.hashes).toEqual([
      { kind: 'md5', value: MD5 },
      { kind: 'pdq', value: PDQ },
    ]);
    expect(parsed.hashLines).toEqual([1, 3]);
    expect(parsed.badHashLines).toEqual([]);
  });

  it('reports lines without a known kind, or with more than a kind and a value', () => {
    const parsed = parseContent('', `${MD5}\nsha1 ${MD5}\nmd5 ${MD5} extra\nsha256 ${PDQ}`);
    expect(parsed.badHashLines).toEqual([1, 2, 3]);
    expect(parsed.hashes).toEqual([{ kind: 'sha256', value: PDQ }]);
  });
});

describe('lineOfField', () => {
  it('maps an item index in an API field path to the line it came from', () => {
    expect(lineOfField('body.urls.1', 'urls', [1, 3])).toBe(3);
    expect(lineOfField('body.hashes.0.value', 'hashes', [2])).toBe(2);
  });

  it('names no line for the whole input or another input', () => {
    expect(lineOfField('body.urls', 'urls', [1])).toBeUndefined();
    expect(lineOfField('body.hashes.0', 'urls', [1])).toBeUndefined();
  });
});
