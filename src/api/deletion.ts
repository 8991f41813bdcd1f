/** DeleteOptions.propagationPolicy: what becomes of an object's dependents (kubectl --cascade). */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/**
 * The finalizer a deletion's policy puts on an owner (deletionFinalizersForGarbageCollection): the garbage collector
 * orphans or deletes its dependents first, then removes it, and the object goes. Background puts none.
 */
export const POLICY_FINALIZERS: Record<PropagationPolicy, string | undefined> = { Background: undefined, Orphan: 'orphan', Foreground: 'foregroundDeletion' };
