/**
 * The repository states which dependencies may run install scripts (`allowScripts` in package.json), so that
 * `npm ci` on a fresh clone runs them without a warning, and still runs them once npm blocks the install
 * scripts it was not told about. The pinned Node.js (devDependency `node`) comes from such a script.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));

/** The name of the package a lockfile entry installs (`node_modules/@scope/name` → `@scope/name`). */
function nameOf(entry: string): string {
  return entry.slice(entry.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** Every package of the lockfile that has an install script. */
const withScripts = [...new Set(Object.entries<any>(lock.packages)
  .filter(([entry, info]) => entry !== '' && info.hasInstallScript === true)
  .map(([entry]) => nameOf(entry)))].sort();

describe('allowScripts', () => {
  test('covers every dependency with an install script, and names no other', () => {
    // name-only entries: the lockfile records no resolved URL, without which npm cannot match a pinned version
    expect(Object.keys(pkg.allowScripts ?? {}).sort()).toEqual(withScripts);
  });

  test('allows each of them to run, the pinned Node.js among them', () => {
    expect(withScripts).toContain('node');
    expect(Object.entries(pkg.allowScripts).filter(([, allowed]) => allowed !== true)).toEqual([]);
  });

  test('reads the lockfile entries it checks', () => {
    expect(nameOf('node_modules/jest-haste-map/node_modules/@parcel/watcher')).toBe('@parcel/watcher');
    expect(nameOf('node_modules/node')).toBe('node');
  });
});
