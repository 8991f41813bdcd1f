import { closeSync, fstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/temp-dirs.js';
import { readLined, readLinedSpans, writeLined } from './lined-json.js';

type Doc = { name: string; store: { revision: number; entries: unknown[] } };

describe('JSON written one array element per line', () => {
  const dir = tempDirs('kubesim-lined');
  const file = () => join(dir(), 'state.json');

  const write = async (f: string, elements: unknown[]) => {
    const fd = openSync(f, 'w');
    await writeLined(fd, JSON.stringify({ name: 'k', store: { revision: 7, entries: [] } }), ']}}', elements);
    closeSync(fd);
  };
  const elements = [['/registry/pods/default/a', { v: 'é\nnewline "quoted"' }], ['/registry/pods/default/b', { v: 2 }], ['/registry/pods/default/c', {}]];

  it('is one valid JSON document, one element per line', async () => {
    const f = file();
    await write(f, elements);
    const text = readFileSync(f, 'utf8');
    expect(JSON.parse(text)).toEqual({ name: 'k', store: { revision: 7, entries: elements } });
    expect(text.split('\n')).toHaveLength(elements.length + 3);
  });

  it.each([1, 7, 64, 1 << 20])('reads back what it wrote, a line at a time in chunks of %i bytes', async (chunkSize) => {
    const f = file();
    await write(f, elements);
    const { head, elements: read } = readLined<Doc>(f, ']}}', (d) => d.store.entries, { wholeUpTo: 0, chunkSize });
    expect(head).toEqual({ name: 'k', store: { revision: 7, entries: [] } });
    expect(read).toEqual(elements);
  });

  it('gives each element as a span of the file, parsed by whoever needs it', async () => {
    const f = file();
    await write(f, elements);
    const { head, text, spans } = readLinedSpans<Doc>(f, ']}}', { wholeUpTo: 0 })!;
    expect(head).toEqual({ name: 'k', store: { revision: 7, entries: [] } });
    expect(spans.map(([start, end]) => JSON.parse(text.toString('utf8', start, end)))).toEqual(elements);
    expect(readLinedSpans<Doc>(f, ']}}')).toBeUndefined(); // small: parsed whole by readLined
  });

  it('writes an element longer than a batch whole, between the batches around it', async () => {
    const f = file();
    const big = [['/registry/configmaps/default/a', { data: 'é'.repeat(1_500_000) }], ...elements];
    await write(f, big);
    expect(readLined<Doc>(f, ']}}', (d) => d.store.entries, { wholeUpTo: 0 }).elements).toEqual(big);
  });

  it('reads an empty array', async () => {
    const f = file();
    await write(f, []);
    expect(JSON.parse(readFileSync(f, 'utf8')).store.entries).toEqual([]);
    expect(readLined<Doc>(f, ']}}', (d) => d.store.entries).elements).toEqual([]);
    expect(readLined<Doc>(f, ']}}', (d) => d.store.entries, { wholeUpTo: 0 }).elements).toEqual([]);
  });

  it.each([{ wholeUpTo: 0, chunkSize: 16 }, {}])('reads a document saved whole on one line, as kubesim did before (%o)', async (options) => {
    const f = file();
    writeFileSync(f, JSON.stringify({ name: 'k', store: { revision: 7, entries: elements } }));
    const { head, elements: read } = readLined<Doc>(f, ']}}', (d) => d.store.entries, options);
    expect(head.store.entries).toEqual([]);
    expect(read).toEqual(elements);
  });

  it('parses a small file whole, with the same result as a line at a time', async () => {
    const f = file();
    await write(f, elements);
    expect(readLined<Doc>(f, ']}}', (d) => d.store.entries)).toEqual(readLined<Doc>(f, ']}}', (d) => d.store.entries, { wholeUpTo: 0 }));
  });

  it('rejects with the error of an element that does not serialize, once the writes under way have ended', async () => {
    const fd = openSync(file(), 'w');
    // lines of 300,000 characters, room made for 900 KB each (UTF-8 at most): one per batch, so that y's batch is still
    // being written when the last element throws
    const big = ['x'.repeat(300_000), 'y'.repeat(300_000), 'z'.repeat(300_000), { n: 1n }];
    await expect(writeLined(fd, '{"entries":[]}', ']}', big)).rejects.toThrow(/BigInt/);
    // the batches sent are on disk whole (x and y), the one being filled (z) is not
    expect(fstatSync(fd).size).toBe(Buffer.byteLength(`{"entries":[\n"${big[0]}",\n"${big[1]}",\n`));
    closeSync(fd);
  });

  it('refuses a layout whose array is not last (a bug, not a user error)', async () => {
    await expect(writeLined(0, '{"entries":[],"x":1}', ']}', [])).rejects.toThrow(/kubesim bug/);
  });
});
