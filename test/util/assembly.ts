import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/** The repository root: where `npm run build` writes the `.jsii` assembly. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The built jsii assembly of this library, read from `<repo>/.jsii`.
 *
 * Throws a message that says what to do when the assembly is missing: `npm test` builds
 * first, but `npx jest` alone runs on whatever the last build left.
 */
export function loadAssembly(): any {
  if (!fs.existsSync(path.join(REPO_ROOT, '.jsii'))) {
    throw new Error(`no jsii assembly at ${path.join(REPO_ROOT, '.jsii')}: run \`npm run build\` (or \`npm test\`, which builds first)`);
  }
  return loadAssemblyIn(REPO_ROOT);
}

/**
 * The jsii assembly of the package in `dir` (its `.jsii`, or the gzipped file a `.jsii` redirect names, as
 * aws-cdk-lib ships it).
 */
export function loadAssemblyIn(dir: string): any {
  const asm = JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf8'));
  if (asm.schema === 'jsii/file-redirect') {
    return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, asm.filename))).toString('utf8'));
  }
  return asm;
}

/** Every type of the assembly, by fully qualified name. */
export function assemblyTypes(asm: any): Record<string, any> {
  return asm.types ?? {};
}
