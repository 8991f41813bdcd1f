import type { Container, ContainerState, ContainerStatus, Probe, Volume } from 'kubernetes-types/core/v1.js';
import { goSort } from '../go-sort.js';
import { rfc1123z } from '../../sim/clock.js';
import type { DescribeWriter } from './writer.js';

function probeText(p: Probe): string {
  const timing = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.httpGet) return `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''} ${timing}`;
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${timing}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${timing}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${timing}`;
  return `unknown ${timing}`;
}

function describeState(w: DescribeWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}`);
    if (t.message) w.write(3, `Message:\t${t.message}`);
    w.write(3, `Exit Code:\t${t.exitCode}`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}`);
  } else {
    w.write(2, `${title}:\tWaiting`);
    if (state?.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}`);
  }
}

function describeEnv(w: DescribeWriter, c: Container): void {
  if (c.envFrom?.length) {
    w.write(2, 'Environment Variables from:');
    for (const e of c.envFrom) {
      const [kind, name, optional] = e.configMapRef ? ['ConfigMap', e.configMapRef.name, e.configMapRef.optional] : ['Secret', e.secretRef?.name, e.secretRef?.optional];
      w.write(3, `${name}\t${kind}${e.prefix ? ` with prefix '${e.prefix}'` : ''}\tOptional: ${!!optional}`);
    }
  }
  if (!c.env?.length) return w.write(2, 'Environment:\t<none>');
  w.write(2, 'Environment:');
  for (const e of c.env) {
    const v = e.valueFrom;
    if (!v) {
      (e.value ?? '').split('\n').forEach((line, i) => w.write(3, i === 0 ? `${e.name}:\t${line}` : `\t${line}`));
    } else if (v.secretKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name}'>\tOptional: ${!!v.secretKeyRef.optional}`);
    } else if (v.configMapKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name}'>\tOptional: ${!!v.configMapKeyRef.optional}`);
    } else if (v.fieldRef) {
      w.write(3, `${e.name}:\t (${v.fieldRef.apiVersion ?? 'v1'}:${v.fieldRef.fieldPath})`);
    } else if (v.resourceFieldRef) {
      w.write(3, `${e.name}:\t${v.resourceFieldRef.resource}`);
    }
  }
}

/** describeContainers: one block per container, with its status when the pod has one. */
export function describeContainers(w: DescribeWriter, title: string, containers: Container[], statuses: ContainerStatus[] | undefined, space: string): void {
  w.write(0, `${space}${title}:`);
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}`);
    w.write(2, `Image:\t${c.image}`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}` : `Port:\t${ports || '<none>'}`);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}` : `Host Port:\t${hostPorts || '<none>'}`);
    // describeContainerCommand: each line of a multi-line script on its own, at the same depth
    if (c.command?.length) {
      w.write(2, 'Command:');
      for (const line of c.command.flatMap((part) => part.split('\n'))) w.write(3, line);
    }
    if (c.args?.length) {
      w.write(2, 'Args:');
      for (const line of c.args.flatMap((part) => part.split('\n'))) w.write(3, line);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}`);
    }
    for (const [label, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
      if (!list || !Object.keys(list).length) continue;
      w.write(2, `${label}:`);
      for (const k of Object.keys(list).sort()) w.write(3, `${k}:\t${list[k]}`);
    }
    if (c.livenessProbe) w.write(2, `Liveness:\t${probeText(c.livenessProbe)}`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${probeText(c.readinessProbe)}`);
    if (c.startupProbe) w.write(2, `Startup:\t${probeText(c.startupProbe)}`);
    describeEnv(w, c);
    // SortableVolumeMounts: by path, byte by byte, through Go's sort.Sort
    const mounts = [...(c.volumeMounts ?? [])];
    goSort(mounts, (a, b) => a.mountPath < b.mountPath);
    if (!mounts.length) w.write(2, 'Mounts:\t<none>');
    else {
      w.write(2, 'Mounts:');
      for (const m of mounts) w.write(3, `${m.mountPath} from ${m.name} (${[m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])].join(',')})`);
    }
  }
}

export function describeVolume(w: DescribeWriter, v: Volume): void {
  if (v.projected) {
    w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)');
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}`);
      else if (s.configMap) {
        // kubectl prints the *bool itself: <nil> when unset
        w.write(2, `ConfigMapName:\t${s.configMap.name}`);
        w.write(2, `ConfigMapOptional:\t${s.configMap.optional ?? '<nil>'}`);
      } else if (s.secret) {
        w.write(2, `SecretName:\t${s.secret.name}`);
        w.write(2, `SecretOptionalName:\t${s.secret.optional ?? '<nil>'}`);
      } else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue');
    }
  } else if (v.configMap) {
    w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)');
    w.write(2, `Name:\t${v.configMap.name}`);
    w.write(2, `Optional:\t${!!v.configMap.optional}`);
  } else if (v.secret) {
    w.write(2, 'Type:\tSecret (a volume populated by a Secret)');
    w.write(2, `SecretName:\t${v.secret.secretName}`);
    w.write(2, `Optional:\t${!!v.secret.optional}`);
  } else if (v.emptyDir) {
    w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
    w.write(2, `Medium:\t${v.emptyDir.medium ?? ''}`);
    w.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}`);
  } else if (v.persistentVolumeClaim) {
    w.write(2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
    w.write(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}`);
    w.write(2, `ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}`);
  } else if (v.hostPath) {
    w.write(2, 'Type:\tHostPath (bare host directory volume)');
    w.write(2, `Path:\t${v.hostPath.path}`);
    w.write(2, `HostPathType:\t${v.hostPath.type ?? ''}`);
  } else {
    w.write(2, `Type:\t${Object.keys(v).find((k) => k !== 'name') ?? 'unknown'}`);
  }
}

export function describeVolumes(w: DescribeWriter, volumes: Volume[] | undefined, space: string): void {
  if (!volumes?.length) return w.write(0, `${space}Volumes:\t<none>`);
  w.write(0, `${space}Volumes:`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:`);
    describeVolume(w, v);
  }
}
