/**
 * A TypeScript app pinned to aws-cdk-lib 2.95.1 type-checks against this package's compiled typings
 * (`lib/**\/*.d.ts` from `npm run build`), without `skipLibCheck`: the public API references no type
 * that release lacks.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** An npm project with this package's typings, aws-cdk-lib 2.95.1 and constructs in its node_modules. */
function consumerProject(): string {
  const dir = fs.mkdtempSync(path.join(ROOT, '.cache', 'consumer-'));
  const modules = path.join(dir, 'node_modules');
  const pkg = path.join(modules, '@aws-cdk', 'aws-batch-alpha');
  copyTypings(path.join(ROOT, 'lib'), path.join(pkg, 'lib'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib-floor'), path.join(modules, 'aws-cdk-lib'), 'dir');
  fs.symlinkSync(path.join(ROOT, 'node_modules', 'constructs'), path.join(modules, 'constructs'), 'dir');
  fs.copyFileSync(path.join(__dirname, 'consumer', 'app.ts'), path.join(dir, 'app.ts'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2020', module: 'commonjs', moduleResolution: 'node', ignoreDeprecations: '6.0', lib: ['es2020'],
      strict: true, noEmit: true, skipLibCheck: false, types: [],
    },
    files: ['app.ts'],
  }));
  return dir;
}

function copyTypings(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      copyTypings(path.join(from, entry.name), path.join(to, entry.name));
    } else if (entry.name.endsWith('.d.ts')) {
      fs.copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
    }
  }
}

test('an app on aws-cdk-lib 2.95.1 type-checks against the compiled typings, without skipLibCheck', () => {
  // GIVEN the typings of the jsii build
  expect(fs.existsSync(path.join(ROOT, 'lib', 'index.d.ts'))).toBe(true);
  fs.mkdirSync(path.join(ROOT, '.cache'), { recursive: true });
  const dir = consumerProject();
  try {
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf8')).version).toBe('2.95.1');

    // WHEN tsc checks the app and every declaration file it reaches
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });

    // THEN there is no error
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);
