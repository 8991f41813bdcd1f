import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../test/temp-dirs.js';
import { writeLined } from './lined-json.js';

// a disk that takes at most 5 bytes per write, as one filling up takes what fits and says how much
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const write = (fd: number, bytes: Buffer, offset: number, length: number, position: null, done: (e: Error | null, written: number) => void) =>
    fs.write(fd, bytes, offset, Math.min(length, 5), position, done);
  return { ...fs, write };
});

describe('writeLined on short writes', () => {
  const dir = tempDirs('kubesim-short');

  it('writes the rest of every batch, so the document is whole', async () => {
    const f = join(dir(), 'state.json');
    const elements = [['/registry/pods/default/a', { v: 'é' }], ['/registry/pods/default/b', { v: 2 }]];
    const fd = openSync(f, 'w');
    await writeLined(fd, JSON.stringify({ store: { revision: 7, entries: [] } }), ']}}', [...elements, Buffer.from('["/registry/pods/default/c",{}]')]);
    closeSync(fd);
    expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual({ store: { revision: 7, entries: [...elements, ['/registry/pods/default/c', {}]] } });
  });
});
