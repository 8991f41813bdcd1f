import { constants } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, write } from 'node:fs';

/**
 * A JSON document whose big array holds one element per line: still one JSON value (JSON.parse and jq read it whole),
 * but written and read a line at a time. A cluster of 150,000 pods is a gigabyte of JSON: as one string it passes
 * V8's longest (2^29 characters), and read whole it sits in memory twice.
 *
 *   {"name":"kubesim",…,"store":{"revision":42,"entries":[      ← head: the document up to the array's "["
 *   ["/registry/pods/default/web",{…}],                          ← one element per line
 *   ["/registry/pods/default/db",{…}]
 *   ]}}                                                          ← close: what ends the array and the document
 */
/** The size of each write: lines are encoded into buffers of this size, each written when full. */
const WRITE_BATCH = 1 << 20;
const READ_CHUNK = 16 << 20;
/** Up to this size a file is parsed whole: one JSON.parse is twice as fast as a line at a time for a cold process. */
const PARSE_WHOLE_UP_TO = 128 << 20;

/**
 * Writes the document to an open file descriptor, a megabyte at a time. An element that is a Buffer is a line as it
 * was read (the bytes of one element): written as it is.
 *
 * Lines are encoded into two buffers in turn, not each into a Buffer of its own: 900,000 small Buffers (150,000 pods
 * and their events) are as much memory outside V8's heap, which makes V8 collect garbage again and again while the
 * save runs. One buffer is written by libuv's thread pool while the other fills: the kernel's copy of 1.2 GB (3 s)
 * runs beside JSON.stringify, on the machine's other core.
 * @param empty the document with an empty array last, e.g. `{"store":{"entries":[]}}`: where the elements go
 * @param close what follows that array's "[" in `empty` (`]}}`)
 */
export async function writeLined(fd: number, empty: string, close: string, elements: Iterable<unknown>): Promise<void> {
  if (!empty.endsWith(`[${close}`)) throw new Error(`kubesim bug: ${empty.slice(-20)} does not end with [${close}`);
  const buffers = [Buffer.allocUnsafe(WRITE_BATCH), Buffer.allocUnsafe(WRITE_BATCH)];
  let batch = buffers[0]!;
  let used = 0;
  // one write at a time, so that they land in order; a failed one is thrown by the next send, or at the end
  let writing = Promise.resolve();
  const send = async (bytes: Buffer) => {
    await writing;
    writing = writeAll(fd, bytes);
    writing.catch(() => {});
  };
  const flush = async () => {
    await send(batch.subarray(0, used));
    batch = batch === buffers[0] ? buffers[1]! : buffers[0]!;
    used = 0;
  };
  // UTF-8 takes at most 3 bytes per UTF-16 code unit
  const room = (line: string | Buffer) => used + (typeof line === 'string' ? line.length * 3 : line.length) <= WRITE_BATCH;
  const append = (line: string | Buffer) => {
    used += typeof line === 'string' ? batch.write(line, used) : line.copy(batch, used);
  };
  const makeRoom = async (line: string | Buffer) => {
    await flush();
    if (room(line)) append(line);
    else await send(typeof line === 'string' ? Buffer.from(line) : line);
  };
  /**
   * Adds a line to the batch; when the batch is full, returns the promise of its write. Most lines fit: they go in
   * without a promise to wait for.
   */
  const put = (line: string | Buffer): Promise<void> | undefined => {
    if (!room(line)) return makeRoom(line);
    append(line);
    return undefined;
  };
  try {
    await put(`${empty.slice(0, -close.length)}\n`);
    let first = true;
    for (const element of elements) {
      const between = first ? undefined : put(',\n');
      if (between) await between;
      const made = put(Buffer.isBuffer(element) ? element : JSON.stringify(element));
      if (made) await made;
      first = false;
    }
    await put(`${first ? '' : '\n'}${close}\n`);
    await flush();
  } finally {
    // nothing writes to fd any more once this returns, even on an error: the caller closes it, and the next file
    // opened may get its number
    await writing.catch(() => {});
  }
  await writing;
}

