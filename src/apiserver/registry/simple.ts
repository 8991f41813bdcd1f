import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js';
import type { PolicyRule } from 'kubernetes-types/rbac/v1.js';
import { invalid, required, tooLong, type FieldError } from '../../api/field.js';
import type { KObject } from '../../api/object.js';
import { validateObjectMeta, type NameValidator } from '../validation/meta.js';
import { configMapKey, dns1123Label, dns1123Subdomain } from '../validation/names.js';
import type { Strategy } from './strategy.js';

/** path.ValidatePathSegmentName: RBAC and other names that may hold ':' but not '/' or '%'. */
const pathSegment: NameValidator = (name) => {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const bad = ['/', '%'].find((c) => name.includes(c));
  return bad ? [`may not contain '${bad}'`] : [];
};

function metaOnly(nameValidator: NameValidator, namespaced: boolean, extra?: (o: KObject) => FieldError[]): Strategy {
  return {
    nameValidator,
    hasStatus: false,
    validate: (o) => [...validateObjectMeta(o.metadata, namespaced, nameValidator), ...(extra?.(o) ?? [])],
  };
}

function dataKeys(data: Record<string, unknown> | undefined, path: string): FieldError[] {
  return Object.keys(data ?? {}).flatMap((k) => configMapKey(k).map((msg) => invalid(path, k, msg)));
}

/** corev1.MaxSecretSize: what a ConfigMap's or a Secret's data may hold in all, so that it fits an etcd value. */
const MAX_DATA_SIZE = 1024 * 1024;

const base64Bytes = (v: unknown) => Buffer.from(String(v), 'base64').length;

/** ValidateConfigMap's total: its text data's bytes and its binaryData's decoded bytes, told for the whole object ("[]"). */
function configMapSize(o: KObject): FieldError[] {
  const cm = o as unknown as ConfigMap;
  const size = Object.values(cm.data ?? {}).reduce((n, v) => n + Buffer.byteLength(String(v)), 0) + Object.values(cm.binaryData ?? {}).reduce((n, v) => n + base64Bytes(v), 0);
  return size > MAX_DATA_SIZE ? [tooLong('[]', MAX_DATA_SIZE)] : [];
}

/** ValidateSecret's total: the decoded bytes of data (stringData is in it by then). */
function secretSize(o: KObject): FieldError[] {
  const size = Object.values((o as unknown as Secret).data ?? {}).reduce((n, v) => n + base64Bytes(v), 0);
  return size > MAX_DATA_SIZE ? [tooLong('data', MAX_DATA_SIZE)] : [];
}

function rules(o: KObject): FieldError[] {
  const list = (o as { rules?: PolicyRule[] }).rules ?? [];
  return list.flatMap((r, i) => (r.verbs?.length ? [] : [required(`rules[${i}].verbs`, 'verbs must contain at least one value')]));
}

function roleRef(o: KObject): FieldError[] {
  const ref = (o as { roleRef?: { kind?: string; name?: string } }).roleRef;
  if (!ref?.name) return [required('roleRef.name')];
  return ['Role', 'ClusterRole'].includes(ref.kind ?? '') ? [] : [invalid('roleRef.kind', ref.kind ?? '', 'must be Role or ClusterRole')];
}

export const simpleStrategies: Record<string, Strategy> = {
  Namespace: { ...metaOnly(dns1123Label, false), hasStatus: true },
  Node: { ...metaOnly(dns1123Subdomain, false), hasStatus: true, keepsStatusOnCreate: true },
  ConfigMap: metaOnly(dns1123Subdomain, true, (o) => [
    ...dataKeys((o as unknown as ConfigMap).data, 'data'),
    ...dataKeys((o as unknown as ConfigMap).binaryData, 'binaryData'),
    ...configMapSize(o),
  ]),
  Secret: {
    ...metaOnly(dns1123Subdomain, true, (o) => [...dataKeys((o as unknown as Secret).data, 'data'), ...dataKeys((o as unknown as Secret).stringData, 'stringData'), ...secretSize(o)]),
    // stringData is write-only: the API server stores it base64-encoded in data, where it wins over the same key
    normalize(o) {
      const secret = o as unknown as { data?: Record<string, string>; stringData?: Record<string, string> };
      if (!secret.stringData) return;
      secret.data = { ...(secret.data ?? {}) };
      for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
      delete secret.stringData;
    },
  },
  ServiceAccount: metaOnly(dns1123Subdomain, true),
  Endpoints: metaOnly(dns1123Subdomain, true),
  EndpointSlice: metaOnly(dns1123Subdomain, true),
  Event: metaOnly(dns1123Subdomain, true),
  ClusterRole: metaOnly(pathSegment, false, rules),
  Role: metaOnly(pathSegment, true, rules),
  ClusterRoleBinding: metaOnly(pathSegment, false, roleRef),
  RoleBinding: metaOnly(pathSegment, true, roleRef),
};
