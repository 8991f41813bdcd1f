import type { SimEvent } from '../../events/types.js';
import type { Narrator } from '../narrate.js';
import type { NarrationLine, Step } from '../types.js';
import type { Renderer, Streams } from './renderer.js';

/**
 * Deterministic, append-only narration (stderr not a TTY, CI, transcripts): `<emoji> [step] text`, no colors,
 * no wall-clock times. The step tag appears when the story moves to another of the six steps.
 */
export class PlainRenderer implements Renderer {
  readonly summaries = true;
  private lastStep?: Step;

  constructor(
    private readonly streams: Streams,
    private readonly narrator: Narrator,
  ) {}

  event(e: SimEvent): void {
    for (const line of this.narrator.lines(e)) this.write(line);
  }

  private write(line: NarrationLine): void {
    const tag = line.step && line.step !== this.lastStep ? `[${line.step}/6] ` : '';
    if (line.step) this.lastStep = line.step;
    this.streams.err.write(`${line.emoji} ${tag}${line.text}\n`);
    if (line.analogy) this.streams.err.write(`   💡 ${line.analogy}\n`);
  }

  stdout(text: string): void {
    this.streams.out.write(text);
  }

  stderr(text: string): void {
    this.streams.err.write(text);
  }

  note(text: string): void {
    this.streams.err.write(`${text}\n`);
  }

  async finish(): Promise<void> {}
}