const writeAt = (fd: number, bytes: Buffer, offset: number, length: number) =>
  new Promise<number>((resolve, reject) => write(fd, bytes, offset, length, null, (e, written) => (e ? reject(e) : resolve(written))));

/**
 * All of the bytes: a short write (the disk filling up) is followed by another for the rest, which fails if nothing
 * more fits (a short write taken for a whole one saved a state cut short, that the next command could not read).
 */
async function writeAll(fd: number, bytes: Buffer): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += await writeAt(fd, bytes, done, bytes.length - done);
}

/**
 * Reads a document written by writeLined: the head, with its array emptied, and the array's elements. A file of up to
 * 128 MB is parsed whole (so is a file kubesim saved on one line before); a bigger one a line at a time.
 */
export function readLined<Head>(
  file: string,
  close: string,
  arrayOf: (head: Head) => unknown[],
  { wholeUpTo = PARSE_WHOLE_UP_TO, chunkSize = READ_CHUNK } = {},
): { head: Head; elements: unknown[] } {
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).size <= wholeUpTo) return splitWhole(JSON.parse(readFileSync(fd, 'utf8')) as Head, arrayOf);
    const lines = linesOf(fd, chunkSize);
    const first = lines.next();
    const text = first.done ? '' : first.value;
    if (!text.endsWith('[')) return splitWhole(JSON.parse([text, ...lines].join('\n')) as Head, arrayOf);
    const head = JSON.parse(text + close) as Head;
    const elements: unknown[] = [];
    for (const line of lines) {
      if (line === close) break;
      elements.push(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line));
    }
    return { head, elements };
  } finally {
    closeSync(fd);
  }
}

/** An element's line, as a span of the buffer holding the whole file. */
export type Span = [start: number, end: number];

/**
 * For a reader that parses only some elements, and only when it needs them: the head, the file in one buffer, and each
 * element's span in it. The text stays off V8's heap (150,000 pods kept as strings cost seconds of garbage
 * collection). Undefined when the file is small enough to parse whole, too big for one buffer, or not one element per
 * line: readLined reads those.
 */
export function readLinedSpans<Head>(file: string, close: string, { wholeUpTo = PARSE_WHOLE_UP_TO } = {}): { head: Head; text: Buffer; spans: Span[] } | undefined {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size <= wholeUpTo || size > constants.MAX_LENGTH) return undefined;
    const text = readFileSync(fd);
    const firstEnd = text.indexOf(10);
    if (firstEnd < 1 || text[firstEnd - 1] !== 0x5b /* [ */) return undefined;
    const head = JSON.parse(text.toString('utf8', 0, firstEnd) + close) as Head;
    const spans: Span[] = [];
    const closing = Buffer.from(close);
    for (let start = firstEnd + 1; start < text.length; ) {
      let end = text.indexOf(10, start);
      if (end < 0) end = text.length;
      if (end - start === closing.length && text.subarray(start, end).equals(closing)) break;
      spans.push([start, text[end - 1] === 0x2c /* , */ ? end - 1 : end]);
      start = end + 1;
    }
    return { head, text, spans };
  } finally {
    closeSync(fd);
  }
}

function splitWhole<Head>(head: Head, arrayOf: (head: Head) => unknown[]): { head: Head; elements: unknown[] } {
  return { head, elements: arrayOf(head).splice(0) };
}

/** The file's lines, read in chunks (16 MB, or smaller in tests, so that lines straddle them). */
function* linesOf(fd: number, chunkSize: number): Generator<string> {
  const chunk = Buffer.allocUnsafe(chunkSize);
  let carry: Buffer = Buffer.alloc(0);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunkSize, null);
    if (n === 0) break;
    const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      yield buf.toString('utf8', start, nl);
      start = nl + 1;
    }
    // copied: the chunk buffer is reused by the next read
    carry = Buffer.from(buf.subarray(start));
  }
  if (carry.length) yield carry.toString('utf8');
}
