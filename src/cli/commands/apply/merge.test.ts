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

  it('replaces a list whose items changed', () => {
    const manifest = { containers: [{ name: 'app', image: 'web:2' }] };
    const live = { containers: [{ name: 'app', image: 'web:1', imagePullPolicy: 'IfNotPresent' }] };
    expect(threeWayPatch({}, manifest, live)).toEqual({ containers: [{ name: 'app', image: 'web:2' }] });
  });

  it('treats numbers written as text by the server as equal', () => {
    expect(contains({ cpu: '1' }, { cpu: 1 })).toBe(true);
    expect(contains({ port: 80 }, { port: '80' })).toBe(false);
  });
});
