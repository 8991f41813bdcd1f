/**
 * apimachinery/pkg/util/validation/field: typed validation errors with a path and the exact wording
 * (`spec.replicas: Invalid value: -1: must be greater than or equal to 0`).
 */
export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Forbidden'
  | 'Too long'
  | 'Not found';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: unknown;
  detail?: string;
}

function renderValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v); // maps and structs as JSON since 1.34
}

export function errorBody(e: FieldError): string {
  let s = `${e.field}: ${e.type}`;
  const showValue = e.type === 'Invalid value' || e.type === 'Unsupported value' || e.type === 'Duplicate value';
  if (showValue && e.value !== undefined) s += `: ${renderValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export const required = (field: string, detail?: string): FieldError => ({ type: 'Required value', field, detail });
export const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'Invalid value', field, value, detail });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'Duplicate value', field, value });
/** field.TooLong: the value itself is never shown. */
export const tooLong = (field: string, maxBytes: number): FieldError => ({ type: 'Too long', field, detail: `may not be more than ${maxBytes} ${maxBytes === 1 ? 'byte' : 'bytes'}` });
export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  type: 'Unsupported value',
  field,
  value,
  detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});

/** Joins path segments: child('spec', 'containers[0]', 'name'). */
export function child(...parts: string[]): string {
  return parts.filter(Boolean).join('.');
}
