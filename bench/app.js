'use strict';
/**
 * The benchmark app: shared infrastructure (one VPC, one EFS file system, one secret, one imported
 * EKS cluster) and N identical units, each of
 *   - a managed EC2 (ECS) compute environment and a Fargate compute environment,
 *   - a job queue on the EC2 environment with a fairshare scheduling policy,
 *   - an EC2 and a Fargate ECS job definition, each with a secret and an EFS volume,
 *   - an EKS job definition.
 *
 * `buildWithL2(batch, stack, n)` builds the units with any module that has the L2 API of
 * `@aws-cdk/aws-batch-alpha` 2.95.1 (this library, or aws-cdk-lib's stable `aws-batch`).
 * The floor, the same resources written as L1 `Cfn*` classes, is in floor.js.
 */
const { Size } = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecs = require('aws-cdk-lib/aws-ecs');
const efs = require('aws-cdk-lib/aws-efs');
const eks = require('aws-cdk-lib/aws-eks');
const secretsmanager = require('aws-cdk-lib/aws-secretsmanager');

const IMAGE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';

/** The unit's construct ids; the same in every variant. */
function ids(i) {
  return {
    ec2Ce: `Ec2Ce${i}`,
    fargateCe: `FargateCe${i}`,
    policy: `Policy${i}`,
    queue: `Queue${i}`,
    ec2Job: `Ec2Job${i}`,
    ec2Container: `Ec2Container${i}`,
    fargateJob: `FargateJob${i}`,
    fargateContainer: `FargateContainer${i}`,
    eksJob: `EksJob${i}`,
    eksContainer: `EksContainer${i}`,
  };
}

/** Shared infrastructure, created once per app, the same in every variant. */
function sharedInfra(stack) {
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const fileSystem = new efs.FileSystem(stack, 'FileSystem', { vpc });
  const secret = new secretsmanager.Secret(stack, 'Secret');
  const cluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'bench-cluster' });
  return { vpc, fileSystem, secret, cluster };
}

/** One unit built with an L2 module (this library or the stable aws-cdk-lib one). */
function unitWithL2(batch, stack, shared, i) {
  const id = ids(i);
  const ec2Ce = new batch.ManagedEc2EcsComputeEnvironment(stack, id.ec2Ce, { vpc: shared.vpc });
  new batch.FargateComputeEnvironment(stack, id.fargateCe, { vpc: shared.vpc });
  const policy = new batch.FairshareSchedulingPolicy(stack, id.policy, {
    shares: [{ shareIdentifier: 'unit', weightFactor: 1 }],
  });
  new batch.JobQueue(stack, id.queue, {
    computeEnvironments: [{ computeEnvironment: ec2Ce, order: 1 }],
    schedulingPolicy: policy,
  });

  const containerProps = () => ({
    image: ecs.ContainerImage.fromRegistry(IMAGE),
    cpu: 1,
    memory: Size.mebibytes(2048),
    command: ['echo', 'hello'],
    secrets: { TOKEN: batch.Secret.fromSecretsManager(shared.secret) },
    volumes: [batch.EcsVolume.efs({ name: 'data', containerPath: '/data', fileSystem: shared.fileSystem })],
  });
  new batch.EcsJobDefinition(stack, id.ec2Job, {
    container: new batch.EcsEc2ContainerDefinition(stack, id.ec2Container, containerProps()),
  });
  new batch.EcsJobDefinition(stack, id.fargateJob, {
    container: new batch.EcsFargateContainerDefinition(stack, id.fargateContainer, containerProps()),
  });
  new batch.EksJobDefinition(stack, id.eksJob, {
    container: new batch.EksContainerDefinition(stack, id.eksContainer, {
      image: ecs.ContainerImage.fromRegistry(IMAGE),
      command: ['echo', 'hello'],
      cpuLimit: 1,
      memoryLimit: Size.mebibytes(1024),
    }),
  });
}

function buildWithL2(batch, stack, n) {
  const shared = sharedInfra(stack);
  for (let i = 0; i < n; i++) unitWithL2(batch, stack, shared, i);
}

module.exports = { IMAGE, ids, sharedInfra, buildWithL2 };
