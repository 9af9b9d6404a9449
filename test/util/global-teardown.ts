import * as fs from 'fs';
import * as path from 'path';
import { coverageLines, coverageOfTemplates, coverageProblems } from '../robustness/cfn-coverage';
import { summaryLine, validateTemplates } from '../robustness/cfn-validate';
import { teardown } from './temp-root';

/** Where the closing lines of the template validation and of the coverage go, for .ci/run and for people to read. */
const CACHE = path.join(__dirname, '..', '..', '.cache');
const SUMMARY_FILE = path.join(CACHE, 'cfn-validate-summary.txt');
const COVERAGE_FILE = path.join(CACHE, 'cfn-coverage.txt');

/** What jest's global config says about which tests the run selected. */
export interface RunSelection {
  readonly testPathPatterns?: { readonly patterns?: string[] };
  readonly testNamePattern?: string;
  readonly onlyChanged?: boolean;
  readonly onlyFailures?: boolean;
  readonly findRelatedTests?: boolean;
  readonly changedSince?: string;
  readonly lastCommit?: boolean;
  readonly shard?: unknown;
  readonly filter?: string;
}

/**
 * Jest global teardown: validates the templates the run kept (test/robustness/cfn-validate.ts) and checks which
 * property paths of the AWS::Batch L1s they render (test/robustness/cfn-coverage.ts), then removes the run's temp
 * folder. An error-level finding fails the run, and so does a coverage problem.
 */
export default function globalTeardown(selection: RunSelection = {}): void {
  try {
    const problems = [...validateKeptTemplates(), ...checkCoverage(isWholeRun(selection))];
    if (problems.length > 0) {
      throw new Error(problems.join('\n'));
    }
  } finally {
    teardown();
  }
}

/**
 * True when the run selected every test: only then have the kept templates been synthesized by the whole suite,
 * and a path none of them renders is a gap rather than a test that did not run.
 */
export function isWholeRun(selection: RunSelection): boolean {
  return (selection.testPathPatterns?.patterns ?? []).length === 0
    && !selection.testNamePattern
    && !selection.onlyChanged && !selection.onlyFailures && !selection.findRelatedTests && !selection.lastCommit
    && !selection.changedSince && !selection.shard && !selection.filter;
}

function validateKeptTemplates(): string[] {
  const dir = process.env.BATCH_TEMPLATE_DIR;
  if (!dir) {
    return [];
  }
  const summary = validateTemplates(dir);
  const line = summaryLine(summary);
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(SUMMARY_FILE, `${line}\n${summary.errors.join('\n')}\n`);
  process.stdout.write(`\n${line}\n`);
  return summary.errors.length === 0 ? [] : [
    `${summary.errors.length} error-level findings in the synthesized templates:\n${summary.errors.slice(0, 50).join('\n')}`,
  ];
}

function checkCoverage(wholeRun: boolean): string[] {
  const dir = process.env.BATCH_TEMPLATE_DIR;
  if (!dir) {
    return [];
  }
  const report = coverageOfTemplates(dir);
  const lines = coverageLines(report, wholeRun);
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(COVERAGE_FILE, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
  const problems = coverageProblems(report, wholeRun);
  return problems.length === 0 ? [] : [`cfn-coverage: ${problems.length} problem${problems.length === 1 ? '' : 's'} (see test/robustness/cfn-coverage.ts):\n${problems.join('\n')}`];
}
