import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterState } from '../sim/cluster.js';
import { entryRange } from '../store/sorted-keys.js';
import { bucketOf } from '../store/store.js';
import { readLined, readLinedSpans, writeLined, type Span } from './lined-json.js';
import { asSaved, FileBucket, keyOfLine, LinedBucket, parseLine, unreadable, type RawLine, type SavedBucket } from './saved-buckets.js';

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 20_000;

export function clusterDir(home: string, cluster: string): string {
  return join(home, 'clusters', cluster);
}

/**
 * A wait that lets the event loop run: `kubesim serve` takes several writes at once, and one that blocked its process
 * while another request of the same process held the lock kept that one from ever finishing (kubectl saw TLS handshake
 * timeouts, then an error after the 20 s).
 */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * When a process started (Linux: clock ticks since boot, field 22 of /proc/PID/stat), if the system says: with its pid,
 * it names one process even once the pid is reused (a container restarted numbers its processes from 1 again).
 */
function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name, which may hold spaces and parentheses, from field 3 on
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One kubesim at a time per cluster: a lock directory (mkdir is atomic) holding the owner's pid and start time. A lock
 * whose owner died is taken over (its pid gone, or now another process's), and so is one older than 30 s that names no
 * owner (a process killed before it wrote it), so a killed process never blocks the class. A live owner keeps it
 * however long its command runs.
 */
export class ClusterLock {
  private held = false;

  /** @param waitMs how long to wait for a live owner to finish */
  constructor(
    private readonly dir: string,
    private readonly waitMs = LOCK_WAIT_MS,
  ) {}

  async acquire(): Promise<boolean> {
    mkdirSync(this.dir, { recursive: true });
    const lock = join(this.dir, 'lock');
    const deadline = Date.now() + this.waitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        mkdirSync(lock);
        writeFileSync(join(lock, 'pid'), `${process.pid} ${startOf(process.pid) ?? ''}`.trim());
        this.held = true;
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      if (this.stale(lock)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) return false;
      await pause(Math.min(5 + attempt * 2, 50));
    }
  }

  private stale(lock: string): boolean {
    let owner: string[] = [];
    try {
      owner = readFileSync(join(lock, 'pid'), 'utf8').trim().split(' ');
    } catch {
      // not written yet, or the lock just went
    }
    const [pid, start] = [Number(owner[0]), owner[1]];
    // a live owner may run for minutes (150,000 pods): taking its lock over would let two commands save, the later one
    // erasing what the other did. Its pid alone may since name another process: its start time tells
    if (pid > 0) {
      if (!alive(pid)) return true;
      const started = start === undefined ? undefined : startOf(pid);
      return started !== undefined && started !== start;
    }
    try {
      return Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS;
    } catch {
      return false;
    }
  }

  release(): void {
    if (!this.held) return;
    rmSync(join(this.dir, 'lock'), { recursive: true, force: true });
    this.held = false;
  }
}

/**
 * Events live in their own file (events.json, half the state of a busy cluster): a read that shows no events never
 * parses them. Written before state.json, so after a crash between the two renames the events can only be newer than
 * the state: those are dropped on load (their revisions belong to a future the state never reached).
 * Both files hold one store entry per line (lined-json.ts), so their size is not bounded by V8's longest string.
 */
export const EVENTS = '/registry/events/';

type Entries = ClusterState['store']['entries'];

/** What closes each file's array of entries: state.json's ends the store, then the document. */
const STATE_CLOSE = ']}}';
const EVENTS_CLOSE = ']';
/** From this size, events.json is read by key range (one object's events at a time): below, whole on first read. */
const EVENT_RANGES_FROM = 16 << 20;

export interface LoadedState {
  state: ClusterState;
  /** Buckets read on first use (the store's lazy buckets): the events, and every kind of a big state read-only. */
  lazy: Record<string, SavedBucket>;
}

/** A file's size, 0 if it cannot be looked at (absent, or under something that is not a directory). */
export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * What the saved files of a cluster weigh, events included (0 for none): only to tell the user, so a file that cannot
 * be looked at counts for nothing here, and the load says what is wrong with it.
 */
export function savedBytes(dir: string): number {
  return fileSize(join(dir, 'state.json')) + fileSize(join(dir, 'events.json'));
}

/**
 * The state as saved. Events are read on first use; so is each kind of a state too big to parse whole when only read
 * (`deferKinds`): its lines stay text until a read looks at that kind, and `get deploy` on 150,000 pods parses no pod.
 */
