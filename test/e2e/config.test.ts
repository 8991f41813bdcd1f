import { describe, expect, it } from 'vitest';
import { freshHome, kubesim } from './cli.js';

const config = (home: string) => JSON.parse(kubesim(home, ['curl', 'http://gestion-employes/config', '-q']).stdout);

describe('ConfigMaps and Secrets, as environment and as files', () => {
  it('gives the app its ConfigMap, and the database its Secret as variables and as a file', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/', '-q']);
    const app = config(home);
    expect(app).toMatchObject({ entreprise: 'Service de formation continue', langue: 'fr', base: 'postgres.default.svc.cluster.local:5432/employes', utilisateur: 'rh' });
    expect(app.fichier).toBe('employes.page.taille=20\nemployes.tri=nom\nsession.duree.minutes=30\n');
    const db = kubesim(home, ['get', 'pods', '-l', 'app=postgres', '-o', 'name']).stdout.trim();
    const env = kubesim(home, ['exec', db, '--', 'env']).stdout;
    expect(env).toContain('\nPOSTGRES_USER=rh\n');
    expect(env).toContain('\nPOSTGRES_PASSWORD_FILE=/run/secrets/postgres/POSTGRES_PASSWORD\n');
    expect(env).not.toContain('POSTGRES_PASSWORD=');
    // the Secret volume lists one item: only that key is a file, decoded from base64
    expect(kubesim(home, ['exec', db, '--', 'cat', '/run/secrets/postgres/POSTGRES_PASSWORD']).stdout).toBe('formation-continue');
    const missing = kubesim(home, ['exec', db, '--', 'cat', '/run/secrets/postgres/POSTGRES_USER']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cat: can't open '/run/secrets/postgres/POSTGRES_USER': No such file or directory");
    expect(kubesim(home, ['exec', db, '--', 'cat', '/docker-entrypoint-initdb.d/init.sql']).stdout).toMatch(/^CREATE TABLE employes/);
    const maps = kubesim(home, ['get', 'configmaps']).stdout;
    expect(maps).toMatch(/\ngestion-employes-config\s+3\s/);
    expect(maps).toMatch(/\npostgres-init\s+1\s/);
    // describeConfigMap, as kubectl 1.32 prints it: each value whole, then BinaryData, then the events
    expect(kubesim(home, ['describe', 'cm', 'gestion-employes-config', '-q']).stdout).toBe(
      'Name:         gestion-employes-config\nNamespace:    default\nLabels:       app=gestion-employes\nAnnotations:  <none>\n\nData\n====\n' +
        'ENTREPRISE:\n----\nService de formation continue\n\nLANGUE:\n----\nfr\n\n' +
        'application.properties:\n----\nemployes.page.taille=20\nemployes.tri=nom\nsession.duree.minutes=30\n\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
    // an annotation too long for its line goes under its key, cut at 138 bytes (printAnnotationsMultiline)
    expect(kubesim(home, ['describe', 'cm', 'kube-root-ca.crt', '-q']).stdout).toContain(
      '\nAnnotations:  kubernetes.io/description:\n                Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubern...\n',
    );
  });

  it('changes the mounted file at once, the environment only when the pods restart', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/', '-q']);
    const edited = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gestion-employes-config\ndata:\n  ENTREPRISE: Alithya\n  LANGUE: fr\n  application.properties: |\n    session.duree.minutes=60\n';
    expect(kubesim(home, ['apply', '-f', '-'], { input: edited }).stdout).toBe('configmap/gestion-employes-config configured\n');
    const before = config(home);
    expect(before.entreprise).toBe('Service de formation continue');
    expect(before.fichier).toBe('session.duree.minutes=60\n');
    kubesim(home, ['rollout', 'restart', 'deployment/gestion-employes', '-q']);
    expect(config(home).entreprise).toBe('Alithya');
  });

  it('keeps a container from starting while its ConfigMap volume is missing (FailedMount), then starts it', () => {
    const home = freshHome();
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lecteur\nspec:\n  containers:\n  - name: c\n    image: nginx\n    volumeMounts:\n    - name: conf\n      mountPath: /etc/conf\n  volumes:\n  - name: conf\n    configMap:\n      name: absente\n';
    kubesim(home, ['apply', '-f', '-', '-q'], { input: pod });
    expect(kubesim(home, ['get', 'pod', 'lecteur', '--no-headers']).stdout).toMatch(/0\/1\s+ContainerCreating/);
    expect(kubesim(home, ['describe', 'pod', 'lecteur']).stdout).toContain('FailedMount  ');
    expect(kubesim(home, ['describe', 'pod', 'lecteur']).stdout).toContain('MountVolume.SetUp failed for volume "conf" : configmap "absente" not found');
    expect(kubesim(home, ['create', 'configmap', 'absente', '--from-literal=cle=valeur']).stdout).toBe('configmap/absente created\n');
    expect(kubesim(home, ['get', 'pod', 'lecteur', '--no-headers']).stdout).toMatch(/1\/1\s+Running/);
    expect(kubesim(home, ['exec', 'lecteur', '--', 'cat', '/etc/conf/cle']).stdout).toBe('valeur');
  });

  it('creates ConfigMaps and Secrets from literals and files, as kubectl create does', () => {
    const home = freshHome();
    expect(kubesim(home, ['create', 'secret', 'generic', 'acces', '--from-literal=utilisateur=rh', '--from-file=mdp=manifests/postgres.yaml']).stdout).toBe('secret/acces created\n');
    const secret = JSON.parse(kubesim(home, ['get', 'secret', 'acces', '-o', 'json']).stdout);
    expect(secret.type).toBe('Opaque');
    expect(Buffer.from(secret.data.utilisateur, 'base64').toString()).toBe('rh');
    expect(Buffer.from(secret.data.mdp, 'base64').toString()).toMatch(/^# La base de données/);
    // kubectl 1.32's own output: the type before the data, sizes only, no events
    expect(kubesim(home, ['create', 'secret', 'generic', 'cle', '--from-literal=a=xyz', '-q']).code).toBe(0);
    expect(kubesim(home, ['describe', 'secret', 'cle', '-q']).stdout).toBe('Name:         cle\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\na:  3 bytes\n');
    const bad = kubesim(home, ['create', 'configmap', 'x', '--from-literal=sansvaleur']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error: invalid literal source sansvaleur, expected key=value');
    expect(kubesim(home, ['get', 'configmap', 'x']).stderr).toContain('Error from server (NotFound): configmaps "x" not found\n');
  });
});
