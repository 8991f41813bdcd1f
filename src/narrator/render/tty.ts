import type { SimEvent } from '../../events/types.js';
import type { Narrator } from '../narrate.js';
import type { Progress } from '../../sim/cluster.js';
import type { Messages, NarrationLine, Step } from '../types.js';
import { hasWidth, loadingText, StatusLine, type Renderer, type Streams } from './renderer.js';

type Item = { kind: 'line'; line: NarrationLine; at: number } | { kind: 'out' | 'err' | 'note'; text: string };

/** Real milliseconds per step line, and per virtual second of waiting, at --speed 1. */
const LINE_MS = 90;
const VIRTUAL_SECOND_MS = 250;
const MAX_WAIT_MS = 1500;
/** Real milliseconds between two progress updates. */
const PROGRESS_MS = 200;

/**
 * The classroom renderer: each step appears with an ora spinner that settles into its emoji, waits (image pulls,
 * startups) last in proportion to virtual time, and step titles in colour. --speed scales the pace; 0 is instant.
 * The world has already run: this replays its story at a human pace.
 */
export class TtyRenderer implements Renderer {
  readonly summaries = true;
  private readonly items: Item[] = [];
  private progressShownAt = 0;
  /** Reading, progress, saving: finish clears it before the story is told. */
  private readonly status: StatusLine;

  constructor(
    private readonly streams: Streams,
    private readonly narrator: Narrator,
    private readonly speed: number,
    private readonly messages: Pick<Messages, 'stepTitles' | 'progress' | 'saving' | 'loading'>,
  ) {
    this.status = new StatusLine(streams.err);
  }

  /** A big saved state is read first, in one go that nothing can interrupt: the line says so until the run moves. */
  loading(bytes: number): void {
    const text = loadingText(bytes, this.messages.loading);
    if (text) this.status.show(text);
  }

  /** One line rewritten in place, a few times a second at most (the story itself comes once the world is stable). */
  progress(p: Progress): void {
    const now = Date.now();
    if (now - this.progressShownAt < PROGRESS_MS) return;
    this.progressShownAt = now;
    this.status.show(this.messages.progress(p.running, p.pods, Math.round(p.elapsedMs / 1000)));
  }

  /**
   * After a long run, or on a big state, saving takes seconds too (7 s for 150,000 pods): the line says so. A quick
   * command says nothing about it.
   */
  saving(): void {
    if (this.status.shown) this.status.show(this.messages.saving);
  }

  event(e: SimEvent): void {
    for (const line of this.narrator.lines(e)) this.items.push({ kind: 'line', line, at: e.at });
  }

  stdout(text: string): void {
    this.items.push({ kind: 'out', text });
  }

  stderr(text: string): void {
    this.items.push({ kind: 'err', text });
  }

  note(text: string): void {
    this.items.push({ kind: 'note', text });
  }

  async finish(): Promise<void> {
    this.status.clear();
    if (!this.items.length) return; // nothing to pace: ora and chalk need not load
    const [{ default: ora }, { default: chalk }] = await Promise.all([import('ora'), import('chalk')]);
    const sleep = (ms: number) => (this.speed > 0 && ms > 0 ? new Promise((r) => setTimeout(r, ms / this.speed)) : Promise.resolve());
    // each step's title once, where the story first reaches it; later lines keep their actor's emoji
    const titled = new Set<Step>();
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i];
      if (item.kind !== 'line') {
        if (item.kind === 'out') this.streams.out.write(item.text);
        else this.streams.err.write(item.kind === 'note' ? `${item.text}\n` : item.text);
        continue;
      }
      const { line } = item;
      if (line.step && !titled.has(line.step)) {
        this.streams.err.write(`${chalk.bold.cyan(`── ${this.messages.stepTitles[line.step]} ──`)}\n`);
        titled.add(line.step);
      }
      const next = this.items.slice(i + 1).find((x) => x.kind === 'line') as Extract<Item, { kind: 'line' }> | undefined;
      const gap = next ? next.at - item.at : 0;
      const spinner = ora({ text: line.text, stream: this.streams.err as NodeJS.WritableStream, isEnabled: hasWidth(this.streams.err), discardStdin: false }).start();
      await sleep(LINE_MS + (line.waits || gap > 0 ? Math.min(MAX_WAIT_MS, (gap / 1000) * VIRTUAL_SECOND_MS) : 0));
      spinner.stopAndPersist({ symbol: line.emoji, text: line.emoji === '🚨' || line.emoji === '🚫' ? chalk.red(line.text) : line.text });
      if (line.analogy) this.streams.err.write(`   ${chalk.yellow('💡')} ${chalk.italic(line.analogy)}\n`);
    }
  }
}
