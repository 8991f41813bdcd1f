import type { Actor, SimEvent, SimEventBody } from './types.js';

/** Append-only log of what the world did; renderers subscribe to it. */
export class EventLog {
  private seq = 0;
  private readonly listeners: Array<(e: SimEvent) => void> = [];
  readonly events: SimEvent[] = [];

  constructor(private readonly now: () => number) {}

  emit(actor: Actor, body: SimEventBody): void {
    const event = { ...body, seq: ++this.seq, at: this.now(), actor } as SimEvent;
    this.events.push(event);
    for (const l of this.listeners) l(event);
  }

  subscribe(listener: (e: SimEvent) => void): void {
    this.listeners.push(listener);
  }
}
