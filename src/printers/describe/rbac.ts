import type { PolicyRule, RoleBinding, Role } from 'kubernetes-types/rbac/v1.js';
import type { Secret, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/object.js';
import type { DescribeContext } from './describers.js';
import { DescribeWriter } from './writer.js';

/** Go's %v of a []string: `[get list watch]`, `[]`. */
const goList = (values: string[] | undefined) => `[${(values ?? []).join(' ')}]`;

/** rbac.BreakdownRule: one rule per API group and resource (and resource name), one per non-resource URL. */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      if (rule.resourceNames?.length) for (const name of rule.resourceNames) rules.push({ apiGroups: [group], resources: [resource], verbs: rule.verbs, resourceNames: [name] });
      else rules.push({ apiGroups: [group], resources: [resource], verbs: rule.verbs });
    }
  }
  for (const url of rule.nonResourceURLs ?? []) rules.push({ nonResourceURLs: [url], verbs: rule.verbs });
  return rules;
}

/** rbac.CompactRules: the rules of one group, resource and resource name become one, their verbs put together. */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const complex: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    if ((rule.resourceNames?.length ?? 0) > 1 || rule.nonResourceURLs?.length || rule.apiGroups?.length !== 1 || rule.resources?.length !== 1) {
      complex.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames?.[0] ?? null]);
    const found = simple.get(key);
    if (found) found.verbs = [...found.verbs, ...rule.verbs];
    else simple.set(key, { ...rule, verbs: [...rule.verbs] });
  }
  return [...complex, ...simple.values()];
}

/** The generated PolicyRule.String(), which describe sorts the rules by (the verbs first). */
const ruleText = (r: PolicyRule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** CombineResourceGroup: `deployments.apps`, `pods/log`, `deployments.apps/scale`. */
function resourceAndGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [resource, sub] = resources[0]!.split(/\/(.*)/s);
  return `${resource}${groups?.[0] ? `.${groups[0]}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

/** describe role and clusterrole: the rules broken down to one resource each, compacted, sorted as kubectl does. */
export function describeRole(o: KObject): string {
  const role = o as unknown as Role;
  const rules = compact((role.rules ?? []).flatMap(breakdown))
    .map((rule) => ({ rule, text: ruleText(rule) }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const w = new DescribeWriter();
  w.identity(o, { namespace: false });
  w.write(0, 'PolicyRule:');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs');
  w.write(1, '---------\t-----------------\t--------------\t-----');
  for (const { rule } of rules) {
    w.write(1, `${resourceAndGroup(rule.resources, rule.apiGroups)}\t${goList(rule.nonResourceURLs)}\t${goList(rule.resourceNames)}\t${goList(rule.verbs)}`);
  }
  return w.toString();
}

/** describe rolebinding and clusterrolebinding: the role it grants, and to whom. */
export function describeRoleBinding(o: KObject): string {
  const binding = o as unknown as RoleBinding;
  const w = new DescribeWriter();
  w.identity(o, { namespace: false });
  w.write(0, 'Role:');
  w.write(1, `Kind:\t${binding.roleRef.kind}`);
  w.write(1, `Name:\t${binding.roleRef.name}`);
  w.write(0, 'Subjects:');
  w.write(1, 'Kind\tName\tNamespace');
  w.write(1, '----\t----\t---------');
  for (const s of binding.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}`);
  return w.toString();
}

const SA_NAME = 'kubernetes.io/service-account.name';

/**
 * describeServiceAccount: its image pull secrets, mountable secrets and token secrets, each missing one marked "(not
 * found)", then the events. The three headings in name order, padded as kubectl pads them.
 */
export function describeServiceAccount(o: KObject, ctx: DescribeContext): string {
  const sa = o as unknown as ServiceAccount;
  const secrets = ctx.list(`/registry/secrets/${o.metadata.namespace}/`) as unknown as Secret[];
  const existing = new Set(secrets.map((s) => s.metadata!.name!));
  const tokens = secrets.filter((s) => s.type === 'kubernetes.io/service-account-token' && s.metadata?.annotations?.[SA_NAME] === o.metadata.name);
  const w = new DescribeWriter();
  w.identity(o);
  const lists: Array<[string, string[]]> = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens.map((s) => s.metadata!.name!)],
  ];
  for (const [heading, names] of lists) {
    if (!names.length) w.write(0, `${heading}\t<none>`);
    names.forEach((name, i) => w.write(0, `${i === 0 ? heading : ' '.repeat(heading.length)}\t${name}${existing.has(name) ? '' : ' (not found)'}`));
  }
  w.events(ctx.events, ctx.now);
  return w.toString();
}
