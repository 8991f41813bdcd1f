import { describe, expect, it } from 'vitest';
import type { Span } from './lined-json.js';
import { LinedBucket } from './saved-buckets.js';

/** A buffer of lines as a saved file holds them, with each line's span. */
function lines(...texts: string[]): { text: Buffer; spans: Span[] } {
  const text = Buffer.from(texts.join('\n'));
  let start = 0;
  const spans = texts.map((t): Span => [start, (start += Buffer.byteLength(t) + 1) - 1]);
  return { text, spans };
}

const line = (key: string, modRevision: number, extra = '') => `["${key}",{"value":{"kind":"Event"${extra}},"createRevision":1,"modRevision":${modRevision},"version":1}]`;

describe('LinedBucket: the lines of a saved bucket, read a key range at a time', () => {
  it('hands over each key range once, in key order even from unsorted lines', () => {
    const { text, spans } = lines(line('/registry/events/ns/web.2', 3), line('/registry/events/ns/db.1', 2), line('/registry/events/ns/web.1', 4));
    const bucket = new LinedBucket(text, spans);
    expect(bucket.untouched).toBe(true);
    expect(bucket.take('/registry/events/ns/web.').map(([k]) => k)).toEqual(['/registry/events/ns/web.1', '/registry/events/ns/web.2']);
    expect(bucket.take('/registry/events/ns/web.')).toEqual([]);
    expect([bucket.untouched, bucket.pending]).toEqual([false, true]);
    expect([...bucket.rest(new Set())].map((r) => [r.key, r.line.toString()])).toEqual([['/registry/events/ns/db.1', line('/registry/events/ns/db.1', 2)]]);
    expect(bucket.take('/registry/events/').map(([k]) => k)).toEqual(['/registry/events/ns/db.1']);
    expect(bucket.pending).toBe(false);
  });

  it('drops entries newer than its state, read or not, by the revision after the value (which may hold a field of that name)', () => {
    const { text, spans } = lines(line('/registry/events/ns/a.1', 5, ',"modRevision":99'), line('/registry/events/ns/b.1', 9), line('/registry/events/ns/c.1', 6));
    const bucket = new LinedBucket(text, spans, { maxRevision: 6 });
    expect(bucket.take('/registry/events/ns/b.')).toEqual([]);
    expect([...bucket.rest(new Set())].map((r) => r.key)).toEqual(['/registry/events/ns/a.1', '/registry/events/ns/c.1']);
  });

  it('fails only the read of a range that holds a line that is not JSON, naming the file', () => {
    const { text, spans } = lines(line('/registry/events/ns/a.1', 1), '["/registry/events/ns/b.1",not json]');
    const bucket = new LinedBucket(text, spans, { file: 'events.json' });
    expect(bucket.take('/registry/events/ns/a.')).toHaveLength(1);
    expect(() => bucket.take('/registry/events/ns/b.')).toThrow(expect.objectContaining({ code: 'state-unreadable', message: expect.stringMatching(/^cannot read events\.json: /) }));
  });

  it('reads only the lines under a prefix that mention a text, found in the bytes', () => {
    const { text, spans } = lines(
      line('/registry/events/ns/a.1', 1, ',"uid":"u-1"'),
      line('/registry/events/ns/a.2', 2, ',"uid":"u-2"'),
      line('/registry/events/ns/b.1', 3, ',"uid":"u-1","again":"u-1"'),
      line('/registry/events/other/c.1', 4, ',"uid":"u-1"'),
    );
    const bucket = new LinedBucket(text, spans);
    expect(bucket.takeMentioning('/registry/events/ns/', 'u-1').map(([k]) => k)).toEqual(['/registry/events/ns/a.1', '/registry/events/ns/b.1']);
    expect(bucket.takeMentioning('/registry/events/ns/', 'u-1')).toEqual([]);
    expect(bucket.take('/registry/events/').map(([k]) => k)).toEqual(['/registry/events/ns/a.2', '/registry/events/other/c.1']);
  });
});

