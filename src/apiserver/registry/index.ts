import { cronJobStrategy } from './cronjob.js';
import { jobStrategy } from './job.js';
import { podStrategy } from './pod.js';
import { serviceStrategy } from './service.js';
import { simpleStrategies } from './simple.js';
import { pvcStrategy, pvStrategy, storageClassStrategy } from './storage.js';
import type { Strategy } from './strategy.js';
import { deploymentStrategy, replicaSetStrategy } from './workloads.js';

/** Kind → strategy, built in one place (like NewInTreeRegistry): nothing registers itself by import. */
export const STRATEGIES: Record<string, Strategy> = {
  ...simpleStrategies,
  Pod: podStrategy,
  Service: serviceStrategy,
  Deployment: deploymentStrategy,
  ReplicaSet: replicaSetStrategy,
  Job: jobStrategy,
  CronJob: cronJobStrategy,
  PersistentVolumeClaim: pvcStrategy,
  PersistentVolume: pvStrategy,
  StorageClass: storageClassStrategy,
};
