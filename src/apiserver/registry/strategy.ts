import type { FieldError } from '../../api/field.js';
import type { KObject } from '../../api/object.js';
import type { NameValidator } from '../validation/meta.js';

/**
 * Per-kind behaviour of the API server (pkg/registry/<group>/<resource>/strategy.go): how a name is checked,
 * what is reset on create and kept on update, and which rules the object must satisfy.
 */
export interface Strategy {
  nameValidator: NameValidator;
  /** Kinds with a status subresource: a main-resource update keeps the stored status, and spec changes bump generation. */
  hasStatus: boolean;
  /** metadata.generation counts spec changes (workloads, and pods since 1.34). */
  tracksGeneration?: boolean;
  /** Nodes register with their status (the kubelet reports it at creation); other kinds start with none. */
  keepsStatusOnCreate?: boolean;
  validate(obj: KObject): FieldError[];
  validateUpdate?(obj: KObject, old: KObject): FieldError[];
  prepareForCreate?(obj: KObject): void;
  /** Conversion on every write (create and update), e.g. a Secret's write-only stringData merged into data. */
  normalize?(obj: KObject): void;
}
