import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, expectNoStackTrace, scratchDir } from './cli.js';
import { run } from './in-process.js';

/** Kinds kubesim simulates today; files with any other kind are left for later issues. */
const SUPPORTED = new Set(['Pod', 'Deployment', 'ReplicaSet', 'Service', 'Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'Job', 'CronJob']);

/**
 * Website examples that a Kubernetes 1.34 API server rejects too: they use fields added in later releases,
 * and strict decoding reports them as unknown (kubesim's schema is the v1.34.0 OpenAPI).
 */
const NEWER_THAN_1_34: Record<string, string> = {
  'pods/emptydir-volume-mode.yaml': 'spec.volumes[].emptyDir.mode',
  'pods/storage/projected-podcertificate.yaml': 'projected.sources[].podCertificate.userAnnotations',
  'pods/security/security-context-7.yaml': 'securityContext.cgroupOptions',
};

/** Job features kubesim's Job controller does not run yet: the API server says so (Forbidden), and stores nothing. */
const JOB_FEATURES_NOT_SIMULATED: Record<string, string> = {
  'controllers/job-backoff-limit-per-index-example.yaml': 'spec.backoffLimitPerIndex',
  'controllers/job-backoff-limit-per-index-failindex.yaml': 'spec.backoffLimitPerIndex',
};

interface IndexRow {
  path: string;
  kinds: string[];
  expected?: string;
}

function index(set: 'website' | 'invalid'): IndexRow[] {
  return readFileSync(join(CORPUS, set, 'INDEX.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [path, kinds, , , expected] = line.split('\t');
      return { path, kinds: kinds.split(','), expected };
    });
}


/** Namespaces a file's objects live in that the file does not create itself (the docs create them first). */
function namespacesNeeded(file: string): string[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null);
  const created = new Set(docs.filter((d) => d?.kind === 'Namespace').map((d) => d?.metadata?.name));
  return [...new Set(docs.map((d) => d?.metadata?.namespace).filter((ns): ns is string => !!ns && ns !== 'default' && !created.has(ns)))];
}

let template: string;
function freshCluster(): string {
  const home = scratchDir('corpus');
  cpSync(join(template, 'clusters'), join(home, 'clusters'), { recursive: true });
  return home;
}

beforeAll(async () => {
  template = scratchDir('template');
  await run(template, ['get', 'nodes', '-q']);
});

describe('kubernetes.io examples (shared/corpus/website) whose kinds kubesim simulates', () => {
  const rows = index('website').filter((r) => r.kinds.every((k) => SUPPORTED.has(k)));

  it('covers a real share of the corpus', () => {
    expect(rows.length).toBeGreaterThan(180);
  });

  it.each(rows.map((r) => [r.path, r] as const))('%s', async (_path, row) => {
    const home = freshCluster();
    const file = join(CORPUS, 'website', row.path);
    for (const ns of namespacesNeeded(file)) await run(home, ['create', 'namespace', ns, '-q']);
    const r = await run(home, ['apply', '-f', file, '-q']);
    expectNoStackTrace(r.err);
    if (NEWER_THAN_1_34[row.path]) {
      expect(r.code).toBe(1);
      expect(r.err).toContain(`unknown field`);
      return;
    }
    if (JOB_FEATURES_NOT_SIMULATED[row.path]) {
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${JOB_FEATURES_NOT_SIMULATED[row.path]}: Forbidden: `);
      expect(r.err).toContain('not simulated by kubesim yet');
      return;
    }
    // objects the cluster already has (bootstrap RBAC roles) are configured, with kubectl's warning
    expect(r.err.replace(/^Warning: resource \S+ is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation.*\n/gm, '')).toBe('');
    expect(r.code).toBe(0);
    const created = r.out.trim().split('\n');
    expect(created.every((l) => / (created|configured)$/.test(l))).toBe(true);
    for (const line of created) {
      const [ref] = line.split(' ');
      const ns = parseAllDocuments(readFileSync(file, 'utf8'))
        .map((d) => d.toJS() as { metadata?: { name?: string; namespace?: string } } | null)
        .find((d) => ref.endsWith(`/${d?.metadata?.name}`))?.metadata?.namespace;
      const get = await run(home, ['get', ref, '-o', 'name', ...(ns ? ['-n', ns] : [])]);
      expect(get.out).toBe(`${ref}\n`);
    }
  });
});

describe('manifests that a real API server or kubectl rejects (shared/corpus/invalid)', () => {
  it.each(index('invalid').map((r) => [r.path, r] as const))('%s', async (_path, row) => {
    const home = freshCluster();
    const before = readFileSync(join(home, 'clusters/kubesim/state.json'), 'utf8');
    const r = await run(home, ['apply', '-f', join(CORPUS, 'invalid', row.path)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('💥');
    expectNoStackTrace(r.err);
    expect(readFileSync(join(home, 'clusters/kubesim/state.json'), 'utf8')).toBe(before);
  });
});
