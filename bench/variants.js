'use strict';
/**
 * The three variants of the benchmark app, all with the same construct ids and resources:
 *   ours  - this library (the built lib/ JavaScript; `npm run build` first)
 *   peer  - aws-cdk-lib's stable `aws-batch` L2, which has the same API
 *   floor - the same resources as L1 `Cfn*` classes
 *   alpha - the published upstream alpha (2.91.0-alpha.0, a dev dependency), only on request
 * Each variant's module is loaded only when asked for, so a process measures only its own.
 */
const path = require('path');
const { App } = require('aws-cdk-lib');

/**
 * The context `cdk synth` gives an app by default (path, asset and version-reporting metadata),
 * so the timed runs pay what a CLI synthesis pays.
 */
const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
};

/**
 * The app every variant is built in. One stack holds all units, so the 500-resource limit is
 * lifted. aws-cdk-lib's built-in CloudFormation validation (a WebAssembly linter run over every
 * template at synthesis) is off unless BENCH_CFN_VALIDATION=true: it costs the same for every
 * variant and would otherwise dominate the synthesis time being compared.
 *
 * `cli: true` adds the CLI's default context (the timed runs); the fairness check leaves it out
 * so the templates carry no path metadata.
 */
function newApp(outdir, { cli = false } = {}) {
  return new App({
    outdir,
    builtinCloudFormationValidation: process.env.BENCH_CFN_VALIDATION === 'true',
    context: { '@aws-cdk/core:stackResourceLimit': 0, ...(cli ? CLI_CONTEXT : {}) },
  });
}

const VARIANTS = {
  ours: {
    label: 'this library',
    // BENCH_LIB points at another build of the library (a copy of lib/) to compare changes.
    build: (stack, n) => require('./app').buildWithL2(require(process.env.BENCH_LIB ?? path.join(__dirname, '..', 'lib')), stack, n),
  },
  peer: {
    label: 'aws-cdk-lib aws-batch (stable L2)',
    build: (stack, n) => require('./app').buildWithL2(require('aws-cdk-lib/aws-batch'), stack, n),
  },
  alpha: {
    label: 'upstream @aws-cdk/aws-batch-alpha 2.91 (optional, not run by default)',
    build: (stack, n) => require('./app').buildWithL2(require('upstream-batch-alpha'), stack, n),
  },
  floor: {
    label: 'L1 Cfn* resources',
    build: (stack, n) => require('./floor').buildFloor(stack, n),
  },
};

module.exports = { VARIANTS, newApp };
