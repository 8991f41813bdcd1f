import type { LazyBucket, StoreSnapshot } from '../store/store.js';
import { BackendUnavailable } from './backend/backend.js';
import { prefixRange } from '../store/sorted-keys.js';
import { readLined, readLinedSpans, type Span } from './lined-json.js';

type Entries = StoreSnapshot['entries'];

/**
 * The line an entry was parsed from, kept on its stored value: a write replaces the value (the store never changes one
 * in place), so a value that still has it is as it was read, and a save writes that line back instead of encoding it.
 */
const READ_FROM = Symbol('line read');

type Entry = Entries[number];

/**
 * A saved file that does not parse: changed by hand, or cut short by a full disk (kubesim's own saves are atomic). The
 * command stops with that, not with the parser's failure somewhere inside it.
 */
export function unreadable(file: string, e: unknown): BackendUnavailable {
  if (e instanceof BackendUnavailable) return e;
  return new BackendUnavailable('state-unreadable', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
}

/** Parses a saved line, remembering it on the entry's value. */
export function parseLine(line: Buffer): Entry {
  const entry = JSON.parse(line.toString('utf8')) as Entry;
  (entry[1] as { [READ_FROM]?: Buffer })[READ_FROM] = line;
  return entry;
}

/** What a save writes for an entry: the line it was read from while unchanged, else the entry. */
export function asSaved(entry: Entry): Entry | Buffer {
  return (entry[1] as { [READ_FROM]?: Buffer })[READ_FROM] ?? entry;
}

/** A saved line as it was read, with its key: what a save writes back without parsing it. */
export interface RawLine {
  key: string;
  line: Buffer;
}

/** Whether an entry was written with one of these leases (revoked: etcd deleted its key). */
const leaseRevoked = (lease: number | undefined, revoked: ReadonlySet<number>) => lease !== undefined && revoked.has(lease);

/** A lazy bucket as the save sees it: whether anything was read from it, and what was not, to write back as it was. */
export interface SavedBucket extends LazyBucket {
  /** Nothing handed over yet: its file can stay as it is. */
  readonly untouched: boolean;
  /**
   * The lines never handed over, in key order, but those of a `revoked` lease (only asked once something was handed over
   * or a lease revoked: see untouched).
   */
  rest(revoked: ReadonlySet<number>): Iterable<RawLine>;
}

/** The key that opens a saved line: ["/registry/pods/default/web",{… */
export function keyOfLine(text: Buffer, [start]: Span): string {
  return text.toString('utf8', start + 2, text.indexOf(0x22 /* " */, start + 2));
}

/**
 * The lines of one bucket in a file kept one entry per line, in key order (as saves write them): a read parses the key
 * range it asks for, so the events of one pod are read without the 900,000 others of a 150,000-pod cluster.
 * `maxRevision` drops entries written after the state they go with (see saveState).
 */
export class LinedBucket implements SavedBucket {
  private keys: string[];
  private spans: Span[];
  private readonly handed: Uint8Array;
  private left: number;
  private readonly maxRevision: number;
  private readonly file: string;

  /** `keys`: each line's key, when the caller has read them already (keyOfLine); `file`: where the text was read. */
  constructor(
    private readonly text: Buffer,
    spans: Span[],
    { maxRevision = Infinity, keys = spans.map((span) => keyOfLine(text, span)), file = 'the saved state' }: { maxRevision?: number; keys?: string[]; file?: string } = {},
  ) {
    this.maxRevision = maxRevision;
    this.file = file;
    this.keys = keys;
    this.spans = spans;
    // a file written by hand, or by a kubesim that did not sort: binary search needs key order
    if (this.keys.some((k, i) => i > 0 && this.keys[i - 1]! >= k)) {
      const order = this.keys.map((_, i) => i).sort((a, b) => (this.keys[a]! < this.keys[b]! ? -1 : 1));
      this.keys = order.map((i) => this.keys[i]!);
      this.spans = order.map((i) => spans[i]!);
    }
    this.handed = new Uint8Array(spans.length);
    this.left = spans.length;
  }

  take(prefix: string): Entries {
    const taken: Entries = [];
    const [from, to] = prefixRange(this.keys, prefix);
    for (let i = from; i < to; i++) this.hand(i, taken);
    return taken;
  }

  /** The lines under `prefix` that contain `text`, found in the bytes (one search, no parse) and parsed alone. */
  takeMentioning(prefix: string, text: string): Entries {
    const taken: Entries = [];
    const [first, end] = prefixRange(this.keys, prefix);
    if (first === end) return taken;
    const needle = Buffer.from(text);
    for (let at = this.text.indexOf(needle, this.spans[first]![0]); at >= 0 && at < this.spans[end - 1]![1]; ) {
      // the line holding the match: the last one starting at or before it
      let lo = first;
      let hi = end;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (this.spans[mid]![0] <= at) lo = mid;
        else hi = mid;
      }
      this.hand(lo, taken);
      at = this.text.indexOf(needle, this.spans[lo]![1]);
    }
    return taken;
  }

  /** Parses line i into `taken` unless handed over before (or newer than the state). */
  private hand(i: number, taken: Entries): void {
    if (this.handed[i]) return;
    let entry: Entry;
    try {
      entry = parseLine(this.text.subarray(...this.spans[i]!));
    } catch (e) {
      throw unreadable(this.file, e);
    }
    this.handed[i] = 1;
    this.left--;
    if (entry[1].modRevision <= this.maxRevision) taken.push(entry);
  }

  get pending(): boolean {
    return this.left > 0;
  }

  get untouched(): boolean {
    return this.left === this.keys.length;
  }

  *rest(revoked: ReadonlySet<number>): Generator<RawLine> {
    for (let i = 0; i < this.keys.length; i++) {
      if (this.handed[i] || this.modRevisionOf(this.spans[i]!) > this.maxRevision) continue;
      // a line's lease is looked for only when some lease went
      if (revoked.size && leaseRevoked(this.numberAfter(this.spans[i]!, '"lease":'), revoked)) continue;
      yield { key: this.keys[i]!, line: this.text.subarray(...this.spans[i]!) };
    }
  }

  /** The line's last "modRevision": the entry's own, written after its value (which may hold the same word). */
  private modRevisionOf(span: Span): number {
    return this.maxRevision === Infinity ? 0 : (this.numberAfter(span, '"modRevision":') ?? 0);
  }

  /**
   * A number field of the entry itself, found from the line's end: the entry's fields follow its value (which may hold
   * the same words), "lease" last if there (after "version").
   */
  private numberAfter([start, end]: Span, field: string): number | undefined {
    const at = this.text.lastIndexOf(field, end);
    if (at < start || (field === '"lease":' && at < this.text.lastIndexOf('"version":', end))) return undefined;
    return parseInt(this.text.toString('latin1', at + field.length, Math.min(end, at + field.length + 24)), 10);
  }
}

