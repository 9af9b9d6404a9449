import { Tokenization } from 'aws-cdk-lib';
import { checkAtLeast, Problem, show, unresolved } from './validation';

/*
 * The node ranges of a multi-node job, whatever runs on the nodes (ECS containers or EKS pods).
 *
 * What the Batch API reference says (`NodeRangeProperty`, `NodeProperties`, `NodeOverrides`) and the user
 * guide ("Node groups", "Multi-node parallel jobs on Amazon EKS"):
 * - the ranges together must account for every node, 0 to numNodes - 1;
 * - ranges may nest (`0:10` and `4:5`: the inner one's properties win);
 * - a range without an end (`n:`) reaches the highest node; numNodes may then be overridden at submission,
 *   and its start must be below the number of nodes;
 * - the main node is one of the nodes;
 * - at most five ranges (node groups) per job; up to 1,000 nodes per job, a limit that can be raised.
 */

/** A range of the nodes of a multi-node job: `startNode` to `endNode`, both included. */
export interface NodeRange {
  readonly startNode: number;
  /** `undefined`: the range reaches the highest node (`start:`). */
  readonly endNode?: number;
}

export const MAX_NODE_RANGES = 5;
export const DEFAULT_MAX_NODES = 1000;

/** The number of node ranges must not exceed what Batch takes (for callers that check the count alone). */
export function checkNodeRangeCount(count: number): Problem {
  return count > MAX_NODE_RANGES ? `node ranges must be at most ${MAX_NODE_RANGES}, got ${count}` : undefined;
}

/** The `TargetNodes` of a range: `start:end`, or `start:` for a range without an end. */
export function targetNodes(range: NodeRange): string {
  // Tokenization.stringifyNumber keeps a token node index a token (a template string would not)
  const end = range.endNode === undefined ? '' : Tokenization.stringifyNumber(range.endNode);
  return `${Tokenization.stringifyNumber(range.startNode)}:${end}`;
}

/**
 * The number of nodes: `numNodes` when given, else one more than the highest end of the ranges.
 * `undefined` when it cannot be known at synthesis (a token, or a range without an end and no `numNodes`).
 */
export function nodeCount(ranges: NodeRange[], numNodes?: number): number | undefined {
  if (numNodes !== undefined) {
    return unresolved(numNodes) ? undefined : numNodes;
  }
  if (ranges.length === 0 || ranges.some((r) => r.endNode === undefined || unresolved(r.endNode))) {
    return undefined;
  }
  return Math.max(...ranges.map((r) => r.endNode as number)) + 1;
}

/**
 * The problems of the node ranges of a multi-node job, named `prop[i]`, or `labels[i]` when the
 * ranges come from several lists.
 */
export function validateNodeRanges(
  prop: string, ranges: NodeRange[], mainNode: number | undefined, numNodes: number | undefined, labels?: string[],
): Problem[] {
  const at = (i: number): string => labels?.[i] ?? `${prop}[${i}]`;
  if (ranges.length === 0) {
    return [`${prop} must hold at least one node range, got none`];
  }
  const problems: Problem[] = [checkAtLeast('numNodes', numNodes, 1, true), checkAtLeast('mainNode', mainNode, 0, true)];
  if (ranges.length > MAX_NODE_RANGES) {
    problems.push(`${prop} must hold at most ${MAX_NODE_RANGES} node ranges (node groups), got ${ranges.length}`);
  }
  ranges.forEach((r, i) => {
    problems.push(checkAtLeast(`${at(i)}.startNode`, r.startNode, 0, true));
    problems.push(checkAtLeast(`${at(i)}.endNode`, r.endNode, 0, true));
    if (r.endNode !== undefined && !unresolved(r.startNode) && !unresolved(r.endNode) && r.endNode < r.startNode) {
      problems.push(`${at(i)}.endNode must be at least its startNode (${r.startNode}), got ${r.endNode}`);
    }
    if (r.endNode === undefined && numNodes === undefined) {
      problems.push(`numNodes must be set when a node range has no endNode (${at(i)} reaches the highest node), got none`);
    }
    if (unresolved(r.endNode) && numNodes === undefined) {
      problems.push(`numNodes must be set when an endNode is a token (${at(i)}: the number of nodes cannot be derived from it), got none`);
    }
  });
  if (problems.some((p) => p !== undefined)) {
    return problems;
  }
  const count = nodeCount(ranges, numNodes);
  if (count === undefined || ranges.some((r) => unresolved(r.startNode) || unresolved(r.endNode))) {
    return problems;
  }

  ranges.forEach((r, i) => {
    if (r.endNode === undefined && r.startNode >= count) {
      problems.push(`${at(i)}.startNode must be below numNodes (${count}) for a range without an endNode, got ${r.startNode}`);
    }
  });
  // the ranges, in node order, must leave no node without a range
  const spans = ranges.map((r) => [r.startNode, Math.min(r.endNode ?? count - 1, count - 1)]).sort((a, b) => a[0] - b[0]);
  let next = 0;
  for (const [start, end] of spans) {
    if (start > next) {
      problems.push(`${prop} must cover every node from 0 to ${count - 1}, got no range for ${nodes(next, Math.min(start, count) - 1)}`);
    }
    next = Math.max(next, end + 1);
  }
  if (next < count) {
    problems.push(`${prop} must cover every node from 0 to ${count - 1}, got no range for ${nodes(next, count - 1)}`);
  }
  if (mainNode !== undefined && !unresolved(mainNode) && mainNode >= count) {
    problems.push(`mainNode must be one of the nodes, 0 to ${count - 1}, got ${show(mainNode)}`);
  }
  return problems;
}

/** What Batch may accept but the docs do not describe, or a quota that can be raised. */
export function nodeRangeWarnings(prop: string, ranges: NodeRange[], numNodes: number | undefined, labels?: string[]): string[] {
  const at = (i: number): string => labels?.[i] ?? `${prop}[${i}]`;
  const count = nodeCount(ranges, numNodes);
  if (count === undefined || ranges.some((r) => unresolved(r.startNode) || unresolved(r.endNode))) {
    return [];
  }
  const warnings: string[] = [];
  const end = (r: NodeRange) => r.endNode ?? count - 1;
  ranges.forEach((a, i) => ranges.forEach((b, j) => {
    const overlap = j > i && a.startNode <= end(b) && b.startNode <= end(a);
    const nested = (a.startNode <= b.startNode && end(b) <= end(a)) || (b.startNode <= a.startNode && end(a) <= end(b));
    if (overlap && !nested) {
      warnings.push(`${at(i)} and ${at(j)} overlap without one holding the other: Batch documents nested node ranges only, got ${targetNodes(a)} and ${targetNodes(b)}`);
    }
  }));
  ranges.forEach((r, i) => {
    if (r.endNode !== undefined && r.endNode >= count) {
      warnings.push(`${at(i)} reaches beyond the last node (${count - 1}): nodes ${count} to ${r.endNode} never run, got ${targetNodes(r)}`);
    }
  });
  if (count > DEFAULT_MAX_NODES) {
    warnings.push(`numNodes is above ${DEFAULT_MAX_NODES}, the default limit of nodes per multi-node job (it can be raised), got ${count}`);
  }
  return warnings;
}

function nodes(from: number, to: number): string {
  return from === to ? `node ${from}` : `nodes ${from} to ${to}`;
}
