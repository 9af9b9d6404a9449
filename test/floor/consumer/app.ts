// A small app pinned to aws-cdk-lib 2.95.1, type-checked against this package's compiled typings
// (test/floor/consumer.test.ts). It touches every kind of construct the package exports.
import * as batch from '@aws-cdk/aws-batch-alpha';
import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

const app = new App();
const stack = new Stack(app, 'Consumer');
const vpc = new ec2.Vpc(stack, 'Vpc');

const ec2Environment: batch.IManagedEc2EcsComputeEnvironment = new batch.ManagedEc2EcsComputeEnvironment(stack, 'Ec2', {
  vpc,
  instanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE)],
  allocationStrategy: batch.AllocationStrategy.BEST_FIT_PROGRESSIVE,
  maxvCpus: 64,
});
const fargate = new batch.FargateComputeEnvironment(stack, 'Fargate', { vpc, spot: true });
const cluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'cluster', vpc });
new batch.ManagedEc2EksComputeEnvironment(stack, 'Eks', { vpc, eksCluster: cluster, kubernetesNamespace: 'batch' });
new batch.UnmanagedComputeEnvironment(stack, 'Unmanaged', { unmanagedvCpus: 4 });

const policy = new batch.FairshareSchedulingPolicy(stack, 'Policy', { shares: [{ shareIdentifier: 'a', weightFactor: 1 }] });
const queue = new batch.JobQueue(stack, 'Queue', { schedulingPolicy: policy, priority: 1 });
queue.addComputeEnvironment(ec2Environment, 1);
queue.addComputeEnvironment(fargate, 2);

const credentials = new secretsmanager.Secret(stack, 'Credentials');
const container = new batch.EcsEc2ContainerDefinition(stack, 'Container', {
  image: ecs.ContainerImage.fromRegistry('registry.example.com/app', { credentials }),
  cpu: 1,
  memory: Size.gibibytes(2),
});
container.addUlimit({ name: batch.UlimitName.NOFILE, hardLimit: 1024, softLimit: 1024 });
const job = new batch.EcsJobDefinition(stack, 'Job', {
  container,
  retryAttempts: 3,
  retryStrategies: [batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.CANNOT_PULL_CONTAINER)],
  timeout: Duration.hours(1),
});
job.grantSubmitJob(new iam.Role(stack, 'Submitter', { assumedBy: new iam.AccountRootPrincipal() }), queue);

new batch.EksJobDefinition(stack, 'Pod', {
  container: new batch.EksContainerDefinition(stack, 'PodContainer', { image: ecs.ContainerImage.fromRegistry('busybox') }),
});
new batch.MultiNodeJobDefinition(stack, 'MultiNode', {
  instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE),
  containers: [{ startNode: 0, endNode: 1, container }],
});

const imported: batch.IJobDefinition = batch.EcsJobDefinition.fromJobDefinitionArn(stack, 'Imported',
  'arn:aws:batch:us-east-1:123456789012:job-definition/imported:1');
export { app, imported };
