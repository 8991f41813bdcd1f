import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';

/** One requirement of a label selector (apimachinery/pkg/labels). */
export interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | '=' | '!=';
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

/**
 * Parses a `-l` selector string: `app=web`, `app==web`, `tier!=db`, `env in (a,b)`, `env notin (c)`, `key`, `!key`.
 * Returns an error message (kubectl's wording where it has one) for bad input.
 */
export function parseSelector(text: string): Requirement[] | { error: string } {
  const reqs: Requirement[] = [];
  for (const raw of splitTopLevel(text)) {
    const part = raw.trim();
    if (!part) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      reqs.push({ key: m[1], op: m[2] === 'in' ? 'In' : 'NotIn', values: m[3].split(',').map((v) => v.trim()).filter(Boolean) });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part))) {
      reqs.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] });
    } else if ((m = /^!([\w./-]+)$/.exec(part))) {
      reqs.push({ key: m[1], op: 'DoesNotExist', values: [] });
    } else if ((m = /^([\w./-]+)$/.exec(part))) {
      reqs.push({ key: m[1], op: 'Exists', values: [] });
    } else {
      return { error: `unable to parse requirement: found '${part}', expected: identifier` };
    }
  }
  return reqs;
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
