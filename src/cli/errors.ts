import type { ApiError } from '../api/errors.js';
import { errorBody } from '../api/field.js';
import type { ErrorArgs, ErrorCode } from '../narrator/types.js';

/** A failure as kubectl prints it, with what the French (or English) explanation needs. */
export interface CommandError {
  kubectl: string;
  code: ErrorCode;
  args: ErrorArgs;
  /** The process exit code when it is not 1 (curl's own codes, a command's exit code in exec). */
  exitCode?: number;
  /** The answer is already on stdout (`auth can-i` says "no"): only the exit code carries the failure. */
  silent?: boolean;
}

/** What kubectl prints as it is: its own "error: …", the server's "Error from server…", and its connection errors. */
const UNPREFIXED = /^(error: |Error|The connection to the server |Unable to connect to the server: )/;

export const clientError = (kubectl: string, code: ErrorCode, args: ErrorArgs = {}): CommandError => ({
  kubectl: UNPREFIXED.test(kubectl) ? kubectl : `error: ${kubectl}`,
  code,
  args,
});

/** The discovery lookup's refusal of a type the API server does not serve (`kubectl get nope`). */
export const unknownResourceType = (type: string): CommandError => clientError(`the server doesn't have a resource type "${type}"`, 'unknown-resource', { resource: type });

/**
 * kubectl's CheckErr for API errors. Alone, an Invalid error is re-rendered from its causes
 * (`The Deployment "web" is invalid: ...`); among several errors, every one reads `Error from server (Reason): ...`,
 * with the manifest named when the object came from a file (AddSourceToErr).
 */
export function apiError(err: ApiError, opts: { source?: string; verb?: string; alone: boolean; kind?: string; name?: string }): CommandError {
  const args = { kind: opts.kind ?? err.details.kind, name: opts.name ?? err.details.name };
  const causes = err.details.causes;
  if (err.reason === 'Invalid' && opts.alone && causes?.length) {
    const kind = opts.kind ?? err.details.kind;
    const unique = [...new Set(causes.map(errorBody))];
    const text = unique.length === 1 ? `The ${kind} "${err.details.name}" is invalid: ${unique[0]}` : `The ${kind} "${err.details.name}" is invalid: \n${unique.map((c) => `* ${c}`).join('\n')}`;
    return { kubectl: text, code: 'Invalid', args };
  }
  // checkErr's words for an Invalid that names no field (a JSON patch that does not apply)
  if (err.reason === 'Invalid' && opts.alone && !causes?.length) {
    const { kind, name } = err.details;
    return { kubectl: kind || name ? `The ${kind} "${name}" is invalid` : `The request is invalid: ${err.message}`, code: 'Invalid', args };
  }
  const where = opts.source ? `error when ${opts.verb ?? 'creating'} "${opts.source}": ` : '';
  return { kubectl: `Error from server (${err.reason}): ${where}${err.message}`, code: err.reason as ErrorCode, args };
}

export function isCommandError(value: unknown): value is CommandError {
  return !!value && typeof value === 'object' && typeof (value as CommandError).kubectl === 'string' && typeof (value as CommandError).code === 'string';
}
