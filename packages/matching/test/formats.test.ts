import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ExactValueSet,
  dryRunReport,
  parseHashLines,
  parseHmaBank,
  parseTatHashList,
  parseVigieCsv,
  parseVigieJson,
  serialiseHmaBank,
  serialiseTatHashList,
  serialiseVigieCsv,
  serialiseVigieJson,
  type BankEntry,
} from '../src/index.ts';

const PDQ = 'f162eb9daab170c0567fe3632d9a5548c5612982dd5e374a7424ebbc8a835c95';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

const safeText = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() === s && s !== '' && !/[;\s]/.test(s));
const entryArb: fc.Arbitrary<BankEntry> = fc.record({
  signalType: fc.constant('pdq' as const),
  value: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
  labels: fc.array(safeText, { maxLength: 3 }),
  provenance: fc.record({ source: safeText, sourceId: safeText }),
  confidence: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
  jurisdictions: fc.array(fc.constantFrom('FR', 'DE', 'EU'), { maxLength: 2 }),
  status: fc.constantFrom('active' as const, 'disabled' as const, 'deleted' as const),
});
const uniqueEntries = fc.uniqueArray(entryArb, { selector: (e) => e.value, maxLength: 20 });

describe('Vigie CSV and JSON', () => {
  it('round-trip any valid entries unchanged', () => {
    fc.assert(
      fc.property(uniqueEntries, (entries) => {
        for (const parsed of [
          parseVigieCsv(serialiseVigieCsv(entries)),
          parseVigieJson(serialiseVigieJson(entries)),
        ]) {
          expect(parsed.rejected).toEqual([]);
          expect(parsed.duplicates).toEqual([]);
          expect(parsed.accepted).toEqual(entries);
        }
      }),
    );
  });

  it('reports rejected rows with line, field and reason, and duplicates with the first line', () => {
    const csv = [
      'signal_type,value,labels,confidence,status,jurisdictions',
      `pdq,${PDQ.toUpperCase()},gifct:behaviour:x,0.9,active,FR`,
      `pdq,${PDQ.slice(1)},,,,`,
      `nope,${PDQ},,,,`,
      `md5,${MD5},,2,,`,
      `pdq,${PDQ},,,,`,
      `md5,${MD5},,,paused,`,
      `md5,${MD5},,,,France`,
      'md5,"unterminated',
    ].join('\n');
    // An unterminated quote makes the rest of the file unreadable: the whole file is refused, with its line.
    const result = parseVigieCsv(csv);
    expect(result.accepted).toEqual([]);
    expect(result.rejected.map((r) => [r.line, r.field, r.code])).toEqual([[9, '*', 'malformed_row']]);
    const rowWise = parseVigieCsv(csv.split('\n').slice(0, 8).join('\n'));
    expect(rowWise.accepted.map((e) => e.value)).toEqual([PDQ]);
    expect(rowWise.acceptedLines).toEqual([2]);
    expect(rowWise.rejected.map((r) => [r.line, r.field, r.code])).toEqual([
      [3, 'value', 'invalid_value'],
      [4, 'signal_type', 'unknown_signal_type'],
      [5, 'confidence', 'invalid_field'],
      [7, 'status', 'invalid_field'],
      [8, 'jurisdictions', 'invalid_field'],
    ]);
    expect(rowWise.rejected[0]!.reason).toBe('a PDQ hash must be 64 hex characters, got 63');
    expect(rowWise.duplicates).toEqual([{ line: 6, firstLine: 2, signalType: 'pdq', value: PDQ }]);
    expect(dryRunReport(rowWise)).toContain('accepted: 1\nrejected: 5\nduplicates: 1\n');
  });

  it('rejects a header without the required columns', () => {
    const result = parseVigieCsv('type,hash\npdq,abc\n');
    expect(result.accepted).toEqual([]);
    expect(result.rejected.some((r) => r.code === 'missing_field' && r.field === 'signal_type')).toBe(true);
  });
});

