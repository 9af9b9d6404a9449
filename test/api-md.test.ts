import * as fs from 'fs';
import * as path from 'path';
import { loadAssembly, REPO_ROOT } from './util/assembly';

// scripts/docgen.js is plain JavaScript shared with `npm run docgen`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderApiReference, firstDifference } = require('../scripts/docgen.js');

describe('API.md', () => {
  test('is what the current assembly generates (run `npm run docgen` to refresh it)', async () => {
    // GIVEN the built assembly and the committed reference
    loadAssembly(); // fails with a clear message when the library was not built
    const committed = fs.readFileSync(path.join(REPO_ROOT, 'API.md'), 'utf8');

    // WHEN the reference is generated again
    const generated: string = await renderApiReference(REPO_ROOT);

    // THEN nothing differs
    if (committed !== generated) {
      throw new Error(`API.md is stale: run \`npm run docgen\` and commit it; first difference at ${firstDifference(committed, generated)}`);
    }
    expect(committed).toEqual(generated);
  }, 120_000);

  test('documents every exported type of the assembly', () => {
    // A stale reference can also be one the generator silently cut short.
    const committed = fs.readFileSync(path.join(REPO_ROOT, 'API.md'), 'utf8');
    const missing = Object.keys(loadAssembly().types).filter((fqn) => !committed.includes(`id="${fqn}"`));
    expect(missing).toEqual([]);
  });
});
