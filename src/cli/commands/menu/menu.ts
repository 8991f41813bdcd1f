import type { TutorialName } from '../../../lessons/types.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import type { CommandError } from '../../errors.js';
import { runQuiz } from '../quiz/quiz.js';
import { located, runTutorial, type Kubesim } from '../tutorial/tutorial.js';

type Choice = 'deploy' | 'pods' | 'breakIt' | 'tutorial' | 'quiz' | 'quit';

/** What each menu entry runs on the student's cluster (kubesim commands, as the student could type them). */
const COMMANDS: Partial<Record<Choice, string[]>> = {
  deploy: ['apply', '-f', 'manifests/gestion-employes.yaml'],
  pods: ['get', 'pods', '-o', 'wide'],
  breakIt: ['delete', 'pod', '-l', 'app=gestion-employes'],
};

/** `kubesim` alone on a terminal: a menu of the classroom's usual moves, until Quit. */
export async function runMenu(env: Env, streams: Streams, kubesim: Kubesim): Promise<CommandError[]> {
  const { select } = await import('@inquirer/prompts');
  const { lessons } = (await import('../../../narrator/narrate.js')).CATALOGS[env.lang];
  const { menu } = lessons;
  const entries: Choice[] = ['deploy', 'pods', 'breakIt', 'tutorial', 'quiz', 'quit'];
  for (;;) {
    const choice = await select({ message: menu.message, choices: entries.map((value) => ({ value, name: menu[value] })) });
    if (choice === 'quit') return [];
    const command = COMMANDS[choice];
    if (command) {
      streams.err.write(`$ kubesim ${command.join(' ')}\n`);
      await kubesim(command.map(located));
    } else if (choice === 'quiz') await runQuiz(env, streams);
    else {
      const names = Object.keys(lessons.tutorial.tutorials) as TutorialName[];
      const name = await select({ message: menu.tutorial, choices: names.map((value) => ({ value, name: lessons.tutorial.tutorials[value].title })) });
      await runTutorial(env, streams, kubesim, name, false);
    }
  }
}
