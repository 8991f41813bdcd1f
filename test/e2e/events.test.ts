import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETERMINISTIC, freshHome, kubesim, ROOT } from './cli.js';

/** `kubesim events` on the seed scenario (serve.test.ts compares it with the real kubectl, byte for byte). */
describe('kubesim events', () => {
  const home = freshHome();
  expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/']).code).toBe(0);

  it("prints kubectl events' own table: Kind/name, oldest first, one object's with --for", () => {
    const all = kubesim(home, ['events']);
    expect(all.code).toBe(0);
    const [header, ...rows] = all.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(rows.some((r) => /Normal +Scheduled +Pod\/gestion-employes-\w+-\w{5} +Successfully assigned default\//.test(r))).toBe(true);
    // by the time kubectl sorts on: the last one seen (the scheduler's events.k8s.io events have an eventTime only)
    const json = JSON.parse(kubesim(home, ['events', '-o', 'json']).stdout) as { items: Array<{ lastTimestamp: string | null; eventTime: string | null }> };
    expect(json.items).toHaveLength(rows.length);
    const times = json.items.map((e) => Date.parse(e.lastTimestamp ?? e.eventTime!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const one = kubesim(home, ['events', '--for', 'deployment.apps/postgres', '--no-headers']).stdout;
    expect(one).toMatch(/^\d+s +Normal +ScalingReplicaSet +Deployment\/postgres +Scaled up replica set postgres-\w+ from 0 to 1\n$/);
    expect(kubesim(home, ['events', '-A']).stdout).toMatch(/^NAMESPACE +LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n/);
  });

  it('prints -o json as a typed EventList (Go field order), and says so on stderr when there is nothing', () => {
    const list = JSON.parse(kubesim(home, ['events', '--for', 'deploy/postgres', '-o', 'json']).stdout) as { kind: string; metadata: object; items: object[] };
    expect(Object.keys(list)).toEqual(['kind', 'apiVersion', 'metadata', 'items']);
    expect(list.metadata).toEqual({});
    expect(Object.keys(list.items[0]!)).toEqual(['kind', 'apiVersion', 'metadata', 'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'reportingComponent', 'reportingInstance']);
    expect(kubesim(home, ['-q', 'events', '--types', 'Warning'])).toMatchObject({ code: 0, stdout: '', stderr: 'No events found in default namespace.\n' });
    expect(kubesim(home, ['-q', 'events', '-A', '--types', 'warning'])).toMatchObject({ code: 0, stdout: '', stderr: 'No events found.\n' });
  });

  it("refuses what kubectl refuses, in kubectl's words", () => {
    const refused = (args: string[]) => kubesim(home, ['-q', 'events', ...args]);
    expect(refused(['--types', 'Info'])).toMatchObject({ code: 1, stderr: 'error: valid --types are Normal or Warning\n' });
    expect(refused(['--for', 'pod'])).toMatchObject({ code: 1, stderr: 'error: --for must be in resource/name form\n' });
    expect(refused(['--for', 'a/b/c'])).toMatchObject({ code: 1, stderr: 'error: arguments in resource/name form may not have more than one slash\n' });
    expect(refused(['--for', 'nope/x'])).toMatchObject({ code: 1, stderr: 'the server doesn\'t have a resource type "nope"\n' });
    expect(refused(['-o', 'wide']).stderr).toMatch(/^error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,/);
    expect(refused(['--as', 'nobody'])).toMatchObject({ code: 1, stderr: 'Error from server (Forbidden): events is forbidden: User "nobody" cannot list resource "events" in API group "" in the namespace "default"\n' });
  });

  it('watches with -w: the events already there in the server order, then each new one as it is written', async () => {
    const names = kubesim(home, ['-q', 'events', '-w', '-o', 'name', '--request-timeout', '1s']).stdout.trim().split('\n');
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual([...names].sort());
    // a scale in another terminal while the watch runs: its event comes after the others, aligned under them
    const watch = spawn(process.execPath, [join(ROOT, 'bin/kubesim.js'), '-q', 'events', '-w', '--for', 'deploy/gestion-employes', '--request-timeout', '6s'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: home, KUBESIM_HOME: home, ...DETERMINISTIC } });
    let out = '';
    watch.stdout.on('data', (d: Buffer) => (out += d));
    await new Promise((r) => setTimeout(r, 2000));
    expect(kubesim(home, ['-q', 'scale', 'deploy', 'gestion-employes', '--replicas', '4']).code).toBe(0);
    await new Promise((r) => watch.on('close', r));
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(lines.at(-1)).toMatch(/Normal +ScalingReplicaSet +Deployment\/gestion-employes +Scaled up replica set gestion-employes-\w+ from 3 to 4$/);
    // one table: every row's TYPE under the header's (kubectl's tabwriter remembers the widths it printed)
    const typeAt = lines[0]!.indexOf('TYPE');
    for (const line of lines.slice(1)) expect(line.indexOf('Normal')).toBe(typeAt);
  }, 30_000);
});
