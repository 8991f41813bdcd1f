import type { Actor, SimEvent, SimEventBody } from './types.js';

/**
 * Whether a request is the user's own (kubectl's, not the control plane's): the narration tells the API server's checks
 * (authentication, RBAC, admission, validation) of these only.
 */
export const userRequest = (client?: string): boolean => client === 'kubectl';

/** What the world did, as it happens: renderers subscribe to it. Nothing is kept (150,000 pods make millions). */
export class EventLog {
  private seq = 0;
  private readonly listeners: Array<(e: SimEvent) => void> = [];
  /** Listeners that read every event in full (not summaries): the JSON narration, tests. */
  private detailedListeners = 0;

  constructor(private readonly now: () => number) {}

  emit(actor: Actor, body: SimEventBody): void {
    this.seq++;
    // -q: nobody listens, and a big apply emits millions
    if (!this.listeners.length) return;
    // every caller hands a literal of its own: it becomes the event as it is (a narrated big apply emits millions,
    // and spreading bodies of a hundred shapes into a copy took a microsecond each)
    const event = body as SimEvent;
    event.seq = this.seq;
    event.at = this.now();
    event.actor = actor;
    for (const l of this.listeners) l(event);
  }

  /** Whether anyone listens: what only the narration reads need not be computed otherwise. */
  get listening(): boolean {
    return this.listeners.length > 0;
  }

  /**
   * Whether some listener reads every event in full. A narrator tells a few pods in detail and counts the rest: for it,
   * an event that would list hundreds of things (the 500 nodes a pod's scheduling cycle looks at) may carry a summary.
   */
  get detailed(): boolean {
    return this.detailedListeners > 0;
  }

  /**
   * Whether the API server's checks of a request by `client` are told: every request's to a listener that reads in
   * full, the user's own only to narrators (they leave out the control plane's, 7 million for a 150,000-pod apply).
   */
  tellsChecksOf(client: Actor): boolean {
    return this.detailed || (this.listening && userRequest(client));
  }

  /** How many events were emitted so far. */
  get count(): number {
    return this.seq;
  }

  /** `summaries`: the listener makes do with the summaries that events carry when nobody reads them in full. */
  subscribe(listener: (e: SimEvent) => void, { summaries = false } = {}): void {
    this.listeners.push(listener);
    if (!summaries) this.detailedListeners++;
  }
}
