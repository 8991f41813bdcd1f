import { describe, expect, it } from 'vitest';
import { freshHome, kubesim, stateOf } from './cli.js';

const TEAM = `apiVersion: v1
kind: Namespace
metadata:
  name: formation
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: lecteur-pods
  namespace: formation
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "list", "watch", "create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: etudiant-lecteur
  namespace: formation
subjects:
  - kind: User
    name: etudiant
    apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: lecteur-pods
  apiGroup: rbac.authorization.k8s.io
`;

describe('RBAC for a student (auth can-i, --as)', () => {
  it('answers yes or no as kubectl does, and names the binding that decides', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', '-', '-q'], { input: TEAM });
    const yes = kubesim(home, ['auth', 'can-i', 'list', 'pods', '-n', 'formation', '--as', 'etudiant']);
    expect([yes.code, yes.stdout]).toEqual([0, 'yes\n']);
    expect(yes.stderr).toContain('grâce à RoleBinding/etudiant-lecteur → Role/lecteur-pods');
    const secrets = kubesim(home, ['auth', 'can-i', 'list', 'secrets', '-n', 'formation', '--as', 'etudiant']);
    expect([secrets.code, secrets.stdout]).toEqual([1, 'no\n']);
    expect(secrets.stderr).toContain('🚫 RBAC : non');
    expect(secrets.stderr).not.toContain('💥');
    expect(kubesim(home, ['auth', 'can-i', 'create', 'pods', '--as', 'etudiant', '-q']).stdout).toBe('no\n');
    expect(kubesim(home, ['auth', 'can-i', 'create', 'deployments.apps', '-q']).stdout).toBe('yes\n');
    expect(kubesim(home, ['auth', 'can-i', 'list', 'nodes', '--as', 'system:kube-scheduler', '-q']).stdout).toBe('yes\n');
    const unknown = kubesim(home, ['auth', 'can-i', 'list', 'widgets', '--as', 'etudiant', '-q']);
    expect(unknown.stderr).toBe("Warning: the server doesn't have a resource type 'widgets'\n");
    expect(unknown.stdout).toBe('no\n');
  });

  it('keeps a student out of Secrets and out of other namespaces, and writes nothing', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', '-', '-q'], { input: TEAM });
    const read = kubesim(home, ['get', 'secrets', '-n', 'formation', '--as', 'etudiant']);
    expect(read.code).toBe(1);
    expect(read.stderr).toContain('Error from server (Forbidden): secrets is forbidden: User "etudiant" cannot list resource "secrets" in API group "" in the namespace "formation"\n');
    const before = stateOf(home);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: intrus\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
    const write = kubesim(home, ['apply', '-f', '-', '-n', 'default', '--as', 'etudiant'], { input: pod });
    expect(write.code).toBe(1);
    expect(write.stderr).toContain('User "etudiant" cannot');
    expect(write.stderr).toContain('in the namespace "default"');
    expect(stateOf(home)).toBe(before);
    // where the Role allows it, the same student may
    expect(kubesim(home, ['apply', '-f', '-', '-n', 'formation', '--as', 'etudiant'], { input: pod }).stdout).toBe('pod/intrus created\n');
  });
});
