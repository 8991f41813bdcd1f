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
  it('lists what RBAC rules can name, filtered as kubectl api-resources filters discovery (--namespaced, --verbs, -o name)', () => {
    const home = freshHome();
    // the resources a ClusterRole (not a Role) is needed for
    expect(kubesim(home, ['-q', 'api-resources', '--namespaced=false', '-o', 'name']).stdout.split('\n')).toEqual(
      expect.arrayContaining(['namespaces', 'nodes', 'persistentvolumes', 'clusterroles.rbac.authorization.k8s.io', 'storageclasses.storage.k8s.io']),
    );
    // the reviews are created, never listed
    const listed = kubesim(home, ['-q', 'api-resources', '--verbs=list', '-o', 'name']).stdout;
    expect(listed).toContain('deployments.apps\n');
    expect(listed).not.toContain('review');
    expect(kubesim(home, ['-q', 'api-resources', '--categories=all', '--no-headers']).stdout).toBe(
      'pods          po       v1         true   Pod\nservices      svc      v1         true   Service\ndeployments   deploy   apps/v1    true   Deployment\nreplicasets   rs       apps/v1    true   ReplicaSet\ncronjobs      cj       batch/v1   true   CronJob\njobs                   batch/v1   true   Job\n',
    );
    const wrong = kubesim(home, ['-q', 'api-resources', '--namespaced=peut-etre']);
    expect([wrong.code, wrong.stderr]).toEqual([1, 'Error: invalid argument "peut-etre" for "--namespaced" flag: strconv.ParseBool: parsing "peut-etre": invalid syntax\nSee \'kubectl api-resources --help\' for usage.\n']);
  });

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

  it('asks for watch apart from list: get -w prints the table, then the refusal of the watch; events -w only watches', () => {
    const home = freshHome();
    const readOnly = TEAM.replace('["get", "list", "watch", "create"]', '["get", "list"]').replace('resources: ["pods"]', 'resources: ["pods", "events"]');
    kubesim(home, ['apply', '-f', '-', '-q'], { input: readOnly });
    kubesim(home, ['run', 'web', '--image=nginx', '-n', 'formation', '-q']);
    const forbidden = (resource: string) => `Error from server (Forbidden): ${resource} is forbidden: User "etudiant" cannot watch resource "${resource}" in API group "" in the namespace "formation"\n`;
    const watched = kubesim(home, ['-q', 'get', 'pods', '-w', '-n', 'formation', '--as', 'etudiant', '--request-timeout', '3s']);
    expect(watched).toMatchObject({ code: 1, stderr: forbidden('pods') });
    expect(watched.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb +1\/1 +Running /);
    expect(kubesim(home, ['-q', 'get', 'pods', '-n', 'formation', '--as', 'etudiant']).code).toBe(0);
    expect(kubesim(home, ['-q', 'events', '-w', '-n', 'formation', '--as', 'etudiant', '--request-timeout', '3s'])).toMatchObject({ code: 1, stdout: '', stderr: forbidden('events') });
    expect(kubesim(home, ['-q', 'auth', 'can-i', 'watch', 'pods', '-n', 'formation', '--as', 'etudiant']).stdout).toBe('no\n');
  });

  it("lets a Role's resourceNames allow get NAME -w: the watch is the list narrowed to that name", () => {
    const home = freshHome();
    const onePod = TEAM.replace('resources: ["pods"]', 'resources: ["pods"]\n    resourceNames: ["web"]').replace('["get", "list", "watch", "create"]', '["get", "watch"]');
    kubesim(home, ['apply', '-f', '-', '-q'], { input: onePod });
    kubesim(home, ['run', 'web', '--image=nginx', '-n', 'formation', '-q']);
    const watched = kubesim(home, ['-q', 'get', 'pod', 'web', '-w', '-n', 'formation', '--as', 'etudiant', '--request-timeout', '2s']);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb +1\/1 +Running /);
    expect(kubesim(home, ['-q', 'get', 'pods', '-w', '-n', 'formation', '--as', 'etudiant', '--request-timeout', '2s']).stderr).toContain('User "etudiant" cannot list resource "pods"');
  });

  it('keeps a student out of Secrets and out of other namespaces, and writes nothing', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', '-', '-q'], { input: TEAM });
    const read = kubesim(home, ['get', 'secrets', '-n', 'formation', '--as', 'etudiant']);
    expect(read.code).toBe(1);
    expect(read.stderr).toContain('Error from server (Forbidden): secrets is forbidden: User "etudiant" cannot list resource "secrets" in API group "" in the namespace "formation"\n');
    // delete by label lists first: refused, it says so (it printed "No resources found" and exited 0)
    expect(kubesim(home, ['-q', 'delete', 'secrets', '-l', 'a=b', '-n', 'formation', '--as', 'etudiant'])).toMatchObject({ code: 1, stdout: '', stderr: read.stderr.split('\n').find((l) => l.startsWith('Error'))! + '\n' });
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

const GROUPS = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: formateurs-lecteurs
  namespace: formation
subjects:
  - kind: Group
    name: formateurs
    apiGroup: rbac.authorization.k8s.io
  - kind: ServiceAccount
    name: robot
    namespace: formation
roleRef:
  kind: Role
  name: lecteur-pods
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: comptes-de-formation
  namespace: formation
subjects:
  - kind: Group
    name: system:serviceaccounts:formation
    apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: lecteur-pods
  apiGroup: rbac.authorization.k8s.io
`;

describe('impersonation: --as-group and service accounts', () => {
  const setUp = () => {
    const home = freshHome();
    expect(kubesim(home, ['apply', '-f', '-', '-q'], { input: `${TEAM}---\n${GROUPS}` }).code).toBe(0);
    return home;
  };
  const canI = (home: string, ...args: string[]) => kubesim(home, ['auth', 'can-i', ...args, '-q']).stdout;

  it('--as-group gives exactly the groups asked (plus system:authenticated), bindings to those groups apply', () => {
    const home = setUp();
    expect(canI(home, 'list', 'pods', '-n', 'formation', '--as', 'marie')).toBe('no\n');
    expect(canI(home, 'list', 'pods', '-n', 'formation', '--as', 'marie', '--as-group', 'formateurs')).toBe('yes\n');
    expect(canI(home, 'delete', 'pods', '-n', 'formation', '--as', 'marie', '--as-group', 'formateurs')).toBe('no\n');
    // the admin's own group is not carried over to the user it acts as
    expect(canI(home, 'list', 'pods', '--as', 'kubernetes-admin')).toBe('no\n');
    expect(canI(home, 'list', 'pods', '--as', 'kubernetes-admin', '--as-group', 'kubeadm:cluster-admins')).toBe('yes\n');
  });

  it('a service account name gets its fixed groups: bindings to the account and to its namespace group apply', () => {
    const home = setUp();
    expect(canI(home, 'create', 'pods', '-n', 'formation', '--as', 'system:serviceaccount:formation:robot')).toBe('yes\n');
    // through the group system:serviceaccounts:formation
    expect(canI(home, 'list', 'pods', '-n', 'formation', '--as', 'system:serviceaccount:formation:autre')).toBe('yes\n');
    expect(canI(home, 'list', 'pods', '-n', 'formation', '--as', 'system:serviceaccount:ailleurs:autre')).toBe('no\n');
    const r = kubesim(home, ['apply', '-f', '-', '-n', 'formation', '--as', 'system:serviceaccount:formation:robot'], {
      input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: par-robot\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
    });
    expect(r.stdout).toBe('pod/par-robot created\n');
    expect(r.stderr).toContain('« kubernetes-admin » (certificat client x509) demande à agir en tant que « system:serviceaccount:formation:robot » (--as)');
    expect(r.stderr).toContain('groupes system:serviceaccounts, system:serviceaccounts:formation, system:authenticated');
  });

  it('refuses --as-group without --as, as kubectl does', () => {
    const r = kubesim(freshHome(), ['get', 'pods', '--as-group', 'formateurs']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user\n');
  });

  it('has the default user-facing ClusterRoles: view reads (not Secrets), edit writes workloads, admin manages bindings', () => {
    const home = freshHome();
    const bind = (user: string, role: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${user}-${role}\n  namespace: default\nsubjects:\n- kind: User\n  name: ${user}\n  apiGroup: rbac.authorization.k8s.io\nroleRef:\n  kind: ClusterRole\n  name: ${role}\n  apiGroup: rbac.authorization.k8s.io\n`;
    expect(kubesim(home, ['apply', '-f', '-', '-q'], { input: [bind('ana', 'view'), bind('ben', 'edit'), bind('chloe', 'admin')].join('---\n') }).code).toBe(0);
    const can = (user: string, ...args: string[]) => kubesim(home, ['auth', 'can-i', ...args, '--as', user, '-q']).stdout.trim();
    expect([can('ana', 'list', 'pods'), can('ana', 'get', 'pods/log'), can('ana', 'get', 'secrets'), can('ana', 'create', 'deployments.apps')]).toEqual(['yes', 'yes', 'no', 'no']);
    expect([can('ben', 'create', 'deployments.apps'), can('ben', 'get', 'secrets'), can('ben', 'list', 'pods'), can('ben', 'create', 'rolebindings.rbac.authorization.k8s.io')]).toEqual(['yes', 'yes', 'yes', 'no']);
    expect([can('chloe', 'create', 'rolebindings.rbac.authorization.k8s.io'), can('chloe', 'delete', 'pods'), can('chloe', 'list', 'pods', '-n', 'kube-system')]).toEqual(['yes', 'yes', 'no']);
    // stored as aggregated roles, rules filled in as the clusterrole-aggregation controller does
    const view = JSON.parse(kubesim(home, ['get', 'clusterrole', 'view', '-o', 'json']).stdout);
    expect(view.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] });
    expect(view.metadata.labels['rbac.authorization.k8s.io/aggregate-to-edit']).toBe('true');
    expect(view.rules.length).toBe(10);
    expect(JSON.parse(kubesim(home, ['get', 'clusterrole', 'admin', '-o', 'json']).stdout).rules.length).toBe(25);
  });

  it('describes Roles and their bindings as kubectl does: rules one resource each, compacted, sorted by their verbs', () => {
    const home = freshHome();
    const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: mixte
rules:
- apiGroups: ["", "apps"]
  resources: ["pods", "deployments/scale", "pods/log"]
  verbs: ["get", "list"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["watch", "delete"]
- apiGroups: [""]
  resources: ["configmaps"]
  resourceNames: ["a", "b"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: mixte
subjects:
- {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: robot, namespace: default}
roleRef: {kind: Role, name: mixte, apiGroup: rbac.authorization.k8s.io}
`;
    expect(kubesim(home, ['apply', '-f', '-', '-q'], { input: role }).code).toBe(0);
    // kubectl 1.32's own output for these objects
    expect(kubesim(home, ['describe', 'role', 'mixte', '-q']).stdout).toBe(`Name:         mixte
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources               Non-Resource URLs  Resource Names  Verbs
  ---------               -----------------  --------------  -----
  pods                    []                 []              [get list watch delete]
  deployments/scale       []                 []              [get list]
  pods/log                []                 []              [get list]
  deployments.apps/scale  []                 []              [get list]
  pods.apps/log           []                 []              [get list]
  pods.apps               []                 []              [get list]
  configmaps              []                 [a]             [get]
  configmaps              []                 [b]             [get]
`);
    expect(kubesim(home, ['describe', 'rolebinding', 'mixte', '-q']).stdout).toBe(`Name:         mixte
Labels:       <none>
Annotations:  <none>
Role:
  Kind:  Role
  Name:  mixte
Subjects:
  Kind            Name   Namespace
  ----            ----   ---------
  User            bob    
  ServiceAccount  robot  default
`);
    expect(kubesim(home, ['describe', 'sa', 'default', '-q']).stdout).toBe(
      'Name:                default\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n',
    );
  });

  it('creates Roles, ClusterRoles, their bindings and service accounts from flags, as kubectl create does', () => {
    const home = freshHome();
    kubesim(home, ['-q', 'get', 'ns']);
    const before = stateOf(home);
    // kubectl 1.32's own -o yaml: one rule per API group, resources as the server names them
    expect(kubesim(home, ['-q', 'create', 'role', 'r', '--verb=get,list', '--verb=watch', '--resource=po,deployments.apps,pods/log', '--dry-run=client', '-o', 'yaml']).stdout).toBe(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  creationTimestamp: null\n  name: r\nrules:\n- apiGroups:\n  - ""\n  resources:\n  - pods\n  - pods/log\n  verbs:\n  - get\n  - list\n  - watch\n- apiGroups:\n  - apps\n  resources:\n  - deployments\n  verbs:\n  - get\n  - list\n  - watch\n',
    );
    expect(kubesim(home, ['-q', 'create', 'rolebinding', 'b', '--clusterrole=view', '--user=u', '--group=g', '--serviceaccount=default:robot', '--dry-run=client', '-o', 'yaml']).stdout).toBe(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  creationTimestamp: null\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: u\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: g\n- kind: ServiceAccount\n  name: robot\n  namespace: default\n',
    );
    const refused = (...args: string[]) => kubesim(home, ['-q', 'create', ...args]);
    expect(refused('role', 'r', '--resource=pods').stderr).toBe('error: at least one verb must be specified\n');
    expect(refused('role', 'r', '--verb=get', '--resource=flux').stderr).toBe('the server doesn\'t have a resource type "flux"\n');
    expect(refused('rolebinding', 'b', '--user=u').stderr).toBe('error: exactly one of clusterrole or role must be specified\n');
    expect(refused('rolebinding', 'b', '--role=r', '--serviceaccount=robot').stderr).toBe('error: serviceaccount must be <namespace>:<name>\n');
    expect(refused('clusterrole', 'c', '--verb=list', '--non-resource-url=/x').stderr).toBe("error: invalid verb: 'list' for nonResourceURL\n");
    // dry runs and refusals wrote nothing
    expect(stateOf(home)).toBe(before);
    // the lesson: a Role in a namespace, bound to a user and to a service account, and what they may then do
    expect(kubesim(home, ['-q', 'create', 'namespace', 'formation']).code).toBe(0);
    const created = [
      kubesim(home, ['-q', 'create', 'role', 'lecteur', '--verb=get,list,watch', '--resource=pods', '-n', 'formation']).stdout,
      kubesim(home, ['-q', 'create', 'sa', 'robot', '-n', 'formation']).stdout,
      kubesim(home, ['-q', 'create', 'rolebinding', 'lecteurs', '--role=lecteur', '--user=bob', '--serviceaccount=formation:robot', '-n', 'formation']).stdout,
    ];
    expect(created).toEqual(['role.rbac.authorization.k8s.io/lecteur created\n', 'serviceaccount/robot created\n', 'rolebinding.rbac.authorization.k8s.io/lecteurs created\n']);
    const can = (as: string, ...args: string[]) => kubesim(home, ['-q', 'auth', 'can-i', ...args, '-n', 'formation', '--as', as]).stdout.trim();
    expect([can('bob', 'list', 'pods'), can('bob', 'delete', 'pods'), can('system:serviceaccount:formation:robot', 'watch', 'pods'), can('alice', 'list', 'pods')]).toEqual(['yes', 'no', 'yes', 'no']);
    expect(kubesim(home, ['create', 'sa', 'robot', '-n', 'formation']).stderr).toContain('error: failed to create serviceaccount: serviceaccounts "robot" already exists\n');
  });
});
