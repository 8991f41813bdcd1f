import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStackTrace, freshHome, kubesim, ROOT, scratchDir, stateOf } from './cli.js';

const dir = scratchDir('manifests');
function manifest(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const VALID_CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: "1"\n';

/** A cluster that exists already, so "nothing half-written" compares the saved state byte for byte. */
function existingCluster(): { home: string; before: string } {
  const home = freshHome();
  kubesim(home, ['get', 'ns', '-q']);
  return { home, before: stateOf(home) };
}

describe('bad input: a clear error, exit 1, store unchanged', () => {
  it.each([
    {
      name: 'missing file',
      args: () => ['apply', '-f', 'nope.yaml'],
      stderr: 'error: the path "nope.yaml" does not exist\n',
      french: 'Le chemin « nope.yaml » n\'existe pas',
    },
    {
      name: 'a missing path beside a good file: nothing is applied, as kubectl checks every path first',
      args: () => ['apply', '-f', manifest('good.yaml', VALID_CM), '-f', 'nope.yaml'],
      stderr: 'error: the path "nope.yaml" does not exist\n',
      french: 'Le chemin « nope.yaml » n\'existe pas',
    },
    {
      name: 'two missing paths: an aggregate, a line each without "error: "',
      args: () => ['apply', '-f', 'a.yaml', '-f', 'b.yaml'],
      stderr: /^the path "a\.yaml" does not exist$[^]*^the path "b\.yaml" does not exist$/m,
      french: 'Le chemin « b.yaml » n\'existe pas',
    },
    {
      name: 'a folder without manifests',
      args: () => ['apply', '-f', scratchDir('empty')],
      stderr: /^error: error reading \[.*empty[^\]]*\]: recognized file extensions are \[\.json \.yaml \.yml\]\n/,
      french: /Rien à lire dans « .*empty.* » : kubectl n'y prend que les fichiers \.yaml, \.yml et \.json/,
    },
    {
      name: 'a pattern that matches nothing, or that Go cannot read',
      args: () => ['apply', '-f', join(dir, 'zz*.yaml'), '-f', join(dir, '[a')],
      stderr: /^the path ".*zz\*\.yaml" does not exist\n[^]*^pattern ".*\[a" is not valid: syntax error in pattern\n/m,
      french: /n'existe pas/,
    },
    {
      name: 'replicas that are not a number',
      args: () => ['scale', 'deployment', 'web', '--replicas', 'abc'],
      stderr: 'Error: invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl scale --help\' for usage.\n',
      french: 'Commande incomplète',
    },
    {
      name: 'YAML syntax error',
      args: () => ['apply', '-f', manifest('tab.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n')],
      stderr: /error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n/,
      french: /mal formé ligne 4, colonne 1/,
    },
    {
      name: 'unknown kind',
      args: () => ['apply', '-f', manifest('kind.yaml', 'apiVersion: apps/v2\nkind: Deployment\nmetadata:\n  name: x\n')],
      stderr: /^error: resource mapping not found for name: "x" namespace: "" from ".*kind\.yaml": no matches for kind "Deployment" in version "apps\/v2"\nensure CRDs are installed first\n/,
      french: /ne connaît pas le type Deployment en version apps\/v2/,
    },
    {
      name: 'invalid object',
      args: () => ['apply', '-f', manifest('neg.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n')],
      stderr: /^The Deployment "web" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n/m,
      french: /L'API Server a refusé Deployment « web »/,
    },
    {
      name: 'typo in a field',
      args: () => ['apply', '-f', manifest('typo.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  prots:\n  - port: 80\n')],
      stderr: /Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec\.prots"/,
      french: /champ inconnu \(faute de frappe \?\)/,
    },
    {
      name: 'object of an unknown namespace',
      args: () => ['apply', '-f', manifest('ns.yaml', VALID_CM.replace('name: ok', 'name: ok\n  namespace: nowhere'))],
      stderr: /Error from server \(NotFound\): error when creating ".*ns\.yaml": namespaces "nowhere" not found/,
      french: /n'existe pas/,
    },
    {
      name: 'label selector the API server cannot read',
      args: () => ['get', 'deployments,pods', '-l', 'app=web,'],
      stderr: 'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=web,", field selector "": found \'\', expected: identifier after \',\'\n',
      french: "L'API Server ne sait pas lire le sélecteur « app=web, »",
    },
    {
      name: 'YAML bomb (aliases of aliases)',
      args: () => [
        'apply',
        '-f',
        manifest('bomb.yaml', `${VALID_CM}extra:\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `  a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]\n`).join('')}`),
      ],
      stderr: /^error: error parsing .*bomb\.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing\n/,
      french: /est fait pour épuiser le décodeur/,
    },
    {
      name: 'JSON nested deeper than kubectl decodes',
      args: () => ['apply', '-f', manifest('deep.json', `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)],
      stderr: /^error: error parsing .*deep\.json: json: offset 10069: invalid character '\[' exceeded max depth\n/,
      french: /est fait pour épuiser le décodeur/,
    },
  ])('$name', ({ args, stderr, french }) => {
    const { home, before } = existingCluster();
    const r = kubesim(home, args());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    if (typeof stderr === 'string') expect(r.stderr).toContain(stderr);
    else expect(r.stderr).toMatch(stderr);
    if (typeof french === 'string') expect(r.stderr).toContain(french);
    else expect(r.stderr).toMatch(french);
    expectNoStackTrace(r.stderr);
    expect(stateOf(home)).toBe(before);
  });

  it('expands a pattern the shell left alone (PowerShell does), as kubectl does: in name order, any extension once matched', () => {
    const folder = scratchDir('pattern');
    for (const name of ['b.yaml', 'a.yaml', 'c.txt']) writeFileSync(join(folder, name), VALID_CM.replace('name: ok', `name: ${name.replace('.', '-')}`));
    const r = kubesim(freshHome(), ['apply', '-f', join(folder, '*.yaml'), '-f', join(folder, '?.t[vwx]t'), '-q']);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'configmap/a-yaml created\nconfigmap/b-yaml created\nconfigmap/c-txt created\n' });
  });

  it("takes -n '' for no namespace flag, as kubectl does: the default namespace", () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', manifest('cm.yaml', VALID_CM), '-q']);
    expect(kubesim(home, ['get', 'cm', 'ok', '-n', '', '-o', 'name', '-q']).stdout).toBe('configmap/ok\n');
    expect(kubesim(home, ['get', 'pods', '-n', '', '-q']).stderr).toBe('No resources found in default namespace.\n');
  });

  it('walks a folder with -R as kubectl does: a link to a folder (here back to its parent) is not followed', () => {
    const folder = scratchDir('loop');
    copyFileSync(join(ROOT, 'manifests/gestion-employes.yaml'), join(folder, 'gestion-employes.yaml'));
    mkdirSync(join(folder, 'sub'));
    symlinkSync(folder, join(folder, 'sub', 'back'));
    symlinkSync(join(ROOT, 'manifests/postgres.yaml'), join(folder, 'sub', 'postgres.yaml'));
    const r = kubesim(freshHome(), ['apply', '-f', folder, '-R', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(8);
    expect(r.stderr).toBe('');
  });

  it('refuses what etcd could not hold: a ConfigMap over 1 MiB, and a client-side apply whose last-applied annotation passes 256 KiB', () => {
    const { home, before } = existingCluster();
    const configMap = (name: string, bytes: number) => manifest(`${name}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: ${'x'.repeat(bytes)}\n`);
    const big = kubesim(home, ['create', '-f', configMap('gros', 1024 * 1024 + 1)]);
    expect(big.code).toBe(1);
    expect(big.stderr).toContain('The ConfigMap "gros" is invalid: []: Too long: may not be more than 1048576 bytes\n');
    const applied = kubesim(home, ['apply', '-f', configMap('moyen', 300_000)]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('The ConfigMap "moyen" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes\n');
    expect(stateOf(home)).toBe(before);
    // server-side apply keeps no such annotation: the usual way out
    expect(kubesim(home, ['apply', '--server-side', '-f', configMap('moyen', 300_000)]).stdout).toBe('configmap/moyen serverside-applied\n');
  });

  it("refuses a request over 3 MiB before even decoding it (kube-apiserver's limit), as kubectl words it", () => {
    const { home, before } = existingCluster();
    const configMap = (name: string, bytes: number) => manifest(`${name}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: ${'x'.repeat(bytes)}\n`);
    const tooLarge = 'Request entity too large: limit is 3145728\n';
    const huge = configMap('enorme', 3 * 1024 * 1024);
    for (const [args, error] of [
      [['create', '-f', huge], `Error from server (RequestEntityTooLarge): error when creating "${huge}": ${tooLarge}`],
      [['apply', '-f', huge], `Error from server (RequestEntityTooLarge): error when creating "${huge}": ${tooLarge}`],
      // kubectl returns a server-side apply's error without its file
      [['apply', '--server-side', '-f', huge], `Error from server (RequestEntityTooLarge): ${tooLarge}`],
      // a client-side apply sends the object twice (in its last-applied annotation): half the limit is too much
      [['apply', '-f', configMap('moitie', 1600 * 1024)], `Error from server (RequestEntityTooLarge): error when creating "${join(dir, 'moitie.yaml')}": ${tooLarge}`],
    ] as const) {
      const r = kubesim(home, [...args]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(error);
      expect(r.stderr).toContain("L'API Server refuse toute requête de plus de 3 Mio avant même de la lire");
      expectNoStackTrace(r.stderr);
    }
    expect(stateOf(home)).toBe(before);
  });

  it('still applies the valid documents of a file, as kubectl does', () => {
    const { home } = existingCluster();
    const file = manifest('mixed.yaml', `${VALID_CM}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports:\n  - port: 0\n---\n${VALID_CM.replace('name: ok', 'name: ok2')}`);
    const r = kubesim(home, ['apply', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('configmap/ok created\nconfigmap/ok2 created\n');
    // the command's only error: kubectl words it on its own, from its causes (compared with kubectl through serve)
    expect(r.stderr).toContain(
      'The Service "bad" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive\n',
    );
    // two errors: each as the server said it, with the file it came from
    const twice = kubesim(home, ['apply', '-f', file, '-f', manifest('bad2.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Ok\n')]);
    expect(twice.stderr).toContain('Error from server (Invalid): error when creating');
    expect(twice.stderr).toContain(
      'Service "bad" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
    );
  });

  it('answers kubectl\'s usage errors', () => {
    const home = freshHome();
    const noType = kubesim(home, ['get']);
    expect(noType.code).toBe(1);
    expect(noType.stderr).toContain('error: Required resource not specified.');
    const unknown = kubesim(home, ['get', 'flux']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error: the server doesn\'t have a resource type "flux"');
    // a command kubesim does not have, even asked for its help: unknown, as kubectl says (not the program's help)
    const cp = kubesim(home, ['cp', 'a', 'b', '--help']);
    expect([cp.code, cp.stdout, cp.stderr.split('\n')[0]]).toEqual([1, '', 'Error: unknown command "cp" for "kubesim"']);
    const flag = kubesim(home, ['get', 'pods', '--nope']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toBe("Error: unknown flag: --nope\nSee 'kubectl get --help' for usage.\n");
    const notFound = kubesim(home, ['get', 'pod', 'ghost']);
    expect(notFound.code).toBe(1);
    expect(notFound.stderr).toContain('Error from server (NotFound): pods "ghost" not found');
    // clientcmd.ParseTimeout: a whole number is seconds
    const timeout = kubesim(home, ['get', 'pods', '--request-timeout', '5min']);
    expect(timeout.code).toBe(1);
    expect(timeout.stderr).toContain('error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)');
    expect(kubesim(home, ['-q', 'events', '--request-timeout', '30']).code).toBe(0);
    for (const r of [noType, unknown, flag, notFound, timeout]) expectNoStackTrace(r.stderr);
  });

  it('says "No resources found" on stderr for an empty namespace, and exits 0', () => {
    const { home } = existingCluster();
    const r = kubesim(home, ['get', 'pods', '-n', 'empty']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in empty namespace.\n' });
  });
});

describe('saved files that do not read, a home that takes no writes: a clear error, exit 1, nothing saved over them', () => {
  const files = (home: string) => ['state.json', 'events.json'].map((f) => readFileSync(join(home, 'clusters', 'kubesim', f), 'utf8'));
  const UNREADABLE = 'Les fichiers sauvés du cluster ne se lisent plus (modifiés à la main ? disque plein ?) : remettez-en une copie, ou repartez d’un cluster neuf avec kubesim cluster reset.';

  it('a state.json cut short: reads and writes stop before anything, and cluster reset starts afresh', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const state = join(home, 'clusters', 'kubesim', 'state.json');
    writeFileSync(state, readFileSync(state, 'utf8').slice(0, 1000));
    const before = files(home);
    for (const args of [['get', 'pods'], ['scale', 'deployment/gestion-employes', '--replicas=2']]) {
      const r = kubesim(home, args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`error: cannot read ${state}: `);
      expect(r.stderr).toContain(UNREADABLE);
      expectNoStackTrace(r.stderr);
    }
    expect(files(home)).toEqual(before);
    expect(kubesim(home, ['cluster', 'reset', '-q']).code).toBe(0);
    expect(kubesim(home, ['get', 'nodes', '--no-headers']).stdout.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('a KUBESIM_HOME that is a file: a clear error that names it, and nothing written', () => {
    const home = join(scratchDir('home'), 'not-a-directory');
    writeFileSync(home, 'notes de cours\n');
    const r = kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: cannot write to ${join(home, 'clusters', 'kubesim')}: ENOTDIR: not a directory`);
    expect(r.stderr).toContain('kubesim ne peut pas écrire le cluster dans son dossier (KUBESIM_HOME, ~/.kubesim par défaut)');
    expectNoStackTrace(r.stderr);
    expect(readFileSync(home, 'utf8')).toBe('notes de cours\n');
  });

  it('an events.json that is not a list: the command that reads it stops there, and what it did is not saved', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const events = join(home, 'clusters', 'kubesim', 'events.json');
    writeFileSync(events, '{}\n');
    const before = files(home);
    const pod = kubesim(home, ['get', 'pods', '-o', 'name']).stdout.split('\n')[0]!;
    for (const args of [['describe', pod], ['delete', pod]]) {
      const r = kubesim(home, args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`error: cannot read ${events}: `);
      expect(r.stderr).toContain(UNREADABLE);
      expectNoStackTrace(r.stderr);
    }
    expect(files(home)).toEqual(before);
    expect(kubesim(home, ['get', pod, '--no-headers']).stdout).toContain('Running');
  });
});

