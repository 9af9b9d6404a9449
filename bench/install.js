'use strict';
/**
 * Installs the built library the way an app gets it: the tarball `npm pack` makes, unpacked into
 * `.cache/node_modules/@aws-cdk/aws-batch-alpha`. Returns the path to require.
 *
 * Why not `lib/` itself: aws-cdk-lib records a creation stack trace for every L1 it makes, and
 * renders each frame outside a `node_modules` folder in full, as the app's own code, while it folds
 * the frames of a package into one line. Loaded from `lib/`, this library's frames would be
 * rendered and kept for every resource, a cost no installed copy has, and the stable L2 (inside
 * `node_modules/aws-cdk-lib`) never pays. From the install folder, `aws-cdk-lib` and `constructs`
 * still resolve to the repository's own `node_modules`, the copies the stable L2 uses.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
// (the shortest path under the repository's ignored .cache/ that is a node_modules folder: the stack
// traces aws-cdk-lib keeps hold this path, so a longer one would cost memory no real install pays)
const PACKAGE_DIR = path.join(ROOT, '.cache', 'node_modules', '@aws-cdk', 'aws-batch-alpha');

function installPacked() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-bench-pack-'));
  try {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = path.join(work, JSON.parse(out)[0].filename);
    fs.rmSync(PACKAGE_DIR, { recursive: true, force: true });
    fs.mkdirSync(PACKAGE_DIR, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', PACKAGE_DIR, '--strip-components=1']);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const main = path.join(PACKAGE_DIR, 'lib', 'index.js');
  if (!fs.existsSync(main)) throw new Error(`npm pack gave no ${path.relative(ROOT, main)}`);
  return path.dirname(main);
}

module.exports = { installPacked, PACKAGE_DIR };
