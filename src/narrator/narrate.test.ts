import { describe, expect, it } from 'vitest';
import type { SimEvent, SimEventBody, Verb } from '../events/types.js';
import { CATALOGS, FOLD_AFTER, Narrator } from './narrate.js';

const { catalog, messages } = CATALOGS.fr;

/** What the API server emits for one of kubectl's writes, as the narrator hears it. */
function request(verb: Verb, kind: string, name: string, revision: number): SimEventBody[] {
  const object = { kind, namespace: 'default', name };
  const key = `/registry/${kind.toLowerCase()}s/default/${name}`;
  return [
    { kind: 'request.sent', verb, method: verb === 'delete' ? 'DELETE' : 'POST', path: `/api/v1/namespaces/default/${kind.toLowerCase()}s/${name}`, object, user: 'kubernetes-admin', client: 'kubectl' },
    { kind: 'authn.succeeded', user: 'kubernetes-admin', groups: ['system:authenticated'], method: 'x509' },
    { kind: 'authz.allowed', user: 'kubernetes-admin', verb, resource: `${kind.toLowerCase()}s`, namespace: 'default', via: 'ClusterRoleBinding/kubeadm:cluster-admins' },
    { kind: 'etcd.written', op: verb === 'delete' ? 'delete' : 'create', key, revision, object, by: 'kubectl' },
  ];
}

function narrate(bodies: SimEventBody[]): string[] {
  const narrator = new Narrator(catalog, messages.folded);
  const actorOf = (k: string) => (k === 'request.sent' ? 'kubectl' : k.startsWith('etcd') ? 'etcd' : k.startsWith('sim') ? 'simulator' : 'apiserver');
  return bodies.flatMap((body, seq) => narrator.lines({ ...body, seq, at: 0, actor: actorOf(body.kind) } as SimEvent).map((l) => `${l.emoji} ${l.text}`));
}

const settled: SimEventBody = { kind: 'sim.stable', steps: 1, elapsedMs: 0 };

describe('Narrator', () => {
  it("folds the user's writes of one verb and kind past 20 (kubectl sends one request per object), and no other", () => {
    const deletes = Array.from({ length: 25 }, (_, i) => request('delete', 'Pod', `web-${i}`, 100 + i)).flat();
    const lines = narrate([...deletes, ...request('create', 'Service', 'web', 200), settled]);
    const told = (emoji: string, text: string) => lines.filter((l) => l.startsWith(emoji) && l.includes(text));
    expect(told('📨', 'DELETE')).toHaveLength(FOLD_AFTER);
    expect(told('💾', '/registry/pods/')).toHaveLength(FOLD_AFTER);
    // another kind of write is told in full, after the folded ones
    expect(told('📨', 'POST /api/v1/namespaces/default/services/web')).toHaveLength(1);
    expect(told('💾', '/registry/services/default/web')).toHaveLength(1);
    // the rest of each line of the story summed up once the world settles, before its closing line
    const summaries = lines.filter((l) => l.startsWith('🔁'));
    expect(summaries).toHaveLength(4);
    expect(summaries[0]).toBe("🔁 5 fois de plus pour d'autres pods, comme la dernière : 📨 kubectl → API Server : DELETE /api/v1/namespaces/default/pods/web-24 — Pod « default/web-24 »");
    expect(summaries[3]).toMatch(/^🔁 5 fois de plus pour d'autres pods, comme la dernière : 💾 etcd : .*\/registry\/pods\/default\/web-24/);
    expect(lines.at(-1)).toMatch(/^⏱️/);
  });

  it('tells 20 writes of a kind in full, without a summary', () => {
    const lines = narrate([...Array.from({ length: FOLD_AFTER }, (_, i) => request('create', 'ConfigMap', `c-${i}`, i)).flat(), settled]);
    expect(lines.filter((l) => l.startsWith('📨'))).toHaveLength(FOLD_AFTER);
    expect(lines.filter((l) => l.startsWith('🔁'))).toHaveLength(0);
  });
});
