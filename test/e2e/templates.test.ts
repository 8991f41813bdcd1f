import { describe, expect, it } from 'vitest';
import { freshHome, kubesim } from './cli.js';

describe("-o go-template: the Kubernetes Basics tutorial's commands", () => {
  it('reads pod names and a NodePort as the tutorial exports them, and refuses a bad template in kubectl words', () => {
    const home = freshHome();
    kubesim(home, ['apply', '-f', 'manifests/gestion-employes.yaml', '-q']);
    const names = kubesim(home, ['-q', 'get', 'pods', '-o', 'go-template', '--template', '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}']);
    expect(names.code).toBe(0);
    expect(names.stdout).toMatch(/^(gestion-employes-[a-z0-9]+-[a-z0-9]{5}\n){3}$/);
    expect(kubesim(home, ['-q', 'get', 'services/gestion-employes', '-o', "go-template={{(index .spec.ports 0).nodePort}}"]).stdout).toBe('30080');
    // --template alone means -o go-template; -o template is the same printer
    expect(kubesim(home, ['-q', 'get', 'svc', '--template', '{{len .items}}']).stdout).toBe('2');
    expect(kubesim(home, ['-q', 'get', 'svc', 'kubernetes', '-o', 'template={{.spec.type}}']).stdout).toBe('ClusterIP');
    expect(kubesim(home, ['-q', 'get', 'svc', '-o', 'go-template={{range .items}}{{.x | nope}}{{end}}'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: error parsing template {{range .items}}{{.x | nope}}{{end}}, template: output:1: function "nope" not defined\n',
    });
    const failed = kubesim(home, ['get', 'svc', 'kubernetes', '-o', 'go-template={{index .spec.ports 5}}']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('error: error executing template "{{index .spec.ports 5}}": template: output:1:2: executing "output" at <index .spec.ports 5>: error calling index: index out of range: 5\n');
    // each change of a watch, through the template
    expect(kubesim(home, ['-q', 'get', 'svc', '-w', '-o', 'go-template={{.metadata.name}};', '--request-timeout', '1s']).stdout).toBe('gestion-employes;kubernetes;');
  });
});
