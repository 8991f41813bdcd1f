import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { invalid, required, tooLong, type FieldError } from '../../api/field.js';
import { jsonEqual } from '../../api/object.js';
import { labelValue, qualifiedName } from './names.js';

export type NameValidator = (name: string) => string[];

/** ValidateObjectMeta: name present and well-formed, labels and annotations well-formed. */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameValidator, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  if (!m.name && !m.generateName) errs.push(required(`${path}.name`, 'name or generateName is required'));
  if (m.name) for (const msg of nameFn(m.name)) errs.push(invalid(`${path}.name`, m.name, msg));
  if (namespaced && m.namespace === '') errs.push(required(`${path}.namespace`));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  return errs;
}

/** ValidateAnnotations' limit on keys and values together: 256 KiB (a big object's last-applied-configuration). */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    for (const msg of qualifiedName(key.toLowerCase())) errs.push(invalid(path, key, msg));
    size += Buffer.byteLength(key) + Buffer.byteLength(String(value));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of qualifiedName(k)) errs.push(invalid(path, k, msg));
    for (const msg of labelValue(String(v))) errs.push(invalid(path, v, msg));
  }
  return errs;
}

/** apivalidation.ValidateNonnegativeField: a count or duration that may be unset, never negative. */
export function nonNegative(value: number | undefined | null, path: string): FieldError[] {
  return value != null && value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/** apivalidation.ValidateImmutableField, for each of these fields of the spec: an update may not change them. */
export function immutableSpecFields(spec: unknown, old: unknown, fields: readonly string[]): FieldError[] {
  const now = (spec ?? {}) as Record<string, unknown>;
  const before = (old ?? {}) as Record<string, unknown>;
  return fields.filter((f) => !jsonEqual(now[f], before[f])).map((f) => invalid(`spec.${f}`, now[f] ?? null, 'field is immutable'));
}