/** A bucket parsed whole on its first read: a file too small to be worth ranges, or saved before lines. */
export class WholeBucket implements SavedBucket {
  private read = false;

  constructor(private readonly parse: () => Entries) {}

  take(): Entries {
    if (this.read) return [];
    const entries = this.parse();
    this.read = true;
    return entries;
  }

  /** Text it cannot search: everything, parsed. */
  takeMentioning(): Entries {
    return this.take();
  }

  get pending(): boolean {
    return !this.read;
  }

  get untouched(): boolean {
    return !this.read;
  }

  /** Its entries never handed over, as lines (it kept none: a save after a lease ran out asks before any read). */
  rest(revoked: ReadonlySet<number>): RawLine[] {
    return this.take()
      .filter(([, stored]) => !leaseRevoked(stored.lease, revoked))
      .map((entry) => ({ key: entry[0], line: Buffer.from(JSON.stringify(entry)) }));
  }
}

/**
 * A file of entries of one bucket (events.json), opened on the first read: a command that reads none never opens it.
 * Read by key range when it is bigger than `wholeUpTo` and kept one entry per line, whole otherwise (one JSON.parse is
 * faster, and a bucket read whole no longer costs each store read a look at it).
 */
export class FileBucket implements SavedBucket {
  private opened?: SavedBucket;

  constructor(
    private readonly file: string,
    private readonly close: string,
    private readonly maxRevision: number,
    private readonly wholeUpTo: number,
  ) {}

  private open(): SavedBucket {
    if (this.opened) return this.opened;
    const read = <T>(parse: () => T): T => {
      try {
        return parse();
      } catch (e) {
        throw unreadable(this.file, e);
      }
    };
    const lined = read(() => readLinedSpans<Entries>(this.file, this.close, { wholeUpTo: this.wholeUpTo }));
    const whole = () => read(() => (readLined<Entries>(this.file, this.close, (a) => a).elements as Entries).filter(([, v]) => v.modRevision <= this.maxRevision));
    return (this.opened = lined ? new LinedBucket(lined.text, lined.spans, { maxRevision: this.maxRevision, file: this.file }) : new WholeBucket(whole));
  }

  take(prefix: string): Entries {
    return this.open().take(prefix);
  }

  takeMentioning(prefix: string, text: string): Entries {
    return this.open().takeMentioning(prefix, text);
  }

  get pending(): boolean {
    return this.opened?.pending ?? true;
  }

  get untouched(): boolean {
    return this.opened?.untouched ?? true;
  }

  rest(revoked: ReadonlySet<number>): Iterable<RawLine> {
    return this.open().rest(revoked);
  }
}
