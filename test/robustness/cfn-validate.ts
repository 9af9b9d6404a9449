/**
 * Validates every template the test run kept (test/robustness/templates.ts) with AWS's offline CloudFormation
 * validator, `@aws/cloudformation-validate`, in the jest process, at the end of the run (test/util/global-teardown.ts).
 *
 * The validator is the copy that aws-cdk-lib bundles (aws-cdk-lib 2.278.0 declares `~1.17.0` and bundles 1.17.1;
 * 2.276.0 pinned 1.14.0): the npm registry serves the package itself only up to 1.9.0-beta, whose API is another. It runs offline, with the
 * resource schemas it carries. An error-level finding (`ERROR` or `FATAL`) fails the run, naming the template (its
 * file name starts with the test file that synthesized it) and the rule.
 */
import * as fs from 'fs';
import * as path from 'path';

/** What the validation of one run found. */
export interface ValidationSummary {
  readonly validatorVersion: string;
  readonly templates: number;
  /** One line per error-level finding: `<template>: <rule> <resource> <property>: <message>`. */
  readonly errors: string[];
  readonly warnings: number;
}

/** Severities that fail the run. */
const ERROR_LEVELS = new Set(['ERROR', 'FATAL']);

/**
 * The validator the development aws-cdk-lib bundles: its folder, and its version, which must be one aws-cdk-lib
 * declares. Found by path rather than by `require.resolve`, which the floor run maps to aws-cdk-lib 2.95.1 (it bundles
 * no validator): the validator is a tool of the tests, whatever release they run on.
 */
export function bundledValidator(): { readonly dir: string; readonly version: string } {
  const awsCdkLib = path.join(__dirname, '..', '..', 'node_modules', 'aws-cdk-lib');
  const dir = path.join(awsCdkLib, 'node_modules', '@aws', 'cloudformation-validate');
  const version: string = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const declared: string | undefined = JSON.parse(fs.readFileSync(path.join(awsCdkLib, 'package.json'), 'utf8'))
    .dependencies?.['@aws/cloudformation-validate'];
  if (declared === undefined || !satisfies(version, declared)) {
    throw new Error(`aws-cdk-lib declares @aws/cloudformation-validate ${declared}, but ${version} is installed in ${dir}`);
  }
  return { dir, version };
}

/**
 * True when `version` (`x.y.z`) is in `range`, in the three forms aws-cdk-lib has used for its bundled validator:
 * an exact version, `~x.y.z` (same major and minor) and `^x.y.z` (same major); anything else matches nothing.
 */
export function satisfies(version: string, range: string): boolean {
  const parse = (v: string) => /^(\d+)\.(\d+)\.(\d+)$/.exec(v)?.slice(1).map(Number);
  const [, op, base] = /^([~^]?)(.*)$/.exec(range)!;
  const have = parse(version);
  const want = parse(base);
  if (!have || !want) {
    return false;
  }
  const fixed = op === '' ? 3 : op === '~' ? 2 : 1;
  if (have.slice(0, fixed).some((n, i) => n !== want[i])) {
    return false;
  }
  const first = have.findIndex((n, i) => n !== want[i]);
  return first === -1 || have[first] > want[first];
}

/** Validates the `*.json` templates of `dir`. */
export function validateTemplates(dir: string): ValidationSummary {
  const validator = bundledValidator();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cfnValidate = require(validator.dir);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  const errors: string[] = [];
  let warnings = 0;
  if (files.length > 0) {
    const engine = new cfnValidate.CompositeEngine();
    try {
      for (const file of files) {
        const report = engine.validateTemplate(new cfnValidate.TemplateFile(path.join(dir, file)));
        for (const d of report.diagnostics) {
          if (ERROR_LEVELS.has(d.severity)) {
            const where = [d.entity?.logicalId, d.propertyPath].filter((x) => x !== undefined).join(' ');
            errors.push(`${file}: ${d.ruleId}${where ? ` ${where}` : ''}: ${d.message}`);
          } else if (d.severity === 'WARN') {
            warnings++;
          }
        }
      }
    } finally {
      engine.free();
    }
  }
  return { validatorVersion: validator.version, templates: files.length, errors, warnings };
}

/** The summary line: `cloudformation-validate <version>: N templates, E errors, W warnings`. */
export function summaryLine(summary: ValidationSummary): string {
  return `cloudformation-validate ${summary.validatorVersion}: ${summary.templates} templates, `
    + `${summary.errors.length} errors, ${summary.warnings} warnings`;
}
