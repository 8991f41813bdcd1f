import { describe, expect, it } from 'vitest';
import { freshHome, kubesim } from './cli.js';

describe('class mode', () => {
  it('adds each component\'s analogy to its first narrated line with --analogies', () => {
    const r = kubesim(freshHome(), ['apply', '-f', 'manifests/gestion-employes.yaml', '--analogies']);
    const analogies = r.stderr.split('\n').filter((l) => l.startsWith('   💡 Analogie : '));
    expect(analogies).toHaveLength(7);
    expect(r.stderr).toMatch(/🛂 \[2\/6\] API Server : authentification.*\n   💡 Analogie : l'API Server, c'est le guichet RH du service de formation continue/);
    expect(r.stderr).toContain("💡 Analogie : le Scheduler, c'est l'équipe de planification");
    expect(r.stderr).toContain("un consultant de CGI ou d'Alithya part ?");
    // stdout stays kubectl's
    expect(r.stdout).toBe('configmap/gestion-employes-config created\ndeployment.apps/gestion-employes created\nservice/gestion-employes created\n');
  });

  it('takes KUBESIM_ANALOGIES=1 too, in English with --lang en, and stays silent without', () => {
    const en = kubesim(freshHome(), ['apply', '-f', 'manifests/gestion-employes.yaml', '--lang', 'en'], { env: { KUBESIM_ANALOGIES: '1' } });
    expect(en.stderr).toContain("💡 Analogy: the API Server is the continuing-education department's HR desk");
    expect(kubesim(freshHome(), ['apply', '-f', 'manifests/gestion-employes.yaml']).stderr).not.toContain('💡 Analog');
  });

  it('draws the cluster: nodes, their requests, their pods (cluster view)', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const view = kubesim(home, ['cluster', 'view']);
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(/^┌─ kubesim-control-plane ─+ Ready ─┐\n│ CPU {6}█+░+ 650m \/ 4 \(16%\)/);
    expect(view.stdout.match(/● gestion-employes-\S+ Running 10\.244\.\d\.\d+/g)).toHaveLength(3);
    expect(view.stdout).toMatch(/│ Mémoire  /);
    expect(kubesim(home, ['cluster', 'view', '--lang', 'en']).stdout).toMatch(/│ Memory   /);
  });
});
