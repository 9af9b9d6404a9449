import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ours from '../../lib';

/**
 * Differential testing against the published upstream alpha (2.91.0-alpha.0, the newest
 * alpha on npm, installed under the alias `upstream-batch-alpha`): the same scenario is
 * built once with this library and once with upstream, each in its own app.
 *
 * Upstream is used here, in tests, only as an oracle.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const upstream: typeof ours = require('upstream-batch-alpha');

/** The Batch API a scenario is written against: ours or upstream's (the same public shape). */
export type BatchModule = typeof ours;

/** A scenario builds resources in the given stack with the given Batch module. */
export type Scenario = (batch: BatchModule, stack: Stack) => void;

/** Synthesizes the scenario with one module and returns the template JSON. */
export function synthWith(batch: BatchModule, scenario: Scenario): any {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  scenario(batch, stack);
  return Template.fromStack(stack).toJSON();
}

/** The template of the scenario with this library and with upstream. */
export function bothTemplates(scenario: Scenario): { ours: any; upstream: any } {
  return { ours: synthWith(ours, scenario), upstream: synthWith(upstream, scenario) };
}

export { upstream };
