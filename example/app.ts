// The example app: a stack that uses every part of this library, synthesized by `npm run example`.
import { App } from 'aws-cdk-lib';
import { BatchExampleStack } from './stack';

const app = new App();
new BatchExampleStack(app, 'BatchExample');
app.synth();