describe('output modes', () => {
  it('-q keeps only kubectl\'s output', () => {
    const r = kubesim(freshHome(), ['apply', '-f', 'manifests/postgres.yaml', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('secret/postgres-credentials created\nconfigmap/postgres-init created\npersistentvolumeclaim/postgres-data created\ndeployment.apps/postgres created\nservice/postgres created\n');
  });

  it('--lang en narrates in English from the second catalog', () => {
    const r = kubesim(freshHome(), ['apply', '-f', 'manifests/postgres.yaml', '--lang', 'en']);
    expect(r.stderr).toContain('📨 [1/6] kubectl → API Server: POST /api/v1/namespaces/default/secrets');
    expect(r.stderr).not.toContain('Contrôleur');
  });

  it('--narration=json writes one event per line', () => {
    const r = kubesim(freshHome(), ['apply', '-f', 'manifests/postgres.yaml', '--narration', 'json']);
    const events = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.some((e) => e.kind === 'etcd.written' && e.key === '/registry/deployments/default/postgres')).toBe(true);
  });

  it('reads manifests from standard input with -f -', () => {
    const r = kubesim(freshHome(), ['apply', '-f', '-', '-q'], { input: VALID_CM });
    expect(r.stdout).toBe('configmap/ok created\n');
  });

  it('replays a scripted demo byte for byte with KUBESIM_SEED and KUBESIM_NOW', () => {
    const script = [['apply', '-f', 'manifests/'], ['get', 'all'], ['delete', 'deployment', 'postgres'], ['get', 'pods', '-o', 'wide']];
    const runs = [freshHome(), freshHome()].map((home) => script.map((args) => kubesim(home, args)));
    expect(runs[0]).toEqual(runs[1]);
  });
});
