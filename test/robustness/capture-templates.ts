/**
 * Jest setup: when `BATCH_TEMPLATE_DIR` is set (test/util/global-setup.ts sets it for every run), every template a
 * test synthesizes with `Template.fromStack()` is also written there, for `@aws/cloudformation-validate` at the end
 * of the run (test/robustness/cfn-validate.ts) and for the cfn-lint step (`scripts/cfn-lint.sh`).
 *
 * Templates of stacks built with the upstream library (the differential tests' oracle) are
 * left out: only this library's output is linted. So are those of the tests of the rendering mechanism
 * itself (`NOT_DEPLOYABLE`), which render made-up property names on purpose.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { keepTemplate } from './templates';

if (process.env.BATCH_TEMPLATE_DIR) {
  const original = Template.fromStack.bind(Template);
  Template.fromStack = (stack: Stack, templateParsingOptions?: any): Template => {
    const template = original(stack, templateParsingOptions);
    if (!builtWithUpstream(stack) && !NOT_DEPLOYABLE.includes(labelOf())) {
      keepTemplate(labelOf(), template.toJSON());
    }
    return template;
  };
}

/** Test files whose templates hold made-up CloudFormation on purpose. */
const NOT_DEPLOYABLE = ['private/newer-cfn', 'private/newer-cfn-merge'];

/** The current test file's name, to tell where a template came from. */
function labelOf(): string {
  const testPath = (expect.getState().testPath ?? 'test').replace(/\\/g, '/');
  return testPath.replace(/^.*\/test\//, '').replace(/\.test\.ts$/, '');
}

let upstreamClasses: Function[] | undefined;

/** True when a construct of the stack comes from the upstream package. */
function builtWithUpstream(stack: Stack): boolean {
  if (upstreamClasses === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    upstreamClasses = Object.values(require('upstream-batch-alpha')).filter((v): v is Function => typeof v === 'function');
  }
  const classes = upstreamClasses;
  return stack.node.findAll().some((c) => classes.some((cls) => c instanceof cls));
}
