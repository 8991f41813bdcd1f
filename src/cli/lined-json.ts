import { constants } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, writevSync } from 'node:fs';

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
const WRITE_BATCH = 1 << 20;
/** Linux's limit on the buffers of one writev: small lines are batched by count as well as by size. */
const IOV_MAX = 1024;
const READ_CHUNK = 16 << 20;
/** Up to this size a file is parsed whole: one JSON.parse is twice as fast as a line at a time for a cold process. */
const PARSE_WHOLE_UP_TO = 128 << 20;

/**
 * Writes the document to an open file descriptor, elements batched into writes of about a megabyte. An element that
 * is a Buffer is a line as it was read (the bytes of one element): written as it is.
 * @param empty the document with an empty array last, e.g. `{"store":{"entries":[]}}`: where the elements go
 * @param close what follows that array's "[" in `empty` (`]}}`)
 */
export function writeLined(fd: number, empty: string, close: string, elements: Iterable<unknown>): void {
  if (!empty.endsWith(`[${close}`)) throw new Error(`kubesim bug: ${empty.slice(-20)} does not end with [${close}`);
  const batch: Buffer[] = [];
  let size = 0;
  const flush = () => {
    let pending = batch;
    let left = size;
    for (;;) {
      let written = writevSync(fd, pending);
      left -= written;
      if (left === 0) break;
      // a short write (the disk filling up): the rest goes in another call, which fails if nothing more fits (a short
      // write taken for a whole one saved a state cut short, that the next command could not read)
      let i = 0;
      while (written >= pending[i]!.length) written -= pending[i++]!.length;
      pending = [pending[i]!.subarray(written), ...pending.slice(i + 1)];
    }
    batch.length = 0;
    size = 0;
  };
  const put = (bytes: Buffer) => {
    batch.push(bytes);
    size += bytes.length;
    if (size >= WRITE_BATCH || batch.length >= IOV_MAX) flush();
  };
  put(Buffer.from(`${empty.slice(0, -close.length)}\n`));
  let first = true;
  for (const element of elements) {
    if (!first) put(BETWEEN);
    put(Buffer.isBuffer(element) ? element : Buffer.from(JSON.stringify(element)));
    first = false;
  }
  put(Buffer.from(`${first ? '' : '\n'}${close}\n`));
  flush();
}

const BETWEEN = Buffer.from(',\n');

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
