/**
 * The npm tarball holds what a user needs at run time and nothing else: the compiled library, its type
 * declarations, the jsii assembly and the documents. Reads `npm pack --dry-run --json` (after the build).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..');

interface PackedFile {
  readonly path: string;
  readonly size: number;
}

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [pack] = JSON.parse(out) as Array<{ files: PackedFile[] }>;
  return pack.files.map((f) => f.path).sort();
}

const DOCUMENTS = ['API.md', 'DEVIATIONS.md', 'LICENSE', 'README.md', 'package.json'];
const RUNTIME = /^lib\/(?:[a-z0-9-]+\/)*[a-z0-9-]+(?:\.js|\.d\.ts)$/;

describe('npm pack', () => {
  let files: string[];
  beforeAll(() => {
    files = packedFiles();
  });

  test('holds only compiled code, declarations, the assembly and the documents', () => {
    const unexpected = files.filter((f) => !RUNTIME.test(f) && !DOCUMENTS.includes(f) && f !== '.jsii');
    expect(unexpected).toEqual([]);
  });

  test('holds the assembly, the documents and the entry points', () => {
    for (const f of ['.jsii', ...DOCUMENTS, 'lib/index.js', 'lib/index.d.ts']) {
      expect(files).toContain(f);
    }
  });

  test('every compiled module comes with its declarations', () => {
    const js = files.filter((f) => f.endsWith('.js')).map((f) => f.replace(/\.js$/, ''));
    const dts = files.filter((f) => f.endsWith('.d.ts')).map((f) => f.replace(/\.d\.ts$/, ''));
    expect(js.length).toBeGreaterThan(10);
    expect(dts).toEqual(js);
  });
});
