import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import { integerOf } from './label-selector.js';

/** One requirement of a label selector (apimachinery/pkg/labels). */
export interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | '=' | '!=' | 'Gt' | 'Lt';
  values: string[];
}

export type Labels = Record<string, string> | undefined;

export function matches(reqs: Requirement[], labels: Labels): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=':
      case 'In':
        return has && r.values.includes(l[r.key]);
      case '!=':
      case 'NotIn':
        return !has || !r.values.includes(l[r.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      case 'Gt':
      case 'Lt': {
        // both sides integers, or no match
        const [value, bound] = [l[r.key], r.values[0]].map(integerOf);
        if (!has || value === undefined || bound === undefined) return false;
        return r.op === 'Gt' ? value > bound : value < bound;
      }
    }
  });
}

/** metav1.LabelSelectorAsSelector: an empty selector matches everything, a null one nothing. */
export function fromLabelSelector(sel: LabelSelector | undefined | null): Requirement[] | null {
  if (!sel) return null;
  const reqs: Requirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({ key, op: '=', values: [v] }));
  for (const e of sel.matchExpressions ?? []) reqs.push(fromExpression(e));
  return reqs;
}

function fromExpression(e: LabelSelectorRequirement): Requirement {
  return { key: e.key, op: e.operator as Requirement['op'], values: e.values ?? [] };
}

export function selectorMatches(sel: LabelSelector | undefined | null, labels: Labels): boolean {
  const reqs = fromLabelSelector(sel);
  return reqs !== null && matches(reqs, labels);
}

/** Service selectors are plain maps; an empty one selects nothing (no Endpoints are managed). */
export function mapSelectorMatches(sel: Record<string, string> | undefined, labels: Labels): boolean {
  if (!sel || Object.keys(sel).length === 0) return false;
  return Object.entries(sel).every(([k, v]) => labels?.[k] === v);
}

/** metav1.FormatLabelSelector: `app=web,tier in (a,b)`, `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  if (!sel) return '<none>';
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${sel.matchLabels![k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

export { parseSelector } from './label-selector.js';
