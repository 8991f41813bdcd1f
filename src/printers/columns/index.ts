import { bindingColumns, configMapColumns, defaultColumns, eventColumns, namespaceColumns, nodeColumns, secretColumns, serviceAccountColumns } from './cluster.js';
import { endpointSliceColumns, endpointsColumns, serviceColumns } from './network.js';
import { podColumns } from './pods.js';
import { persistentVolumeClaimColumns, persistentVolumeColumns, storageClassColumns } from './storage.js';
import type { Columns } from './types.js';
import { cronJobColumns, deploymentColumns, jobColumns, replicaSetColumns } from './workloads.js';

/** Kind → table columns, as kube-apiserver's printers.go registers them. */
export const COLUMNS: Record<string, Columns> = {
  Pod: podColumns,
  Deployment: deploymentColumns,
  ReplicaSet: replicaSetColumns,
  Job: jobColumns,
  CronJob: cronJobColumns,
  Service: serviceColumns,
  Endpoints: endpointsColumns,
  EndpointSlice: endpointSliceColumns,
  Node: nodeColumns,
  Namespace: namespaceColumns,
  Event: eventColumns,
  ConfigMap: configMapColumns,
  Secret: secretColumns,
  ServiceAccount: serviceAccountColumns,
  RoleBinding: bindingColumns,
  ClusterRoleBinding: bindingColumns,
  PersistentVolumeClaim: persistentVolumeClaimColumns,
  PersistentVolume: persistentVolumeColumns,
  StorageClass: storageClassColumns,
};

export function columnsFor(kind: string): Columns {
  return COLUMNS[kind] ?? defaultColumns;
}
