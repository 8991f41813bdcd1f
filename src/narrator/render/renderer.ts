import type { SimEvent } from '../../events/types.js';
import type { Progress } from '../../sim/cluster.js';

/** Writable streams, injected: the narrator never reaches for process.stdout itself. */
export interface Streams {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

/**
 * Whether ora may animate on this stream. It counts the lines to clear from the terminal's width, and a terminal that
 * reports none (0 columns: a pseudo-terminal nobody sized, as `script` or `docker run -t` make) made that count
 * infinite: the next line was never drawn, and cursor moves were written without end. There, ora prints each line
 * once, unanimated.
 */
export function hasWidth(stream: Streams['err']): boolean {
  const tty = stream as { isTTY?: boolean; columns?: number };
  return !tty.isTTY || (tty.columns ?? 0) > 0;
}

/**
 * From this size, a saved state takes a while to read before the command even starts: about a third of a second here,
 * five seconds for the 1.2 GB of 150,000 pods. A terminal says so.
 */
const LOADING_TOLD_FROM = 32 << 20;

/** Whether a saved state of `bytes` takes long enough to read for a terminal to say so. */
export const isBigState = (bytes: number): boolean => bytes >= LOADING_TOLD_FROM;

/** What a terminal says while a saved state of `bytes` is read, if it is big enough to say anything. */
export function loadingText(bytes: number, loading: (megabytes: number) => string): string | undefined {
  return isBigState(bytes) ? loading(Math.round(bytes / 1e6)) : undefined;
}

/** The one line a terminal rewrites in place (reading, progress, saving), until it is cleared for what comes next. */
export class StatusLine {
  shown = false;

  constructor(private readonly err: Streams['err']) {}

  show(text: string): void {
    this.err.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.err.write('\r\x1b[K');
    this.shown = false;
  }
}

/**
 * Where a command's output goes, in order: world events (narrated on stderr), kubectl's output (stdout),
 * and the CLI's own notes (stderr). `finish` resolves once everything is written (the TTY paces its lines).
 */
export interface Renderer {
  /** Absent when the world's events are not told (-q): then nobody builds them at all. */
  event?(e: SimEvent): void;
  /** The renderer tells the world's events from their summaries (EventLog.subscribe): a narrator, not the JSON lines. */
  readonly summaries?: boolean;
  stdout(text: string): void;
  /** kubectl's own stderr text (errors, "No resources found"): printed even with -q. */
  stderr(text: string): void;
  note(text: string): void;
  /** While the world computes a long run, before any of its story is told (a terminal shows it on one line). */
  progress?(p: Progress): void;
  /** The command saves what the world did; told only after a run or a load long enough to have shown a status line. */
  saving?(): void;
  /** A command that writes reads the saved state first, `bytes` of it (a terminal tells a big one: seconds to parse). */
  loading?(bytes: number): void;
  finish(): Promise<void>;
}

/**
 * -q: kubectl's output only. With `notes`, the CLI's own explanations still show: a read that changes nothing has
 * no story to tell, so it need not load the narrator at all. With `status`, a line shown while the command read is
 * cleared before anything is written.
 */
export class QuietRenderer implements Renderer {
  constructor(
    private readonly streams: Streams,
    private readonly notes = false,
    private readonly status?: StatusLine,
  ) {}
  note(text: string): void {
    if (this.notes) this.stderr(`${text}\n`);
  }
  stdout(text: string): void {
    this.status?.clear();
    this.streams.out.write(text);
  }
  stderr(text: string): void {
    this.status?.clear();
    this.streams.err.write(text);
  }
  async finish(): Promise<void> {
    this.status?.clear();
  }
}