describe('HMA bank files', () => {
  it('reads the python-threatexchange local-file form and the CSV form', () => {
    const text = [
      `pdq ${PDQ}`,
      `video_md5 ${MD5.toUpperCase()}`,
      'raw_text  Hello   World ',
      `pdq_ocr ${PDQ}`,
      `pdq,${PDQ},42`,
      'url https://Example.com:443/a#frag',
    ].join('\n');
    const result = parseHmaBank(text);
    expect(result.accepted.map((e) => [e.signalType, e.value])).toEqual([
      ['pdq', PDQ],
      ['md5', MD5],
      ['text', 'hello world'],
      ['url', 'https://example.com/a'],
    ]);
    expect(result.rejected).toEqual([
      { line: 4, field: 'signal_type', code: 'unknown_signal_type', reason: 'unknown signal type "pdq_ocr"' },
    ]);
    expect(result.duplicates).toEqual([{ line: 5, firstLine: 1, signalType: 'pdq', value: PDQ }]);
  });

  it('reads bare signals with a default type and round-trips through its CSV export', () => {
    expect(parseHmaBank(`${PDQ}\n`, 'pdq').accepted[0]!.value).toBe(PDQ);
    fc.assert(
      fc.property(uniqueEntries, (entries) => {
        const active = entries.filter((e) => e.status === 'active');
        const back = parseHmaBank(serialiseHmaBank(entries));
        expect(back.rejected).toEqual([]);
        expect(back.accepted.map((e) => [e.value, e.provenance.sourceId])).toEqual(
          active.map((e) => [e.value, e.provenance.sourceId]),
        );
      }),
    );
  });
});

describe('Tech Against Terrorism hash list', () => {
  it('maps a v2 page to entries, labels and status', () => {
    const page = {
      count: 3,
      next: null,
      previous: null,
      checkpoint: '1700000000,3',
      results: [
        {
          id: 1,
          hash_digest: MD5,
          algorithm: 'MD5',
          ideology: 'islamist',
          file_type: 'mp4',
          deleted: false,
          created_on: '2024-01-01T00:00:00Z',
          updated_on: '2024-01-02T00:00:00Z',
        },
        { id: 2, hash_digest: PDQ, algorithm: 'PDQ', ideology: 'far-right', file_type: 'jpg', deleted: true },
        { id: 3, hash_digest: 'abc', algorithm: 'MD5' },
        { id: 4, hash_digest: MD5, algorithm: 'SHA1' },
      ],
    };
    const result = parseTatHashList(JSON.stringify(page));
    expect(result.accepted).toEqual([
      {
        signalType: 'md5',
        value: MD5,
        labels: ['ideology:islamist', 'file_type:mp4'],
        provenance: {
          source: 'tcap',
          sourceId: '1',
          createdAt: '2024-01-01T00:00:00Z',
          updatedAt: '2024-01-02T00:00:00Z',
        },
        jurisdictions: [],
        status: 'active',
      },
      {
        signalType: 'pdq',
        value: PDQ,
        labels: ['ideology:far-right', 'file_type:jpg'],
        provenance: { source: 'tcap', sourceId: '2' },
        jurisdictions: [],
        status: 'deleted',
      },
    ]);
    expect(result.rejected.map((r) => [r.line, r.field, r.code])).toEqual([
      [3, 'value', 'invalid_value'],
      [4, 'algorithm', 'unknown_signal_type'],
    ]);
    const again = parseTatHashList(serialiseTatHashList(result.accepted));
    expect(again.accepted).toEqual(result.accepted);
  });

  it('rejects non-JSON input with a typed rejection', () => {
    expect(parseTatHashList('{').rejected[0]!.code).toBe('malformed_row');
  });
});

describe('exact-value sets and hash lines', () => {
  it('match canonicalised MD5, URL and text values', () => {
    const md5 = new ExactValueSet('md5');
    md5.add(MD5.toUpperCase(), 7);
    expect(md5.lookup(MD5)).toEqual([7]);
    const urls = new ExactValueSet('url');
    urls.add('HTTP://Example.COM:80/path?q=1#top', 1);
    expect(urls.lookup('http://example.com/path?q=1')).toEqual([1]);
    expect(urls.remove('http://example.com/path?q=1', 1)).toBe(true);
    expect(urls.size).toBe(0);
    expect(() => urls.lookup('not a url')).toThrow(expect.objectContaining({ code: 'invalid_hash' }));
    expect(() => new ExactValueSet('pdq')).toThrow(
      expect.objectContaining({ code: 'unsupported_signal_type' }),
    );
  });

  it('parseHashLines keeps 0-based line numbers, skips a header and blanks, and locates bad hashes', () => {
    const text = `pdq_hex,quality,path\n${PDQ},100,a.jpg\n\n${PDQ.slice(2)}\n${PDQ}\n`;
    const parsed = parseHashLines(text, 256);
    expect(parsed.lineIndex).toEqual([1, 4]);
    expect(parsed.errors).toEqual([{ line: 4, field: 1, reason: 'expected 64 hex characters, got 62' }]);
  });
});
