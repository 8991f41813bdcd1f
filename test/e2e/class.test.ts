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
});
