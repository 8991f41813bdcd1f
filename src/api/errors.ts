import type { FieldError } from './field.js';
import { errorBody } from './field.js';

/** metav1.StatusReason values kubesim produces (apimachinery/pkg/api/errors). */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'Unauthorized'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'InternalError';

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Forbidden: 403,
  BadRequest: 400,
  Unauthorized: 401,
  MethodNotAllowed: 405,
  UnsupportedMediaType: 415,
  RequestEntityTooLarge: 413,
  InternalError: 500,
};

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: FieldError[];
}

/** An API error as a value: what the API server answers, rendered by the CLI like kubectl's CheckErr. */
export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details: StatusDetails = {},
  ) {
    super(message);
    this.code = CODES[reason];
  }

  /** The metav1.Status body a real API server would send. */
  toStatus(): Record<string, unknown> {
    return {
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: this.details.causes
        ? { ...this.details, causes: this.details.causes.map((c) => ({ reason: `Field${c.type.replace(/ .*/, '')}`, message: errorBody(c).slice(c.field.length + 2), field: c.field })) }
        : this.details,
      code: this.code,
    };
  }
}

/**
 * kube-apiserver's --max-request-bytes default, 3 MiB (twice etcd's 1.5 MiB, as a JSON body shrinks to protobuf in
 * etcd): a bigger body is refused before it is decoded (endpoints/handlers/rest.go limitedReadBody).
 */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

export const requestTooLarge = () => new ApiError('RequestEntityTooLarge', `Request entity too large: limit is ${MAX_REQUEST_BYTES}`);

/** The size of a body as kubectl sends it (compact JSON). */
export const jsonBytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));

export const notFound = (qualified: string, name: string) =>
  new ApiError('NotFound', `${qualified} "${name}" not found`, { name });

export const alreadyExists = (qualified: string, name: string) =>
  new ApiError('AlreadyExists', `${qualified} "${name}" already exists`, { name });

export const conflict = (qualified: string, name: string) =>
  new ApiError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name },
  );

/** `Deployment.apps "web" is invalid: [...]`: the server's message; kubectl re-renders the causes. */
export function invalidError(kind: string, group: string, name: string, causes: FieldError[]): ApiError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const body = causes.length === 1 ? errorBody(causes[0]) : `[${causes.map(errorBody).join(', ')}]`;
  return new ApiError('Invalid', `${qualifiedKind} "${name}" is invalid: ${body}`, { name, group, kind, causes });
}

export const badRequest = (message: string) => new ApiError('BadRequest', message);
