import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KObject } from '../api/object.js';
import { controllerOf } from '../api/object.js';

/** The ownerReference a controller puts on what it creates (controller: true, blockOwnerDeletion: true). */
export function controllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isControlledBy(obj: KObject, owner: KObject): boolean {
  return controllerOf(obj)?.uid === owner.metadata.uid;
}

/** The namespace/name key of an object's controller, if it is of the given kind. */
export function ownerKey(obj: KObject, kind: string): string | undefined {
  const ref = controllerOf(obj);
  return ref?.kind === kind ? `${obj.metadata.namespace}/${ref.name}` : undefined;
}

export function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
