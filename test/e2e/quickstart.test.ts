import { describe, expect, it } from 'vitest';
import { freshHome, kubesim } from './cli.js';

describe('the seed scenario: kubesim apply -f manifests/gestion-employes.yaml', () => {
  const home = freshHome();
  const apply = kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml']);

  it('prints what kubectl prints on stdout, and succeeds', () => {
    expect(apply.code).toBe(0);
    expect(apply.stdout).toBe('configmap/gestion-employes-config created\ndeployment.apps/gestion-employes created\nservice/gestion-employes created\n');
  });

  it('narrates the six steps in French on stderr', () => {
    const err = apply.stderr;
    for (const step of ['[1/6]', '[2/6]', '[3/6]', '[4/6]', '[5/6]', '[6/6]']) expect(err).toContain(step);
    expect(err).toContain('📨 [1/6] kubectl → API Server : POST /apis/apps/v1/namespaces/default/deployments');
    expect(err).toMatch(/🛂 \[2\/6\] API Server : authentification — « kubernetes-admin »/);
    expect(err).toMatch(/autorisation RBAC — create deployments\.apps dans « default » permis par ClusterRoleBinding\/kubeadm:cluster-admins/);
    expect(err).toMatch(/💾 etcd : crée \/registry\/deployments\/default\/gestion-employes \(révision \d+\)/);
    expect(err).toMatch(/🧭 \[3\/6\] Scheduler : pod gestion-employes-\w+-\w{5} — filtrage de 4 nœuds : 3 retenus ; kubesim-control-plane écarté par TaintToleration/);
    expect(err).toMatch(/📦 Runtime \(containerd\) sur kubesim-worker\d? : téléchargement de l'image gestion-employes:1\.0/);
    expect(err).toMatch(/🔗 kube-proxy \(sur les 4 nœuds\) : default\/gestion-employes 10\.\d+\.\d+\.\d+:80\/TCP → KUBE-SVC-[A-Z2-7]{16}/);
    expect(err).toMatch(/👀 \[6\/6\] Contrôleur Deployment : nouveau modèle de pod/);
    expect(err).toContain('✅ [6/6] Deployment « default/gestion-employes » disponible : 3/3 pods prêts');
  });

  it('leaves 3 Running pods that kubectl get shows in its own layout', () => {
    const get = kubesim(home, ['get', 'pods']);
    expect(get.code).toBe(0);
    const lines = get.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME {3,}READY {3}STATUS {4}RESTARTS {3}AGE$/);
    expect(lines.slice(1)).toHaveLength(3);
    for (const l of lines.slice(1)) expect(l).toMatch(/^gestion-employes-[456789bcdf]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5} {3}1\/1 {5}Running {3}0 {10}\d+s$/);
    expect(get.stderr).toBe('');
  });

  it('gives jq-ready JSON on stdout', () => {
    const json = JSON.parse(kubesim(home, ['get', 'pods', '-o', 'json']).stdout);
    expect(json.kind).toBe('List');
    expect(json.items).toHaveLength(3);
    expect(json.items.every((p: { status: { phase: string } }) => p.status.phase === 'Running')).toBe(true);
  });

  it('shows the real etcd keys', () => {
    const keys = kubesim(home, ['etcdctl', 'get', '/registry/deployments', '--prefix', '--keys-only']).stdout;
    expect(keys).toContain('/registry/deployments/default/gestion-employes\n');
    expect(keys).toContain('/registry/deployments/kube-system/coredns\n');
  });
});
