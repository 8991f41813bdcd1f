import { describe, expect, it } from 'vitest';
import { screen, shown, written } from './screen.js';
import { freshHome, kubesim } from './cli.js';
// after ./screen.js (which loads @inquirer/testing/vitest), so that the CLI's prompts are the test screen's
import { start } from './in-process.js';


/**
 * Picks the menu entry `index` places below the first, then waits for the menu to come back, whatever the command
 * takes: the answer replaces the menu at once (`✔ Que voulez-vous faire ? Déployer…`), without its cursor.
 */
async function pick(index: number): Promise<void> {
  for (let i = 0; i < index; i++) screen.keypress('down');
  screen.keypress('enter');
  await shown('❯ Déployer');
}

describe('kubesim with no arguments', () => {
  it('offers the classroom menu on a terminal, and runs what is chosen until Quit', async () => {
    const { code: done, out } = start(freshHome(), [], { KUBESIM_INTERACTIVE: '1' });
    const menu = await shown('Que voulez-vous faire ?');
    expect(menu).toContain("❯ Déployer l'application gestion-employes\n  Voir les pods\n  Casser quelque chose : supprimer les pods de gestion-employes\n  Suivre un tutoriel\n  Faire le quiz\n  Quitter");
    await pick(0);
    await written(out, 'service/gestion-employes created');
    expect(out()).toContain('deployment.apps/gestion-employes created\n');
    await pick(1);
    await written(out, 'READY');
    expect(out().match(/gestion-employes-\S+\s+1\/1\s+Running/g)).toHaveLength(3);
    for (let i = 0; i < 5; i++) screen.keypress('down');
    screen.keypress('enter');
    expect(await done).toBe(0);
  });

  it('prints the help when it is not a terminal', () => {
    const r = kubesim(freshHome(), []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kubesim /);
  });
});
