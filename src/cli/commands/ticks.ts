import type { CommandError } from '../errors.js';
import type { Session } from '../session.js';

/** How long a watch lasts and how often it looks (`get -w`, `events -w`). */
export interface TickOptions {
  /** --request-timeout: stop after this many real milliseconds (0: until Ctrl-C). */
  timeoutMs: number;
  /** Real milliseconds between two looks at the cluster. */
  tickMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A watch's loop: `look` once per tick, each in a short session of its own (lock, catch up, read, save, unlock), so
 * that other kubesim commands run in between, until Ctrl-C, the timeout, or a look that fails (the API server refused
 * the watch): its errors are the loop's, or a look that says it is `done` (the container `logs -f` follows ended).
 * `first` is true for the first look.
 */
export async function everyTick(
  open: (elapsedMs: number) => Promise<Session>,
  opts: TickOptions,
  stopped: () => boolean,
  look: (session: Session, first: boolean) => Promise<CommandError[] | 'done'>,
): Promise<CommandError[]> {
  const start = Date.now();
  let first = true;
  while (!stopped() && (!opts.timeoutMs || Date.now() - start < opts.timeoutMs)) {
    const session = await open(Date.now() - start);
    let errors: CommandError[] | 'done';
    try {
      session.catchUp();
      errors = await look(session, first);
    } finally {
      await session.close();
    }
    if (errors === 'done') return [];
    if (errors.length) return errors;
    first = false;
    await sleep(opts.tickMs);
  }
  return [];
}
