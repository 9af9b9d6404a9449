/**
 * `scripts/ts-run.sh test/robustness/synth-example.ts <outdir>`: synthesizes the example app into
 * `outdir`, in a process of its own (see determinism.test.ts).
 */
import { App } from 'aws-cdk-lib';
import { BatchExampleStack } from '../../example/stack';

const outdir = process.argv[2];
if (outdir === undefined) {
  throw new Error('usage: synth-example.ts <outdir>');
}
const app = new App({ outdir });
new BatchExampleStack(app, 'BatchExample');
app.synth();
