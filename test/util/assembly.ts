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
  const file = path.join(REPO_ROOT, '.jsii');
  if (!fs.existsSync(file)) {
    throw new Error(`no jsii assembly at ${file}: run \`npm run build\` (or \`npm test\`, which builds first)`);
  }
  const asm = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (asm.schema === 'jsii/file-redirect') {
    return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(REPO_ROOT, asm.filename))).toString('utf8'));
  }
  return asm;
}

/** Every type of the assembly, by fully qualified name. */
export function assemblyTypes(asm: any): Record<string, any> {
  return asm.types ?? {};
}
