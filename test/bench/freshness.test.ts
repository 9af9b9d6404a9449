/**
 * `bench/results.json` measures the library as it is: it records the commit and the tree of `lib/` it was
 * measured at, and goes stale once `lib/` has changed in more than one commit since.
 *
 * One commit of slack lets a change regenerate the results in the commit that finishes it (measured
 * just before). Commits are counted along the first parents, so a merge counts once; the merge of a
 * branch that changed `lib/` usually means running `npm run bench` again, in one commit, after it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../util/assembly';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { libTree } = require('../../bench/lib-tree');

const MAX_LIBRARY_COMMITS_BEHIND = 1;

const git = (...args: string[]): string => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();

/**
 * How many commits that changed lib/ the measurement is behind, counting uncommitted changes to lib/ as
 * one more; `undefined` when the measured commit is not in the history of HEAD.
 */
export function libraryCommitsBehind(measuredCommit: string, measuredTree: string): number | undefined {
  const current = libTree(REPO_ROOT);
  if (current === measuredTree) {
    return 0;
  }
  try {
    git('merge-base', '--is-ancestor', measuredCommit, 'HEAD');
  } catch {
    return undefined;
  }
  const committed = Number(git('rev-list', '--count', '--first-parent', `${measuredCommit}..HEAD`, '--', 'lib'));
  const uncommitted = current === git('rev-parse', 'HEAD:lib') ? 0 : 1;
  return committed + uncommitted;
}

describe('bench/results.json', () => {
  const results = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'bench', 'results.json'), 'utf8'));

  test('records the commit and the lib/ tree it measured', () => {
    expect(results.machine.libCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(results.machine.libTree).toMatch(/^[0-9a-f]{40}$/);
  });

  test(`is at most ${MAX_LIBRARY_COMMITS_BEHIND} library commit behind lib/ (else run \`npm run bench\`)`, () => {
    const behind = libraryCommitsBehind(results.machine.libCommit, results.machine.libTree);
    // undefined: the measured commit is not in this history (rebased away); measure again
    expect(behind).toBeDefined();
    expect(behind).toBeLessThanOrEqual(MAX_LIBRARY_COMMITS_BEHIND);
  });

  test('the count sees library commits: from the parent of the last lib/ commit, one behind or none', () => {
    // GIVEN the last commit that changed lib/, measured from its parent's tree
    const last = git('rev-list', '-1', 'HEAD', '--', 'lib');
    const parentTree = git('rev-parse', `${last}~1:lib`);
    // THEN from there it is one commit behind (or level, when lib/ has uncommitted changes back to that tree)
    expect(libraryCommitsBehind(`${last}~1`, parentTree)).toBeGreaterThanOrEqual(1);
    // and from far back, many
    const old = git('rev-list', '-1', '--skip=5', '--first-parent', 'HEAD', '--', 'lib');
    expect(libraryCommitsBehind(old, git('rev-parse', `${old}:lib`))).toBeGreaterThan(MAX_LIBRARY_COMMITS_BEHIND);
  });
});
