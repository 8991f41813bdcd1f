import type { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/object.js';
import type { Rand } from '../../sim/rand.js';
import type { Store } from '../../store/store.js';

export type Operation = 'CREATE' | 'UPDATE';

export interface AdmissionContext {
  op: Operation;
  store: Store;
  rand: Rand;
  old?: KObject;
}

/**
 * An admission plugin (apiserver/pkg/admission): mutating plugins run first and report what they changed,
 * then validating plugins may reject the request.
 */
export interface AdmissionPlugin {
  name: string;
  handles(ctx: AdmissionContext, obj: KObject): boolean;
  admit?(obj: KObject, ctx: AdmissionContext): string[] | ApiError;
  validate?(obj: KObject, ctx: AdmissionContext): ApiError | undefined;
}
