import { describe, expect, it } from 'vitest';
import { applyPatch, contains, threeWayPatch } from './merge.js';

describe('client-side apply merge', () => {
  it('sees no change when the cluster holds the manifest plus server defaults', () => {
    const manifest = { spec: { replicas: 3, template: { spec: { containers: [{ name: 'app', image: 'web:1' }] } } } };
    const live = { spec: { replicas: 3, revisionHistoryLimit: 10, template: { spec: { containers: [{ name: 'app', image: 'web:1', imagePullPolicy: 'IfNotPresent' }] } } }, status: { replicas: 3 } };
    expect(threeWayPatch(manifest, manifest, live)).toEqual({});
  });

  it('patches what changed and removes what the manifest dropped since the last apply', () => {
    const last = { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { replicas: 3 } };
    const manifest = { metadata: { labels: { app: 'web' } }, spec: { replicas: 5 } };
    const live = { metadata: { labels: { app: 'web', tier: 'front' }, uid: 'u' }, spec: { replicas: 3, paused: false } };
    const patch = threeWayPatch(last, manifest, live)!;
    expect(patch).toEqual({ metadata: { labels: { tier: null } }, spec: { replicas: 5 } });
    expect(applyPatch(live, patch)).toEqual({ metadata: { labels: { app: 'web' }, uid: 'u' }, spec: { replicas: 5, paused: false } });
  });

  it('merges lists with a merge key element by element, as kubectl sends them: what the server added stays', () => {
    const manifest = { containers: [{ name: 'app', image: 'web:2' }] };
    const live = { containers: [{ name: 'app', image: 'web:1', imagePullPolicy: 'IfNotPresent', volumeMounts: [{ name: 'kube-api-access-x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }] };
    const patch = threeWayPatch({}, manifest, live)!;
    expect(patch).toEqual({ '$setElementOrder/containers': [{ name: 'app' }], containers: [{ name: 'app', image: 'web:2' }] });
    expect(applyPatch(live, patch)).toEqual({ containers: [{ ...live.containers[0], image: 'web:2' }] });
  });

  it('deletes the element the last apply set and the manifest dropped, and adds the new ones', () => {
    const last = { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] };
    const manifest = { env: [{ name: 'A', value: '1' }, { name: 'C', value: '3' }] };
    const live = { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] };
    const patch = threeWayPatch(last, manifest, live)!;
    expect(patch).toEqual({ '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }], env: [{ name: 'C', value: '3' }, { name: 'B', $patch: 'delete' }] });
    expect(applyPatch(live, patch)).toEqual({ env: [{ name: 'A', value: '1' }, { name: 'C', value: '3' }] });
  });

  it('replaces a list without a merge key whole', () => {
    const manifest = { args: ['--port=8080'] };
    expect(threeWayPatch({}, manifest, { args: ['--port=80'] })).toEqual({ args: ['--port=8080'] });
  });

  it('treats numbers written as text by the server as equal', () => {
    expect(contains({ cpu: '1' }, { cpu: 1 })).toBe(true);
    expect(contains({ port: 80 }, { port: '80' })).toBe(false);
  });
});
