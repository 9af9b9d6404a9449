import { Problem } from './validation';

/** The most node groups (node ranges) a multi-node job may have. */
export const MAX_NODE_GROUPS = 5;

/** The number of node ranges must not exceed what Batch takes (User Guide, multi-node parallel jobs: up to five distinct node groups per job). */
export function checkNodeRangeCount(count: number): Problem {
  return count > MAX_NODE_GROUPS ? `containers must hold at most ${MAX_NODE_GROUPS} node ranges, got ${count}` : undefined;
}
