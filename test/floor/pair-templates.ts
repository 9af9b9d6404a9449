/**
 * Jest setup for the floor comparison (see test/floor/README.md). Every template a test synthesizes
 * with `Template.fromStack()` is keyed by its test file, test name and place among that test's templates.
 *
 * - On aws-cdk-lib 2.95.1 (`BATCH_FLOOR_RECORD_DIR` set), the Batch and IAM resources of each are written there.
 * - On the newest (`BATCH_FLOOR_DIR` set by test/floor/global-setup.ts), each is compared with the floor's
 *   record of the same key: the test that synthesized it fails on a difference, and the test file fails
 *   when the floor synthesized a template the newest did not.
 *
 * Stacks built with the upstream alpha (the differential tests' oracle) are left out: only this
 * library's output is compared.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { differences, recordOf, TemplateRecord } from './compare';

const recordDir = process.env.BATCH_FLOOR_RECORD_DIR;
const compareDir = process.env.BATCH_FLOOR_DIR;

/** One test file's records, as the floor run writes them. */
export interface FileRecords {
  readonly awsCdkLibVersion: string;
  readonly templates: { [key: string]: TemplateRecord };
}

/** The file of a test file's records: `test/foo.test.ts` → `<dir>/test__foo.test.ts.json`. */
export function recordFile(dir: string, testPath: string): string {
  const relative = path.relative(path.join(__dirname, '..', '..'), testPath).replace(/\\/g, '/');
  return path.join(dir, `${relative.replace(/\//g, '__')}.json`);
}

if (recordDir || compareDir) {
  const testPath = expect.getState().testPath ?? 'unknown';
  const floor: FileRecords | undefined = compareDir && fs.existsSync(recordFile(path.join(compareDir, 'templates'), testPath))
    ? JSON.parse(fs.readFileSync(recordFile(path.join(compareDir, 'templates'), testPath), 'utf8'))
    : undefined;
  const records: { [key: string]: TemplateRecord } = {};
  const seen = new Map<string, number>();
  const compared = new Set<string>();
  const problems: string[] = [];

  const original = Template.fromStack.bind(Template);
  Template.fromStack = (stack: Stack, templateParsingOptions?: any): Template => {
    const template = original(stack, templateParsingOptions);
    if (!builtWithUpstream(stack)) {
      const name = expect.getState().currentTestName ?? '(outside a test)';
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      const key = `${name} #${n}`;
      const record = recordOf(stack, template.toJSON(), libraryClasses());
      if (recordDir) {
        records[key] = record;
      }
      if (floor && !skippedOnFloor(testPath, name)) {
        compared.add(key);
        const other = floor.templates[key];
        if (other === undefined) {
          problems.push(`${key}: aws-cdk-lib 2.95.1 synthesized no such template`);
        } else {
          problems.push(...differences(record, other).map((d) => `${key}: ${d}`));
        }
      }
    }
    return template;
  };

  afterEach(() => {
    if (problems.length > 0) {
      const found = problems.splice(0);
      throw new Error(`the Batch and IAM resources differ with aws-cdk-lib 2.95.1:\n${found.join('\n')}`);
    }
  });

  afterAll(() => {
    if (recordDir) {
      fs.mkdirSync(recordDir, { recursive: true });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const awsCdkLibVersion: string = require('aws-cdk-lib/package.json').version;
      const body: FileRecords = { awsCdkLibVersion, templates: records };
      fs.writeFileSync(recordFile(recordDir, testPath), JSON.stringify(body));
    }
    if (floor) {
      const extra = Object.keys(floor.templates).filter((key) => !compared.has(key));
      if (extra.length > 0) {
        throw new Error(`aws-cdk-lib 2.95.1 synthesized templates the newest did not:\n${extra.join('\n')}`);
      }
    }
  });
}

/** True for a test test/floor/skipped-tests.json lists: it has no templates on the floor. */
function skippedOnFloor(testPath: string, fullName: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const listed: Array<{ file: string; test: string }> = require('./skipped-tests.json');
  const file = path.relative(path.join(__dirname, '..', '..'), testPath).replace(/\\/g, '/');
  return listed.some((t) => t.file === file && (fullName === t.test || fullName.endsWith(` ${t.test}`)));
}

let classes: Function[] | undefined;

/** The classes this library exports. */
function libraryClasses(): Function[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  classes ??= Object.values(require('../../lib')).filter((v): v is Function => typeof v === 'function');
  return classes;
}

let upstreamClasses: Function[] | undefined;

/** True when a construct of the stack comes from the upstream package. */
function builtWithUpstream(stack: Stack): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  upstreamClasses ??= Object.values(require('upstream-batch-alpha')).filter((v): v is Function => typeof v === 'function');
  const upstream = upstreamClasses;
  return stack.node.findAll().some((c) => upstream.some((cls) => c instanceof cls));
}
