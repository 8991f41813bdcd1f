import { describe, expect, it } from 'vitest';
import { executeGoTemplate, GoTemplateError, parseGoTemplate } from './go-template.js';

const svc = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'kubernetes', labels: { provider: 'kubernetes', component: 'apiserver' } },
  spec: { type: 'ClusterIP', sessionAffinity: 'None', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  data: { password: 'MWYyZDFlMmU2N2Rm' },
};
const list = { apiVersion: 'v1', kind: 'List', items: [svc, { ...svc, metadata: { name: 'web' }, spec: { ports: [] } }], metadata: { resourceVersion: '' } };
const run = (template: string, data: unknown = svc) => executeGoTemplate(parseGoTemplate(template), data);

describe('go-template: what kubectl 1.32 printed for the same template and object', () => {
  it.each([
    // the Kubernetes Basics tutorial
    ['{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', 'kubernetes\nweb\n', list],
    ['{{(index .spec.ports 0).port}}', '443', svc],
    // Go's %v of maps (sorted keys), slices and absent keys
    ['{{.spec.foo}}|{{.metadata.labels}}|{{.spec.ports}}|{{.spec.foo.bar}}', '<no value>|map[component:apiserver provider:kubernetes]|[map[name:https port:443 protocol:TCP targetPort:6443]]|<no value>', svc],
    ['{{printf "%s-%d-%v-%q" .metadata.name 3 .spec.ports "a"}} {{len .spec.ports}} {{if eq .spec.type "ClusterIP"}}yes{{else}}no{{end}} {{index .metadata.labels "component"}} {{.spec.sessionAffinity | printf "%q"}}', 'kubernetes-3-[map[name:https port:443 protocol:TCP targetPort:6443]]-"a" 1 yes apiserver "None"', svc],
    ['{{range $i, $s := .items}}{{$i}}={{$s.metadata.name}} {{end}}', '0=kubernetes 1=web ', list],
    ['{{- range .items }}  {{ .metadata.name -}}  {{ end }}', '  kubernetes  web', list],
    ['{{range .items}}{{if .spec.ports}}{{with index .spec.ports 0}}{{.port}}{{end}}{{else}}none{{end}}{{/* c */}}{{end}}', '443none', list],
    ['{{range .metadata.labels}}{{.}},{{end}}{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}', 'apiserver,kubernetes,component=apiserver;provider=kubernetes;', svc],
    ['{{.kind | len}} {{not true}} {{or .x "d"}} {{print 1 2 "a" 3}} {{println "x" 1}}', '7 false d 1 2a3 x 1\n', svc],
    ['{{$x := .kind}}{{$x}} {{with .spec}}{{.type}}{{else}}none{{end}} {{if .x}}x{{else if .spec}}spec{{else}}no{{end}}', 'Service ClusterIP spec', svc],
    ['{{range .items}}{{else}}empty{{end}}', 'empty', { items: [] }],
    // kubectl's own functions
    ['{{.data.password | base64decode}} {{exists . "spec" "type"}} {{exists . "spec" "nope"}}', '1f2d1e2e67df true false', svc],
  ])('%s', (template, want, data) => {
    expect(run(template, data)).toBe(want);
  });

  it.each([
    ['{{range', 'parsing', 'output:1: unclosed action'],
    ['{{.x | nope}}', 'parsing', 'output:1: function "nope" not defined'],
    ['{{if .x}}a', 'parsing', 'output:1: unexpected EOF'],
    ['{{end}}', 'parsing', 'output:1: unexpected {{end}}'],
    ['{{"abc}}', 'parsing', 'output:1: unterminated quoted string'],
    ['{{index .spec.ports 5}}', 'executing', 'output:1:2: executing "output" at <index .spec.ports 5>: error calling index: index out of range: 5'],
    ['{{.kind -}}\n\n{{- "x" }}\n{{index .spec.ports 5}}', 'executing', 'output:4:2: executing "output" at <index .spec.ports 5>: error calling index: index out of range: 5'],
  ])('refuses %s as kubectl does', (template, during, message) => {
    const failure = (() => {
      try {
        run(template);
      } catch (e) {
        return e;
      }
    })();
    expect(failure).toBeInstanceOf(GoTemplateError);
    expect(failure).toMatchObject({ during, message });
  });
});
