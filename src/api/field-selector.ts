import type { KObject } from './object.js';

/** One term of a field selector: `spec.nodeName=node-1`, `status.phase!=Failed`. */
interface FieldTerm {
  path: string[];
  value: string;
  equal: boolean;
}

/** apimachinery/pkg/fields: comma-separated `path=value`, `path==value` or `path!=value` terms, all required. */
export function parseFieldSelector(text: string): FieldTerm[] | { error: string } {
  const terms: FieldTerm[] = [];
  for (const part of text.split(',').filter(Boolean)) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part);
    if (!m) return { error: `invalid selector: '${text}'; can't understand '${part}'` };
    terms.push({ path: m[1]!.trim().split('.'), value: m[3]!.trim(), equal: m[2] !== '!=' });
  }
  return terms;
}

/** Whether an object has the field values asked (a missing field reads as the empty string, as the server's do). */
export function fieldsMatch(terms: FieldTerm[], obj: KObject): boolean {
  return terms.every((t) => {
    const found = t.path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), obj);
    return (String(found ?? '') === t.value) === t.equal;
  });
}
