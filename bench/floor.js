'use strict';
/**
 * The floor: the same resources as one unit of the L2 app, written directly as L1 `Cfn*`
 * resources, with the properties the L2s render (including the security groups, roles,
 * instance profile and policies they create for you). Each L1 sits directly in the stack,
 * under the name the L2 gives it minus the hash, so the fairness check can match them.
 */
const { Aws } = require('aws-cdk-lib');
const batch = require('aws-cdk-lib/aws-batch');
const ec2 = require('aws-cdk-lib/aws-ec2');
const iam = require('aws-cdk-lib/aws-iam');
const { IMAGE, ids, sharedInfra } = require('./app');

const ALL_OUTBOUND = [{ cidrIp: '0.0.0.0/0', description: 'Allow all outbound traffic by default', ipProtocol: '-1' }];

function assumedBy(service) {
  return { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: service } }], Version: '2012-10-17' };
}

function securityGroup(stack, ceId, vpc) {
  return new ec2.CfnSecurityGroup(stack, `${ceId}SecurityGroup`, {
    groupDescription: `${stack.node.path}/${ceId}/SecurityGroup`,
    securityGroupEgress: ALL_OUTBOUND,
    vpcId: vpc.vpcId,
  });
}

/** An execution role that may write logs and read the secret, and the job definition using it. */
function ecsJob(stack, shared, jobId, containerId, platform) {
  const role = new iam.CfnRole(stack, `${containerId}ExecutionRole`, {
    assumeRolePolicyDocument: assumedBy('ecs-tasks.amazonaws.com'),
  });
  const policyId = `${containerId}ExecutionRoleDefaultPolicy`;
  new iam.CfnPolicy(stack, policyId, {
    policyDocument: {
      Statement: [
        {
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/batch/job:*`,
        },
        {
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Effect: 'Allow',
          Resource: shared.secret.secretArn,
        },
      ],
      Version: '2012-10-17',
    },
    policyName: policyId,
    roles: [role.ref],
  });
  const fargate = platform === 'FARGATE';
  new batch.CfnJobDefinition(stack, jobId, {
    type: 'container',
    platformCapabilities: [platform],
    containerProperties: {
      command: ['echo', 'hello'],
      environment: [],
      executionRoleArn: role.attrArn,
      fargatePlatformConfiguration: fargate ? {} : undefined,
      image: IMAGE,
      mountPoints: [{ containerPath: '/data', sourceVolume: 'data' }],
      networkConfiguration: fargate ? { assignPublicIp: 'DISABLED' } : undefined,
      readonlyRootFilesystem: false,
      resourceRequirements: [{ type: 'MEMORY', value: '2048' }, { type: 'VCPU', value: '1' }],
      secrets: [{ name: 'TOKEN', valueFrom: shared.secret.secretArn }],
      volumes: [{ efsVolumeConfiguration: { fileSystemId: shared.fileSystem.fileSystemId }, name: 'data' }],
    },
    retryStrategy: {},
    timeout: {},
  });
}

function unitWithL1(stack, shared, i) {
  const id = ids(i);
  const subnets = shared.vpc.selectSubnets().subnetIds;

  const ec2Sg = securityGroup(stack, id.ec2Ce, shared.vpc);
  const instanceRole = new iam.CfnRole(stack, `${id.ec2Ce}InstanceProfileRole`, {
    assumeRolePolicyDocument: assumedBy('ec2.amazonaws.com'),
    managedPolicyArns: [`arn:${Aws.PARTITION}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role`],
  });
  const instanceProfile = new iam.CfnInstanceProfile(stack, `${id.ec2Ce}InstanceProfile`, {
    roles: [instanceRole.ref],
  });
  const ec2Ce = new batch.CfnComputeEnvironment(stack, id.ec2Ce, {
    type: 'managed',
    state: 'ENABLED',
    replaceComputeEnvironment: false,
    updatePolicy: {},
    computeResources: {
      type: 'EC2',
      allocationStrategy: 'BEST_FIT_PROGRESSIVE',
      instanceRole: instanceProfile.attrArn,
      instanceTypes: ['optimal'],
      maxvCpus: 256,
      minvCpus: 0,
      securityGroupIds: [ec2Sg.attrGroupId],
      subnets,
      updateToLatestImageVersion: true,
    },
  });

  const fargateSg = securityGroup(stack, id.fargateCe, shared.vpc);
  new batch.CfnComputeEnvironment(stack, id.fargateCe, {
    type: 'managed',
    state: 'ENABLED',
    replaceComputeEnvironment: false,
    computeResources: {
      type: 'FARGATE',
      maxvCpus: 256,
      securityGroupIds: [fargateSg.attrGroupId],
      subnets,
    },
  });

  const policy = new batch.CfnSchedulingPolicy(stack, id.policy, {
    fairsharePolicy: { shareDistribution: [{ shareIdentifier: 'unit', weightFactor: 1 }] },
  });
  new batch.CfnJobQueue(stack, id.queue, {
    computeEnvironmentOrder: [{ computeEnvironment: ec2Ce.attrComputeEnvironmentArn, order: 1 }],
    priority: 1,
    schedulingPolicyArn: policy.attrArn,
    state: 'ENABLED',
  });

  ecsJob(stack, shared, id.ec2Job, id.ec2Container, 'EC2');
  ecsJob(stack, shared, id.fargateJob, id.fargateContainer, 'FARGATE');

  new batch.CfnJobDefinition(stack, id.eksJob, {
    type: 'container',
    eksProperties: {
      podProperties: {
        containers: [{
          command: ['echo', 'hello'],
          env: [],
          image: IMAGE,
          resources: { limits: { cpu: 1, memory: '1024Mi' }, requests: {} },
          securityContext: { runAsNonRoot: true },
        }],
      },
    },
    retryStrategy: {},
    timeout: {},
  });
}

function buildFloor(stack, n) {
  const shared = sharedInfra(stack);
  for (let i = 0; i < n; i++) unitWithL1(stack, shared, i);
}

module.exports = { buildFloor };
