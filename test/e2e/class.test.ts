import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enLessons } from '../../src/narrator/catalogs/lessons/en.js';
import { frLessons } from '../../src/narrator/catalogs/lessons/fr.js';
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

  it("answers a tutorial's first command, kubectl version (--client, -o json|yaml), as kubectl prints it", () => {
    const home = freshHome();
    // the client alone: no server asked, so no cluster made (nor its narration)
    const client = kubesim(home, ['version', '--client']);
    expect([client.stdout, client.stderr]).toEqual(['Client Version: v1.34.0\nKustomize Version: v5.7.1\n', '']);
    expect(existsSync(join(home, 'clusters'))).toBe(false);
    expect(kubesim(home, ['version']).stdout).toBe('Client Version: v1.34.0\nKustomize Version: v5.7.1\nServer Version: v1.34.0\n');
    const json = kubesim(home, ['version', '-o', 'json']);
    // json.MarshalIndent's two spaces, apimachinery's field order, then Println's newline
    expect(json.stdout).toMatch(/^\{\n  "clientVersion": \{\n    "major": "1",\n    "minor": "34",\n    "gitVersion": "v1.34.0",\n/);
    expect(JSON.parse(json.stdout)).toMatchObject({ kustomizeVersion: 'v5.7.1', serverVersion: { gitVersion: 'v1.34.0', platform: 'linux/amd64' } });
    expect(Object.keys(JSON.parse(kubesim(home, ['version', '--client', '-o', 'json']).stdout))).toEqual(['clientVersion', 'kustomizeVersion']);
    // sigs.k8s.io/yaml: sorted keys, numbers quoted, and a blank line after the document
    expect(kubesim(home, ['version', '--client', '-o', 'yaml']).stdout).toBe(
      'clientVersion:\n  buildDate: ""\n  compiler: gc\n  gitCommit: ""\n  gitTreeState: clean\n  gitVersion: v1.34.0\n  goVersion: kubesim\n  major: "1"\n  minor: "34"\n  platform: linux/amd64\nkustomizeVersion: v5.7.1\n\n',
    );
    const wrong = kubesim(home, ['version', '-o', 'wide']);
    expect([wrong.code, wrong.stdout, wrong.stderr]).toEqual([1, '', expect.stringContaining("error: --output must be 'yaml' or 'json'")]);
  });

  it('answers kubectl top as a cluster without metrics-server does, and says where requests show instead', () => {
    const top = kubesim(freshHome(), ['top', 'pods']);
    expect([top.code, top.stdout]).toEqual([1, '']);
    expect(top.stderr).toMatch(/^error: Metrics API not available\n💥 kubectl top lit l'usage CPU et mémoire que mesure metrics-server .*kubesim describe node NOM ou kubesim cluster view\.\n$/);
    expect(kubesim(freshHome(), ['top', 'nodes', '--sort-by=name']).stderr).toMatch(/^error: --sort-by accepts only cpu or memory\n/);
  });

  it('lists the lessons and shows one, in French or English (learn)', () => {
    const home = freshHome();
    const list = kubesim(home, ['learn']);
    expect(list.stdout).toMatch(/^Sujets : kubesim learn SUJET\n\n  control-plane  Le plan de contrôle\n/);
    expect(list.stdout.trim().split('\n')).toHaveLength(2 + Object.keys(frLessons.learn.topics).length);
    const lesson = kubesim(home, ['learn', 'scheduler']).stdout;
    expect(lesson).toMatch(/^📘 Le Scheduler\n\nIl cherche un nœud pour chaque pod/);
    expect(lesson).toContain("\nÀ essayer :\n  kubesim scale deployment/gestion-employes --replicas=6\n");
    expect(kubesim(home, ['learn', 'etcd', '--lang', 'en']).stdout).toMatch(/^📘 etcd\n\nA key-value database/);
    const unknown = kubesim(home, ['learn', 'ingress']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error: sujet inconnu « ingress » ; la liste : kubesim learn');
  });

  it('suggests only commands that work on the class cluster (every "try it" of every lesson)', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/', '-q']);
    const commands = new Set([...Object.values(frLessons.learn.topics), ...Object.values(enLessons.learn.topics)].flatMap((t) => t.tryIt));
    for (const command of commands) {
      const args = command.split(' ').slice(1);
      if (args.some((a) => /^(POD|NOM|NAME)$|\/(NOM|NAME)$/.test(a))) continue; // placeholders the student fills in
      const r = kubesim(home, [...args, '-q']);
      // asking as a user without any RoleBinding is the lesson: RBAC refuses
      const expected = args.includes('--as') ? 1 : 0;
      expect({ command, code: r.code }).toEqual({ command, code: expected });
      if (expected) expect(r.stderr).toContain('Error from server (Forbidden)');
    }
  });

  it.each(Object.keys(frLessons.tutorial.tutorials))('runs the tutorial %s to its end (--auto)', (name) => {
    const home = freshHome();
    const r = kubesim(home, ['tutorial', name, '--auto']);
    expect(r.code).toBe(0);
    const tutorial = frLessons.tutorial.tutorials[name as keyof typeof frLessons.tutorial.tutorials];
    expect(r.stderr).toContain(`🎓 ${tutorial.title}\n`);
    expect(r.stderr.match(/\n── \d+\/\d+ ── /g)).toHaveLength(tutorial.steps.length);
    expect(r.stderr).not.toMatch(/error: |💥 (?!RBAC)/);
    expect(r.stderr.trimEnd().endsWith(`🎉 Fin du tutoriel « ${tutorial.title} ».`)).toBe(true);
    // the tutorial's own cluster; the student's default cluster is not created
    expect(kubesim(home, ['get', 'nodes', '--cluster', 'tutoriel', '--no-headers']).stdout).toMatch(/^tutoriel-control-plane /);
  });

  it("follows kubernetes.io's Kubernetes Basics: version 1 answers, then version 2; v10 does not exist; undo goes back", () => {
    const out = kubesim(freshHome(), ['tutorial', 'bases', '--auto']).stdout;
    expect(out).toMatch(/^Hello Kubernetes bootcamp! \| Running on: kubernetes-bootcamp-\w+-\w{5} \| v=1$/m);
    expect(out).toMatch(/^Hello Kubernetes bootcamp! \| Running on: kubernetes-bootcamp-\w+-\w{5} \| v=2$/m);
    expect(out).toContain('service/kubernetes-bootcamp exposed\n');
    expect(out).toMatch(/ImagePullBackOff/);
    const last = out.trimEnd().split('\n').slice(-4);
    expect(last.every((line) => / 1\/1 +Running /.test(line))).toBe(true);
  });

  it('tells story 1 truthfully: the database waits for the node that holds its data', () => {
    const r = kubesim(freshHome(), ['tutorial', 'story-1', '--auto']);
    const out = r.stdout;
    expect(out).toContain('{"erreur":"base de données injoignable');
    expect(out).toMatch(/volume node affinity conflict/);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^\{"pod":"gestion-employes-\S+","employes":\[/);
  });

  it('lists the tutorials, and needs a terminal unless --auto', () => {
    const home = freshHome();
    expect(kubesim(home, ['tutorial']).stdout).toContain('  story-1        Histoire 1 : l\'entreprise qui dépendait d\'un seul employé clé\n');
    const r = kubesim(home, ['tutorial', 'deploy']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: le tutoriel se suit dans un terminal interactif (ou avec --auto)');
  });

  it("plays the teacher's demo: the six steps, then both stories, on one cluster (demo --auto)", () => {
    const r = kubesim(freshHome(), ['demo', '--auto']);
    expect(r.code).toBe(0);
    const titles = [...r.stderr.matchAll(/^🎓 (.*)$/gm)].map((m) => m[1]);
    expect(titles).toEqual(['deploy', 'story-2', 'story-1'].map((n) => frLessons.tutorial.tutorials[n as 'deploy'].title));
    expect(r.stderr).toContain("le service continue avec 2 pods : comme des consultants qui vont et viennent");
    expect(r.stderr).toContain("comme l'entreprise qui dépendait d'un seul employé clé");
  });

  it('runs the tutorials in English too (--lang en)', () => {
    const r = kubesim(freshHome(), ['tutorial', 'story-2', '--auto', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('This tutorial works on a new cluster, "tutoriel"');
    expect(r.stderr).toContain('the service goes on with 2 pods: like consultants who come and go');
    expect(r.stderr.trimEnd().endsWith('🎉 End of the tutorial "Story 2: consultants who come and go".')).toBe(true);
  });
});
