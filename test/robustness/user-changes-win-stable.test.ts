/**
 * The checks of test/robustness/user-changes-win.test.ts on aws-cdk-lib's own L2s (its stable `aws-batch`, a
 * devDependency used here only as an oracle), for the constructs it has: there, too, every override, deletion
 * override and L1 property assignment reaches the template. Not run on aws-cdk-lib 2.95.1, which has no stable L2s.
 */
import { subjectsOf, describeUserChangesWin } from '../util/user-changes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stable: any = require('aws-cdk-lib/aws-batch');

test('aws-cdk-lib has L2s for the constructs of every kind of resource but the three it lacks L2s for', () => {
  expect(subjectsOf(stable).map((s) => s.variant === undefined ? s.name : `${s.name} ${s.variant}`)).toEqual([
    'ManagedEc2EcsComputeEnvironment',
    'ManagedEc2EksComputeEnvironment',
    'FargateComputeEnvironment',
    'UnmanagedComputeEnvironment',
    'JobQueue of compute environments',
    'FairshareSchedulingPolicy',
    'ConsumableResource',
    'EcsJobDefinition with an EC2 container',
    'EcsJobDefinition with a Fargate container',
    'EksJobDefinition',
    'MultiNodeJobDefinition',
  ]);
});

describe('every construct of aws-cdk-lib\'s aws-batch that owns a resource', () => describeUserChangesWin(stable));
