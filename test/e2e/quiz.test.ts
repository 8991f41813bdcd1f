import { describe, expect, it } from 'vitest';
import { screen, shown } from './screen.js';
import { frLessons } from '../../src/narrator/catalogs/lessons/fr.js';
import { freshHome } from './cli.js';
// after ./screen.js (which loads @inquirer/testing/vitest), so that the CLI's prompts are the test screen's
import { start } from './in-process.js';



/** Moves the cursor from the first choice to `index`, then confirms. */
function choose(index: number): void {
  for (let i = 0; i < index; i++) screen.keypress('down');
  screen.keypress('enter');
}

describe('kubesim quiz', () => {
  const questions = frLessons.quiz.questions;

  it('asks every question, explains each answer, and gives the score', async () => {
    const run = start(freshHome(), ['quiz'], { KUBESIM_INTERACTIVE: '1' });
    expect(await shown('1/')).toContain(`1/${questions.length} · Par où passe toute demande faite avec kubectl ?\n❯ Directement dans etcd\n  Par l'API Server`);
    // all right but the third question, answered with the first choice (the API Server)
    for (const [i, q] of questions.entries()) {
      expect(await shown(`${i + 1}/${questions.length} · `)).toContain(q.question);
      choose(i === 2 ? 0 : q.answer);
    }
    expect(await run.code).toBe(0);
    const out = run.out();
    expect(out).toContain('🎓 Quiz — le plan de contrôle de Kubernetes');
    expect(out.match(/✅ Bonne réponse\./g)).toHaveLength(questions.length - 1);
    expect(out).toContain('❌ La bonne réponse était : Le Scheduler.');
    expect(out).toContain("L'équipe de planification choisit le site");
    expect(out.endsWith(`Score : ${questions.length - 1}/${questions.length}\n`)).toBe(true);
  });

  it('says it needs a terminal when there is none', async () => {
    const run = start(freshHome(), ['quiz']);
    expect(await run.code).toBe(1);
    expect(run.err()).toContain('error: le quiz se joue dans un terminal interactif\n');
  });
});
