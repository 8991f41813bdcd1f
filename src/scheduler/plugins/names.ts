/** Plugin names as Kubernetes spells them (pkg/scheduler/framework/plugins/names). */
export const NodeUnschedulable = 'NodeUnschedulable';
export const NodeName = 'NodeName';
export const TaintToleration = 'TaintToleration';
export const NodeAffinity = 'NodeAffinity';
export const NodeResourcesFit = 'NodeResourcesFit';
export const NodeResourcesBalancedAllocation = 'NodeResourcesBalancedAllocation';
export const VolumeBinding = 'VolumeBinding';
export const NodePorts = 'NodePorts';
export const PodTopologySpread = 'PodTopologySpread';
export const InterPodAffinity = 'InterPodAffinity';
export const ImageLocality = 'ImageLocality';
export const VolumeRestrictions = 'VolumeRestrictions';
export const VolumeZone = 'VolumeZone';
