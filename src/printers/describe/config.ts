import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/object.js';
import type { DescribeContext } from './describers.js';
import { DescribeWriter } from './writer.js';

/**
 * describeConfigMap: each value whole under its key, then the binary ones by size, then the events. Keys in name
 * order: kubectl walks a Go map, whose order varies from run to run (name order is the one it shows most often).
 */
export function describeConfigMap(o: KObject, ctx: DescribeContext): string {
  const cm = o as unknown as ConfigMap;
  const w = new DescribeWriter();
  w.identity(o);
  w.write(0, '');
  w.write(0, 'Data');
  w.write(0, '====');
  for (const key of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${key}:`);
    w.write(0, '----');
    w.write(0, cm.data![key]!);
    w.write(0, '');
  }
  w.write(0, '');
  w.write(0, 'BinaryData');
  w.write(0, '====');
  for (const key of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${key}: ${Buffer.from(cm.binaryData![key]!, 'base64').length} bytes`);
  w.write(0, '');
  w.events(ctx.events, ctx.now);
  return w.toString();
}

/**
 * describeSecret: the type, then each key with the size of its value, never the value (but a service account token's,
 * which kubectl shows). No events: kubectl's secret describer reads none. Keys in name order (kubectl's, a Go map's,
 * vary from run to run).
 */
export function describeSecret(o: KObject): string {
  const secret = o as unknown as Secret;
  const w = new DescribeWriter();
  w.identity(o);
  w.write(0, '');
  w.write(0, `Type:\t${secret.type ?? ''}`);
  w.write(0, '');
  w.write(0, 'Data');
  w.write(0, '====');
  for (const key of Object.keys(secret.data ?? {}).sort()) {
    const value = Buffer.from(secret.data![key]!, 'base64');
    const token = key === 'token' && secret.type === 'kubernetes.io/service-account-token';
    w.write(0, `${key}:\t${token ? value.toString() : `${value.length} bytes`}`);
  }
  return w.toString();
}
