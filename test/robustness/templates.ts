/**
 * Collects synthesized templates for their validation at the end of the run (test/robustness/cfn-validate.ts) and
 * for the cfn-lint step (`scripts/cfn-lint.sh`).
 *
 * When `BATCH_TEMPLATE_DIR` is set, every template kept here is written there once, named by
 * the hash of its content; otherwise nothing is written.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Writes the template to `BATCH_TEMPLATE_DIR` (if set) as `<label>-<hash>.json`. */
export function keepTemplate(label: string, template: unknown): void {
  const dir = process.env.BATCH_TEMPLATE_DIR;
  if (!dir) {
    return;
  }
  // A stack that only imports (no resource at all) is a test artifact, not a template one could
  // deploy: CloudFormation requires at least one resource.
  if (Object.keys((template as { Resources?: object } | undefined)?.Resources ?? {}).length === 0) {
    return;
  }
  const body = JSON.stringify(template, undefined, 1);
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
  fs.mkdirSync(dir, { recursive: true });
  const safe = label.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  const file = path.join(dir, `${safe}-${hash}.json`);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, body);
  }
}
