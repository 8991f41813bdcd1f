import { defaultTolerationSeconds } from './default-toleration-seconds.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';
import type { AdmissionPlugin } from './plugin.js';
import { serviceAccount } from './service-account.js';
import { defaultStorageClass, storageProtection } from './storage.js';

/** The enabled admission chain, in kube-apiserver's order. */
export const ADMISSION_CHAIN: readonly AdmissionPlugin[] = [namespaceLifecycle, serviceAccount, defaultTolerationSeconds, defaultStorageClass, storageProtection];
