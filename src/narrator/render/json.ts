import type { SimEvent } from '../../events/types.js';
import type { Renderer, Streams } from './renderer.js';

/** --narration=json: one event per line on stderr, for tools and tests. */
export class JsonRenderer implements Renderer {
  constructor(private readonly streams: Streams) {}

  event(e: SimEvent): void {
    this.streams.err.write(`${JSON.stringify(e)}\n`);
  }

  stdout(text: string): void {
    this.streams.out.write(text);
  }

  stderr(text: string): void {
    this.streams.err.write(text);
  }

  note(text: string): void {
    this.streams.err.write(`${JSON.stringify({ kind: 'cli.note', text })}\n`);
  }

  async finish(): Promise<void> {}
}
