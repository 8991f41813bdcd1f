import { describe, expect, it } from 'vitest';
import { parseCustomColumns, printCustomColumns } from './custom-columns.js';
import { JsonPathError, parseJsonPath, printJsonPath } from './jsonpath.js';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'web-1', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } }, spec: { containers: [{ name: 'app', image: 'web:1', ports: [{ containerPort: 80 }] }] }, status: { phase: 'Running', restarts: 0 } },
    { metadata: { name: 'db-0', labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }, { name: 'log', image: 'busybox' }] }, status: { phase: 'Pending', restarts: 3 } },
  ],
};

describe('kubectl JSONPath templates', () => {
  it.each([
    ['{.kind}', 'List'],
    ['{$.kind}', 'List'],
    ['{.items[*].metadata.name}', 'web-1 db-0'],
    ['{.items[0].metadata.labels}', '{"app":"web","app.kubernetes.io/name":"web"}'],
    ["{.items[0].metadata.labels['app.kubernetes.io/name']}", 'web'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'web'],
    ['{.items[-1].metadata.name} {.items[0:1].metadata.name} {.items[::2].metadata.name}', 'db-0 web-1 web-1'],
    ['{..image}', 'web:1 postgres:16 busybox'],
    ['{.items[*].spec.containers[*].name}', 'app pg log'],
    ['{.items[?(@.status.phase=="Running")].metadata.name}', 'web-1'],
    ["{.items[?(@.status.phase!='Running')].metadata.name}", 'db-0'],
    ['{.items[?(@.status.restarts>1)].metadata.name}', 'db-0'],
    ['{.items[?(@.spec.containers[0].ports)].metadata.name}', 'web-1'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'web-1\tRunning\ndb-0\tPending\n'],
    ['{range.items[*]}[{.metadata.name}]{end} done', '[web-1][db-0] done'],
    ['{.items[0].status.restarts} {.items[0].spec.nope} {.nope[*]}', '0  '],
    ['{.items[0].spec.containers[0].ports}', '[{"containerPort":80}]'],
  ])('%s', (template, want) => {
    expect(printJsonPath(parseJsonPath(template), list)).toBe(want);
  });

  it.each([
    ['{.items[*].metadata.name', 'unclosed action', 'parsing'],
    ['{.items[}', 'unterminated array', 'parsing'],
    ['{.items[0]}{end}', 'not in range, nothing to end', 'executing'],
    ['{.items[?(@.status.phase==Running)]}', 'unrecognized identifier Running', 'parsing'],
  ])('refuses %s as client-go does (%s)', (template, message, during) => {
    const refusal = (() => {
      try {
        parseJsonPath(template);
      } catch (e) {
        return e;
      }
    })() as JsonPathError;
    expect(refusal).toBeInstanceOf(JsonPathError);
    expect([refusal.message, refusal.during]).toEqual([message, during]);
  });

  it('refuses an index past the end while printing', () => {
    expect(() => printJsonPath(parseJsonPath('{.items[5].metadata.name}'), list)).toThrow('array index out of bounds: index 5, length 2');
  });
});

describe('kubectl custom columns', () => {
  it('prints each path with Go %v, commas between values, <none> for nothing', () => {
    const columns = parseCustomColumns('NAME:.metadata.name,IMAGES:spec.containers[*].image,LABELS:{.metadata.labels},X:.nope');
    expect(printCustomColumns(columns as never, list.items, false)).toBe(
      'NAME    IMAGES                LABELS                                    X\n' +
        'web-1   web:1                 map[app:web app.kubernetes.io/name:web]   <none>\n' +
        'db-0    postgres:16,busybox   map[app:db]                               <none>\n',
    );
    expect(parseCustomColumns('NAME')).toBe('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
  });
});

describe('any template', () => {
  it('prints, or is refused with a JsonPathError: never another error (fast-check)', async () => {
    const fc = await import('fast-check');
    const piece = fc.constantFrom('{', '}', '.', '..', '[', ']', '*', '?(', ')', '@', '$', '==', '<', '"', "'", ':', '-1', '0', 'range ', 'end', 'items', 'metadata', 'name', ' ', '\\n', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        try {
          printJsonPath(parseJsonPath(pieces.join('')), list);
        } catch (e) {
          if (!(e instanceof JsonPathError)) throw e;
        }
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
});
