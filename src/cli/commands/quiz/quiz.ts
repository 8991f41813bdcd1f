import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { clientError, type CommandError } from '../../errors.js';

/** `kubesim quiz`: multiple-choice questions on the control plane, asked with @inquirer/prompts, scored. */
export async function runQuiz(env: Env, streams: Streams): Promise<CommandError[]> {
  const { CATALOGS } = await import('../../../narrator/narrate.js');
  const { lessons } = CATALOGS[env.lang];
  if (!env.interactive) return [clientError(lessons.quiz.needsTerminal, 'usage', { detail: 'kubesim quiz (dans un terminal)' })];
  const [{ select }, { playQuiz }] = await Promise.all([import('@inquirer/prompts'), import('../../../lessons/quiz.js')]);
  await playQuiz(lessons, (message, choices) => select({ message, choices: choices.map((name, value) => ({ name, value })) }), (t) => streams.out.write(t));
  return [];
}
