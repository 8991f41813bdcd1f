import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argsOf, type TutorialIO } from '../../../lessons/tutorial.js';
import type { TutorialName } from '../../../lessons/types.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { clientError, type CommandError } from '../../errors.js';

/** kubesim run in-process with other arguments and, optionally, other streams (to read a command's output). */
export type Kubesim = (args: string[], streams?: Streams) => Promise<number>;

export const TUTORIAL_CLUSTER = 'tutoriel';

/**
 * The package's own manifests/, so a tutorial works from any directory. Found upwards from this module, which runs
 * from src/ (tests), dist/ (tsc's output) or a chunk of dist/bundle/: each at its own depth.
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const PACKAGE_ROOT = packageRoot();
export const located = (arg: string) => (arg.startsWith('manifests/') && !existsSync(arg) ? join(PACKAGE_ROOT, arg) : arg);

/** The terminal side of a tutorial: prompts with @inquirer/prompts, or none with --auto (scripts, CI, projection). */
async function terminalIO(env: Env, streams: Streams, kubesim: Kubesim, auto: boolean, presenter = false): Promise<TutorialIO> {
  const { lessons } = (await import('../../../narrator/narrate.js')).CATALOGS[env.lang];
  const words = lessons.tutorial;
  const prompts = auto ? undefined : await import('@inquirer/prompts');
  // the tutorial's own cluster, in the language, narration mode and pace the tutorial was started with
  const onCluster = (args: string[]) => ['--cluster', TUTORIAL_CLUSTER, '--lang', env.lang, '--narration', env.narration, '--speed', String(env.speed), ...args.map(located)];
  return {
    write: (text) => streams.err.write(text),
    async type(command) {
      if (!prompts) return;
      // the teacher presents: Enter runs the command, nobody types it
      if (presenter) return void (await prompts.input({ message: words.next }));
      const wanted = argsOf(command).join(' ');
      await prompts.input({ message: words.typeIt, validate: (v) => !v.trim() || argsOf(v).join(' ') === wanted || words.wrong(command) });
    },
    async pause() {
      if (prompts) await prompts.input({ message: words.next });
    },
    run: (args) => kubesim(onCluster(args)),
    async nodeOf(selector) {
      let json = '';
      const capture: Streams = { out: { write: (s: string) => (json += s) }, err: { write: () => true } };
      await kubesim(onCluster(['get', 'pods', '-l', selector, '-o', 'json', '-q']), capture);
      const pods = (JSON.parse(json || '{"items":[]}') as { items: Array<{ spec?: { nodeName?: string } }> }).items;
      return pods.find((p) => p.spec?.nodeName)?.spec?.nodeName;
    },
  };
}

/** Tutorials start on a new cluster of their own, so every step shows what it says. */
async function freshCluster(streams: Streams, kubesim: Kubesim, notice: string): Promise<void> {
  streams.err.write(`${notice}\n`);
  await kubesim(['--cluster', TUTORIAL_CLUSTER, 'cluster', 'reset', '-q'], { out: { write: () => true }, err: streams.err });
}

/** The teacher's demo: the whole scenario (deploy, then both stories), one Enter before each command. */
const DEMO: TutorialName[] = ['deploy', 'story-2', 'story-1'];

/** `kubesim demo [--auto]`: the tutorials of the demo in a row, on one new cluster, paced by the teacher. */
export async function runDemo(env: Env, streams: Streams, kubesim: Kubesim, auto: boolean): Promise<CommandError[]> {
  const { lessons } = (await import('../../../narrator/narrate.js')).CATALOGS[env.lang];
  const words = lessons.tutorial;
  if (!auto && !env.interactive) return [clientError(words.needsTerminal, 'usage', { detail: 'kubesim demo --auto' })];
  const io = await terminalIO(env, streams, kubesim, auto, true);
  await freshCluster(streams, kubesim, words.cluster(TUTORIAL_CLUSTER));
  const { playTutorial } = await import('../../../lessons/tutorial.js');
  for (const name of DEMO) await playTutorial(words.tutorials[name], lessons, io);
  return [];
}

/**
 * `kubesim tutorial [NAME] [--auto]`: the list, or one tutorial on a new cluster of its own. The student types each
 * command (Enter runs it as shown); --auto runs every step without waiting.
 */
export async function runTutorial(env: Env, streams: Streams, kubesim: Kubesim, name: string | undefined, auto: boolean): Promise<CommandError[]> {
  const { lessons } = (await import('../../../narrator/narrate.js')).CATALOGS[env.lang];
  const words = lessons.tutorial;
  if (!name) {
    const width = Math.max(...Object.keys(words.tutorials).map((k) => k.length));
    streams.out.write(`${words.intro}\n\n${Object.entries(words.tutorials).map(([k, t]) => `  ${k.padEnd(width)}  ${t.title}`).join('\n')}\n`);
    return [];
  }
  const tutorial = words.tutorials[name as TutorialName];
  if (!tutorial) return [clientError(words.unknown(name), 'usage', { detail: 'kubesim tutorial deploy' })];
  if (!auto && !env.interactive) return [clientError(words.needsTerminal, 'usage', { detail: 'kubesim tutorial deploy --auto' })];
  const io = await terminalIO(env, streams, kubesim, auto);
  await freshCluster(streams, kubesim, words.cluster(TUTORIAL_CLUSTER));
  const { playTutorial } = await import('../../../lessons/tutorial.js');
  await playTutorial(tutorial, lessons, io);
  return [];
}
