import type { Pod } from 'kubernetes-types/core/v1.js';
import { endedAt, hasEnded, hasSucceeded } from './pods.js';

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (pkg/controller/job). */
const FIRST_MS = 10_000;
const MAX_MS = 10 * 60_000;

/**
 * How long a replacement pod still waits (backoff_utils.go): none before the first failure, then 10 s after it,
 * doubled for each failure in a row since the last success, up to 10 min, counted from the last failure. Read from the
 * pods themselves, so that a later command finds the same wait.
 */
export function failureBackoffMs(pods: Pod[], now: number): number {
  const ends = pods
    .filter(hasEnded)
    .map((p) => ({ at: endedAt(p), failed: !hasSucceeded(p) }))
    .filter((e): e is { at: number; failed: boolean } => e.at !== undefined)
    .sort((a, b) => a.at - b.at);
  let failures = 0;
  for (const e of ends) failures = e.failed ? failures + 1 : 0;
  if (!failures) return 0;
  const delay = Math.min(MAX_MS, FIRST_MS * 2 ** (failures - 1));
  return Math.max(0, ends[ends.length - 1]!.at + delay - now);
}
