import { Problem } from './validation';

/** Batch takes at most this many node ranges in a multi-node job definition. */
export const MAX_NODE_RANGES = 5;

/** The number of node ranges must not exceed what Batch takes. */
export function checkNodeRangeCount(count: number): Problem {
  return count > MAX_NODE_RANGES ? `node ranges must be at most ${MAX_NODE_RANGES}, got ${count}` : undefined;
}