export function loadState(
  dir: string,
  { deferKinds = true, wholeUpTo, eventRangesFrom = EVENT_RANGES_FROM }: { deferKinds?: boolean; wholeUpTo?: number; eventRangesFrom?: number } = {},
): LoadedState | undefined {
  const file = join(dir, 'state.json');
  if (!existsSync(file)) return undefined;
  const events = join(dir, 'events.json');
  const lazy: LoadedState['lazy'] = {};
  let state: ClusterState;
  try {
    const spans = readLinedSpans<ClusterState>(file, STATE_CLOSE, { wholeUpTo });
    if (spans && deferKinds) {
      state = spans.head;
      state.store.entries = [];
      for (const [bucket, lines] of linesByBucket(spans.text, spans.spans)) lazy[bucket] = new LinedBucket(spans.text, lines.spans, { keys: lines.keys, file });
    } else if (spans) {
      // a command that writes reads every kind; what it leaves as it was is saved back as it was read (see asSaved)
      state = spans.head;
      state.store.entries = spans.spans.map((span) => parseLine(spans.text.subarray(...span)));
    } else {
      const { head, elements } = readLined<ClusterState>(file, STATE_CLOSE, (s) => s.store.entries);
      state = head;
      state.store.entries = elements as Entries;
    }
  } catch (e) {
    throw unreadable(file, e);
  }
  // a state saved before events had their own file has them in state.json
  if (existsSync(events)) lazy[EVENTS] = new FileBucket(events, EVENTS_CLOSE, state.store.revision, eventRangesFrom);
  return { state, lazy };
}

/** Lines grouped by the store bucket of their key: each starts with it, `["/registry/pods/default/web",{…`. */
function linesByBucket(text: Buffer, spans: Span[]): Map<string, { spans: Span[]; keys: string[] }> {
  const byBucket = new Map<string, { spans: Span[]; keys: string[] }>();
  for (const span of spans) {
    const key = keyOfLine(text, span);
    const bucket = bucketOf(key);
    let lines = byBucket.get(bucket);
    if (!lines) byBucket.set(bucket, (lines = { spans: [], keys: [] }));
    lines.spans.push(span);
    lines.keys.push(key);
  }
  return byBucket;
}

/** Write to a temporary file, fsync, rename over the old one: a crash leaves either the old or the new file. */
async function writeAtomic(dir: string, name: string, write: (fd: number) => Promise<void>): Promise<void> {
  const file = join(dir, name);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    await write(fd);
    fsyncSync(fd);
  } catch (e) {
    // a full disk: the old file stays, and no half-written copy is left beside it
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
}

/**
 * events.json, then state.json (see loadState), then the directory itself. Events nobody read since the load (the
 * store names them unread) are as on disk: events.json stays as it is if none was read, and otherwise keeps the lines
 * of those not read as they were (`events`: the lazy bucket they were loaded from).
 */
export async function saveState(dir: string, state: ClusterState, events?: SavedBucket): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const unread = state.store.unread ?? [];
  if (unread.some((bucket) => bucket !== EVENTS)) throw new Error(`kubesim bug: saving a state with unread buckets ${unread.join(', ')}`);
  if (unread.includes(EVENTS) && !events) throw new Error('kubesim bug: saving a state with unread events and no file they came from');
  // the entries are in key order (a store's snapshot), the events one range of them: cut out, not filtered from a
  // million entries twice
  const { entries } = state.store;
  const [from, to] = entryRange(entries, EVENTS, ([key]) => key);
  const known = entries.slice(from, to);
  const left = unread.includes(EVENTS) ? events! : undefined;
  // all events known, or some read (even if deleted since) or written, or some of a lease revoked: the file changes,
  // and keeps the lines of the others as they were
  const revoked = new Set(state.store.revoked);
  if (!left || known.length || !left.untouched || revoked.size) {
    await writeAtomic(dir, 'events.json', (fd) => writeLined(fd, '[]', EVENTS_CLOSE, mergeByKey(left?.rest(revoked) ?? [], known)));
  }
  // the store's entries last, so that they are the document's last array
  const { store, ...rest } = state;
  const empty = JSON.stringify({ ...rest, store: { revision: store.revision, ...(store.leases ? { leases: store.leases } : {}), entries: [] } });
  await writeAtomic(dir, 'state.json', (fd) => writeLined(fd, empty, STATE_CLOSE, [...entries.slice(0, from), ...entries.slice(to)].map(asSaved)));
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/** Lines kept as they were read and entries, both in key order: one sequence in key order (a saved file's). */
function* mergeByKey(lines: Iterable<RawLine>, entries: Entries): Generator<Buffer | Entries[number]> {
  let i = 0;
  for (const { key, line } of lines) {
    while (i < entries.length && entries[i]![0] < key) yield asSaved(entries[i++]!);
    yield line;
  }
  while (i < entries.length) yield asSaved(entries[i++]!);
}
