/** The part of an OpenAPI v3 schema object that kube-apiserver's documents use for the built-in kinds. */
export interface SchemaObject {
  description?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  additionalProperties?: SchemaObject | boolean;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  $ref?: string;
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** An operation on a path: the kind it serves, and the query parameters it takes. */
export interface Operation {
  'x-kubernetes-group-version-kind'?: GroupVersionKind;
  parameters?: Array<{ name: string; in: 'query'; description: string; schema: { type: string; uniqueItems?: boolean } }>;
}

/** One group-version's document, as served at /openapi/v3/api/v1 or /openapi/v3/apis/apps/v1. */
export interface OpenAPIDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
}

const REF_PREFIX = '#/components/schemas/';

export const refTo = (name: string) => `${REF_PREFIX}${name}`;

/** The schema a `#/components/schemas/NAME` reference points to in `doc`, if any. */
export function resolveRef(ref: string | undefined, doc: OpenAPIDocument): SchemaObject | undefined {
  return ref?.startsWith(REF_PREFIX) ? doc.components.schemas[ref.slice(REF_PREFIX.length)] : undefined;
}
