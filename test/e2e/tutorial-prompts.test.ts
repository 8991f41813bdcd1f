import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
// after @inquirer/testing/vitest, so that the CLI's prompts are the test screen's
import { main } from '../../src/cli/main.js';
import { DETERMINISTIC, freshHome } from './cli.js';

async function shown(text: string): Promise<string> {
  for (let i = 0; i < 500 && !screen.getScreen().includes(text); i++) await new Promise((r) => setTimeout(r, 10));
  return screen.getScreen();
}

describe('a tutorial at the keyboard', () => {
  it('waits for the student to type each command, refuses another one, and runs it', async () => {
    let out = '';
    let err = '';
    const streams = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } };
    const done = main(['node', 'kubesim', 'tutorial', 'pods', '-q'], streams, { KUBESIM_HOME: freshHome(), KUBESIM_INTERACTIVE: '1', ...DETERMINISTIC });
    expect(await shown('Tapez la commande')).toContain('Tapez la commande (ou Entrée pour la lancer telle quelle)');
    expect(err).toContain('$ kubesim apply -f manifests/gestion-employes.yaml\n');
    // a wrong command is refused, with the one expected
    screen.type('kubesim get pods');
    screen.keypress('enter');
    expect(await shown("Ce n'est pas")).toContain("Ce n'est pas la commande attendue : kubesim apply -f manifests/gestion-employes.yaml");
    for (let i = 0; i < 'kubesim get pods'.length; i++) screen.keypress('backspace');
    screen.type('kubesim apply -f manifests/gestion-employes.yaml');
    screen.keypress('enter');
    await shown('2/6');
    for (let i = 0; i < 200 && !err.includes('── 2/6 ──'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(out).toContain('deployment.apps/gestion-employes created\n');
    // Enter alone runs the command as shown, up to the end
    for (let step = 2; step <= 6; step++) {
      for (let i = 0; i < 300 && !err.includes(`── ${step}/6 ──`); i++) await new Promise((r) => setTimeout(r, 10));
      await shown('Tapez la commande');
      screen.keypress('enter');
    }
    expect(await done).toBe(0);
    expect(out).toContain('{"statut":"UP"}\n');
    expect(err).toContain('🎉 Fin du tutoriel « Les pods sont éphémères : les consultants qui vont et viennent ».');
  });
});
