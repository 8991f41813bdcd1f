import type { Lessons, Tutorial } from './types.js';

/** What a tutorial needs from the outside: a terminal to talk to, and kubesim itself to run the commands. */
export interface TutorialIO {
  write(text: string): void;
  /** Waits until the student has typed `command` (or accepted it with Enter). */
  type(command: string): Promise<void>;
  /** Waits for Enter. */
  pause(): Promise<void>;
  /** Runs a kubesim command (arguments after `kubesim`) on the tutorial's cluster; its output goes to the terminal. */
  run(args: string[]): Promise<number>;
  /** The node of the first pod matching a label selector, for steps that act on "the node of the database". */
  nodeOf(selector: string): Promise<string | undefined>;
}

/** Fills `{node:SELECTOR}` with the node of that pod now, so the student types a real name. */
async function fillIn(command: string, io: TutorialIO): Promise<string> {
  let out = command;
  for (const [token, selector] of command.matchAll(/\{node:([^}]+)\}/g)) out = out.replace(token, (await io.nodeOf(selector)) ?? 'NODE');
  return out;
}

/** Splits a shown command into kubesim's arguments (the commands of the lessons have no quoted spaces). */
export const argsOf = (command: string): string[] => command.trim().split(/\s+/).filter((a, i) => i > 0 || a !== 'kubesim');

/** Plays a tutorial step by step: the explanation, the command to type, then what it does. */
export async function playTutorial(t: Tutorial, lessons: Lessons, io: TutorialIO): Promise<void> {
  io.write(`\n🎓 ${t.title}\n`);
  for (const [i, step] of t.steps.entries()) {
    io.write(`\n── ${i + 1}/${t.steps.length} ── ${step.text}\n`);
    if (!step.command) {
      await io.pause();
      continue;
    }
    const command = await fillIn(step.command, io);
    io.write(`$ ${command}\n`);
    await io.type(command);
    await io.run(argsOf(command));
  }
  io.write(`\n${lessons.tutorial.done(t.title)}\n`);
}
