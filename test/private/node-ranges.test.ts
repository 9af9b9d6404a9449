import * as fc from 'fast-check';
import { found } from '../../lib/private/validation';
import { checkNodeRangeCount, NodeRange, nodeCount, nodeRangeWarnings, targetNodes, validateNodeRanges } from '../../lib/private/node-ranges';

/** Ranges that tile 0..n-1 in random order, the last in node order possibly without an end. */
const tiling = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }).chain((sizes) => {
  const ranges: NodeRange[] = [];
  let start = 0;
  for (const size of sizes) {
    ranges.push({ startNode: start, endNode: start + size - 1 });
    start += size;
  }
  return fc.record({ ranges: fc.shuffledSubarray(ranges, { minLength: ranges.length, maxLength: ranges.length }), count: fc.constant(start) });
});

describe('node ranges', () => {
  test('ranges that tile the nodes, in any order, have no problem and no warning', () => {
    fc.assert(fc.property(tiling, fc.nat(), ({ ranges, count }, main) => {
      const mainNode = main % count;
      expect(found(validateNodeRanges('r', ranges, mainNode, undefined))).toEqual([]);
      expect(nodeRangeWarnings('r', ranges, undefined)).toEqual([]);
      expect(nodeCount(ranges)).toBe(count);
    }));
  });

  test('the last range without an end, with numNodes at least its start + 1, has no problem', () => {
    fc.assert(fc.property(tiling, fc.integer({ min: 0, max: 100 }), ({ ranges, count }, extra) => {
      const last = ranges.reduce((a, b) => (a.startNode > b.startNode ? a : b));
      const open = ranges.map((r) => (r === last ? { startNode: r.startNode } : r));
      const numNodes = last.startNode + 1 + extra;
      expect(found(validateNodeRanges('r', open, 0, numNodes))).toEqual([]);
      expect(nodeCount(open, numNodes)).toBe(numNodes);
      expect(count).toBeGreaterThan(last.startNode);
    }));
  });

  test('removing any range of a tiling of two or more leaves a gap', () => {
    fc.assert(fc.property(tiling.filter(({ ranges }) => ranges.length > 1), fc.nat(), ({ ranges, count }, pick) => {
      const removed = ranges[pick % ranges.length];
      const rest = ranges.filter((r) => r !== removed);
      const problems = found(validateNodeRanges('r', rest, 0, count));
      expect(problems.some((p) => /must cover every node from 0 to/.test(p))).toBe(true);
    }));
  });

  test.each<[NodeRange, string]>([
    [{ startNode: 0, endNode: 3 }, '0:3'],
    [{ startNode: 2 }, '2:'],
    [{ startNode: 5, endNode: 5 }, '5:5'],
  ])('targetNodes(%j) is %s', (range, expected) => {
    expect(targetNodes(range)).toBe(expected);
  });
});

describe('checkNodeRangeCount()', () => {
  test.each<[number, boolean]>([[1, true], [5, true], [6, false]])('%d ranges pass: %s', (count, passes) => {
    expect(checkNodeRangeCount(count) === undefined).toBe(passes);
  });
});
