import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openapiDocument } from '../../src/api/openapi/document.js';
import { apiVersionOf, RESOURCES } from '../../src/api/resources.js';
import { freshHome, kubesim } from './cli.js';
import { run } from './in-process.js';
import { hasKubectl, startServe, type Served } from './serve-process.js';

if (!hasKubectl) console.warn('kubectl is not installed: the comparison of kubesim explain with kubectl explain is skipped');

/** Paths a class looks at, beyond every kind and its top-level fields: enums, maps, lists, $refs to scalars. */
const DEEP = [
  'pods.spec.restartPolicy', 'pods.spec.containers', 'pods.spec.containers.resources.limits', 'pods.spec.containers.ports.protocol',
  'pods.spec.containers.image', 'pods.spec.containers.imagePullPolicy', 'pods.spec.volumes.configMap', 'pods.metadata.creationTimestamp',
  'pods.metadata.labels', 'pods.metadata.managedFields.fieldsV1', 'pods.status.phase', 'pods.spec.tolerations.effect',
  'deployments.spec.strategy.rollingUpdate.maxSurge', 'deployments.spec.template.spec.containers.livenessProbe.httpGet.port',
  'deployments.spec.replicas', 'services.spec.type', 'services.spec.ports.targetPort', 'svc.spec.ports',
  'pv.spec.capacity', 'pvc.spec.accessModes', 'pvc.spec.resources', 'nodes.status.allocatable', 'no.spec.taints',
  'sc.reclaimPolicy', 'sc.volumeBindingMode', 'clusterroles.rules', 'rolebindings.subjects', 'endpointslices.endpoints.conditions',
  'ev.involvedObject', 'ev.eventTime', 'secrets.data', 'cm.binaryData',
];

describe.skipIf(!hasKubectl)('kubesim explain prints what the real kubectl explain prints against kubesim serve', () => {
  const home = freshHome();
  let served: Served;
  beforeAll(async () => void (served = await startServe(home)), 30_000);
  afterAll(() => served?.stop());

  const kubectl = async (args: string[]) => {
    const r = await served.kubectl(['explain', ...args]);
    return { code: r.code, out: r.stdout, err: r.stderr };
  };

  /** Compares stdout, stderr (kubesim -q: no narration) and the exit code, a few kubectl processes at a time. */
  async function compare(cases: string[][]): Promise<void> {
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async (args) => {
          const [want, got] = [await kubectl(args), await run(home, ['-q', 'explain', ...args])];
          expect({ args, ...got }).toEqual({ args, ...want });
        }),
      );
    }
  }

  it('for every kind, each of its top-level fields, and deeper fields (enums, maps, lists, scalar $refs)', async () => {
    const kinds = RESOURCES.map((r) => [r.plural]);
    // apiVersion, kind and metadata read the same in every kind: once, for pods
    const own = (r: (typeof RESOURCES)[number]) => {
      const schema = Object.values(openapiDocument(apiVersionOf(r))!.components.schemas).find((s) => s['x-kubernetes-group-version-kind']?.[0]?.kind === r.kind)!;
      return Object.keys(schema.properties!).filter((f) => !['apiVersion', 'kind', 'metadata'].includes(f));
    };
    const fields = RESOURCES.flatMap((r) => own(r).map((f) => [`${r.plural}.${f}`]));
    await compare([...kinds, ...fields, ['pods.apiVersion'], ['pods.kind'], ['pods.metadata'], ...DEEP.map((p) => [p])]);
  }, 120_000);

  it('with --recursive, the whole tree of every kind', async () => {
    await compare(RESOURCES.map((r) => [r.plural, '--recursive']));
  }, 120_000);

  it('for names kubectl resolves (kinds, short names) and for what it rejects', async () => {
    await compare([['Pod'], ['deploy.spec.selector'], ['po.spec.nodeName'], ['pods.spec.nope'], ['nope'], []]);
  }, 60_000);
});

describe('kubesim explain, for a class', () => {
  it('says on stderr where the text comes from and what the field means, in French or English', () => {
    const home = freshHome();
    const fr = kubesim(home, ['explain', 'deployments.spec.replicas']);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toMatch(/^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: replicas <integer>\n/);
    expect(fr.stderr).toContain('GET /openapi/v3/apis/apps/v1');
    expect(fr.stderr).toContain('💡 Le nombre de pods voulus');
    const en = kubesim(home, ['--lang', 'en', 'explain', 'pod']);
    expect(en.stderr).toContain("💡 A Pod is one or more containers");
    expect(kubesim(home, ['-q', 'explain', 'pod']).stderr).toBe('');
  });

  it('fails like kubectl on an unknown field, with the heading on stdout and a note on stderr', () => {
    const r = kubesim(freshHome(), ['explain', 'pods.spec.replicas']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('KIND:       Pod\nVERSION:    v1\n\n');
    expect(r.stderr).toContain('error: field "replicas" does not exist\n');
    expect(r.stderr).toContain('Pod n\'a pas de champ « replicas »');
  });

  it('has a French sentence for every kind it serves, in both catalogs', async () => {
    const { CATALOGS } = await import('../../src/narrator/narrate.js');
    for (const lang of ['fr', 'en'] as const) {
      const { kinds, fields } = CATALOGS[lang].lessons.explain;
      expect(Object.keys(kinds).sort()).toEqual(RESOURCES.map((r) => r.kind).sort());
      expect(Object.keys(fields).sort()).toEqual(Object.keys(CATALOGS.fr.lessons.explain.fields).sort());
    }
  });
});
