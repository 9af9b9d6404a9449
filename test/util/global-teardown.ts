import * as fs from 'fs';
import * as path from 'path';
import { summaryLine, validateTemplates } from '../robustness/cfn-validate';
import { teardown } from './temp-root';

/** Where the closing line of the template validation goes, for .ci/run to count. */
const SUMMARY_FILE = path.join(__dirname, '..', '..', '.cache', 'cfn-validate-summary.txt');

/**
 * Jest global teardown: validates the templates the run kept (test/robustness/cfn-validate.ts), then removes the
 * run's temp folder. An error-level finding fails the run.
 */
export default function globalTeardown(): void {
  try {
    validateKeptTemplates();
  } finally {
    teardown();
  }
}

function validateKeptTemplates(): void {
  const dir = process.env.BATCH_TEMPLATE_DIR;
  if (!dir) {
    return;
  }
  const summary = validateTemplates(dir);
  const line = summaryLine(summary);
  fs.mkdirSync(path.dirname(SUMMARY_FILE), { recursive: true });
  fs.writeFileSync(SUMMARY_FILE, `${line}\n${summary.errors.join('\n')}\n`);
  process.stdout.write(`\n${line}\n`);
  if (summary.errors.length > 0) {
    throw new Error(`${summary.errors.length} error-level findings in the synthesized templates:\n${summary.errors.slice(0, 50).join('\n')}`);
  }
}
