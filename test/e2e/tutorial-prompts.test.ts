import { describe, expect, it } from 'vitest';
import { screen, shown, written } from './screen.js';
import { freshHome } from './cli.js';
// after ./screen.js (which loads @inquirer/testing/vitest), so that the CLI's prompts are the test screen's
import { start } from './in-process.js';


describe('a tutorial at the keyboard', () => {
  it('waits for the student to type each command, refuses another one, and runs it', async () => {
    const { code: done, out, err } = start(freshHome(), ['tutorial', 'pods', '-q'], { KUBESIM_INTERACTIVE: '1' });
    expect(await shown('Tapez la commande')).toContain('Tapez la commande (ou Entrée pour la lancer telle quelle)');
    expect(err()).toContain('$ kubesim apply -f manifests/gestion-employes.yaml\n');
    // a wrong command is refused, with the one expected
    screen.type('kubesim get pods');
    screen.keypress('enter');
    expect(await shown("Ce n'est pas")).toContain("Ce n'est pas la commande attendue : kubesim apply -f manifests/gestion-employes.yaml");
    for (let i = 0; i < 'kubesim get pods'.length; i++) screen.keypress('backspace');
    screen.type('kubesim apply -f manifests/gestion-employes.yaml');
    screen.keypress('enter');
    await written(err, '── 2/9 ──');
    expect(out()).toContain('deployment.apps/gestion-employes created\n');
    // Enter alone runs the command as shown, up to the end
    for (let step = 2; step <= 9; step++) {
      await written(err, `── ${step}/9 ──`);
      await shown('Tapez la commande');
      screen.keypress('enter');
    }
    expect(await done).toBe(0);
    expect(out()).toContain('{"statut":"UP"}\n');
    // the consultant hired for one assignment: a Job, and its report
    expect(out()).toContain('job.batch/inventaire created\n');
    expect(out()).toMatch(/\nInventaire terminé\n$/);
    expect(err()).toContain('🎉 Fin du tutoriel « Les pods sont éphémères : les consultants qui vont et viennent ».');
  });

  it('waits for Enter on a step without a command, and Ctrl+C leaves the tutorial without a stack trace', async () => {
    const { code: done, err } = start(freshHome(), ['tutorial', 'deploy', '--lang', 'en', '-q'], { KUBESIM_INTERACTIVE: '1' });
    expect(await shown('Enter to continue')).toContain('Enter to continue');
    expect(err()).toContain('🎓 The six steps of deploying gestion-employes\n');
    screen.keypress('enter');
    expect(await shown('Type the command')).toContain('Type the command (or Enter to run it as shown)');
    expect(err()).toContain('$ kubesim apply -f manifests/gestion-employes.yaml\n');
    screen.keypress({ name: 'c', ctrl: true });
    expect(await done).toBe(130);
    expect(err()).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
