/**
 * The git tree hash of `lib/` as it is in the working tree (uncommitted changes included, ignored build
 * output left out), written without touching the repository's index.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

function libTree(root) {
  const index = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lib-tree-')), 'index');
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_INDEX_FILE: index } }).trim();
  try {
    git('read-tree', 'HEAD');
    git('add', '--all', '--', 'lib');
    return git('write-tree', '--prefix=lib/');
  } finally {
    fs.rmSync(path.dirname(index), { recursive: true, force: true });
  }
}

module.exports = { libTree };
