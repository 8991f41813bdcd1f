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
 * no story to tell, so it need not load the narrator at all.
 */
export class QuietRenderer implements Renderer {
  constructor(
    private readonly streams: Streams,
    private readonly notes = false,
  ) {}
  note(text: string): void {
    if (this.notes) this.streams.err.write(`${text}\n`);
  }
  stdout(text: string): void {
    this.streams.out.write(text);
  }
  stderr(text: string): void {
    this.streams.err.write(text);
  }
  async finish(): Promise<void> {}
}
