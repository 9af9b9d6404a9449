import { CfnOutput, CfnParameter, Duration, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as ours from '../../lib';
import { BatchModule, bothTemplates, Scenario, upstream as upstreamModule } from '../util/upstream';

/**
 * ECS and multi-node job definitions built with this library and with the published upstream
 * alpha must give the same job definitions, roles and policies. Known differences (DEVIATIONS.md,
 * section "ECS and multi-node job definitions") are kept out of these scenarios: names read
 * from multi-node job definitions, registry credentials, and props upstream accepts but AWS rejects.
 */

const image = () => ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest');

function ec2Container(batch: BatchModule, stack: Stack, id = 'Container', extra: Record<string, unknown> = {}) {
  return new batch.EcsEc2ContainerDefinition(stack, id, { image: image(), cpu: 1, memory: Size.mebibytes(2048), ...extra });
}

function fargateContainer(batch: BatchModule, stack: Stack, id = 'Container', extra: Record<string, unknown> = {}) {
  return new batch.EcsFargateContainerDefinition(stack, id, { image: image(), cpu: 0.5, memory: Size.gibibytes(1), ...extra });
}

const scenarios: Record<string, Scenario> = {
  'EC2 job with defaults': (batch, stack) => {
    new batch.EcsJobDefinition(stack, 'JobDefn', { container: ec2Container(batch, stack) });
  },
  'Fargate job with defaults': (batch, stack) => {
    new batch.EcsJobDefinition(stack, 'JobDefn', { container: fargateContainer(batch, stack) });
  },
  'every shared job definition prop, and retry strategies added later': (batch, stack) => {
    const job = new batch.EcsJobDefinition(stack, 'JobDefn', {
      container: ec2Container(batch, stack),
      jobDefinitionName: 'my-job',
      parameters: { echoParam: 'foobar', count: 3 },
      retryAttempts: 5,
      retryStrategies: [batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.CANNOT_PULL_CONTAINER)],
      schedulingPriority: 10,
      timeout: Duration.minutes(10),
      propagateTags: true,
    });
    job.addRetryStrategy(batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.SPOT_INSTANCE_RECLAIMED));
    job.addRetryStrategy(batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.NON_ZERO_EXIT_CODE));
    job.addRetryStrategy(batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.custom({ onExitCode: '40*', onReason: 'some reason', onStatusReason: 'Host*' })));
  },
  'EC2 container with every prop': (batch, stack) => {
    const jobRole = new iam.Role(stack, 'JobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const linuxParameters = new batch.LinuxParameters(stack, 'Linux', {
      initProcessEnabled: true,
      maxSwap: Size.gibibytes(2),
      sharedMemorySize: Size.mebibytes(256),
      swappiness: 30,
    });
    linuxParameters.addDevices({ hostPath: '/dev/xvda', containerPath: '/dev/disk', permissions: [batch.DevicePermission.READ, batch.DevicePermission.WRITE] });
    linuxParameters.addDevices({ hostPath: '/dev/fuse' });
    linuxParameters.addTmpfs({ containerPath: '/scratch', size: Size.mebibytes(512), mountOptions: [batch.TmpfsMountOption.RW, batch.TmpfsMountOption.NOEXEC] });
    const container = ec2Container(batch, stack, 'Container', {
      command: ['echo', 'Ref::echoParam'],
      environment: { FOO: 'bar', EMPTY: '' },
      gpu: 2,
      jobRole,
      linuxParameters,
      privileged: true,
      readonlyRootFilesystem: true,
      ulimits: [{ name: batch.UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }],
      user: 'worker',
      volumes: [batch.EcsVolume.host({ name: 'scratch', containerPath: '/scratch', hostPath: '/mnt/scratch', readonly: true })],
    });
    (container as any).addUlimit({ name: batch.UlimitName.CORE, softLimit: 0, hardLimit: 0 });
    container.addVolume(batch.EcsVolume.host({ name: 'anon', containerPath: '/anon' }));
    new batch.EcsJobDefinition(stack, 'JobDefn', { container });
  },
  'Fargate container with every prop': (batch, stack) => {
    const container = fargateContainer(batch, stack, 'Container', {
      cpu: 4,
      memory: Size.gibibytes(16),
      assignPublicIp: true,
      ephemeralStorageSize: Size.gibibytes(100),
      fargatePlatformVersion: ecs.FargatePlatformVersion.VERSION1_4,
      linuxParameters: new batch.LinuxParameters(stack, 'Linux', { initProcessEnabled: true }),
      environment: { A: '1' },
    });
    new batch.EcsJobDefinition(stack, 'JobDefn', { container });
  },
  'Fargate container with assignPublicIp false and a latest platform': (batch, stack) => {
    new batch.EcsJobDefinition(stack, 'JobDefn', {
      container: fargateContainer(batch, stack, 'Container', { assignPublicIp: false, fargatePlatformVersion: ecs.FargatePlatformVersion.LATEST }),
    });
  },
  'swappiness without maxSwap is not rendered': (batch, stack) => {
    const linuxParameters = new batch.LinuxParameters(stack, 'Linux', { swappiness: 10 });
    new batch.EcsJobDefinition(stack, 'JobDefn', { container: ec2Container(batch, stack, 'Container', { linuxParameters }) });
  },
  'EFS volumes': (batch, stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const fileSystem = new efs.FileSystem(stack, 'Fs', { vpc });
    const container = fargateContainer(batch, stack, 'Container', {
      volumes: [batch.EcsVolume.efs({ name: 'plain', fileSystem, containerPath: '/plain' })],
    });
    container.addVolume(batch.EcsVolume.efs({
      name: 'full',
      fileSystem,
      containerPath: '/full',
      readonly: false,
      rootDirectory: '/',
      enableTransitEncryption: true,
      transitEncryptionPort: 2049,
      accessPointId: 'fsap-1234',
      useJobRole: true,
    }));
    container.addVolume(batch.EcsVolume.efs({ name: 'off', fileSystem, containerPath: '/off', enableTransitEncryption: false, useJobRole: false, rootDirectory: '/data' }));
    new batch.EcsJobDefinition(stack, 'JobDefn', { container });
  },
  'secrets from Secrets Manager and SSM, granted to the default execution role': (batch, stack) => {
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const parameter = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Param', { parameterName: '/app/token' });
    const container = fargateContainer(batch, stack, 'Container', {
      secrets: {
        WHOLE: batch.Secret.fromSecretsManager(secret),
        FIELD: batch.Secret.fromSecretsManager(secret, 'password'),
        VERSION: batch.Secret.fromSecretsManagerVersion(secret, { versionStage: 'AWSPREVIOUS' }, 'password'),
        VERSION_ID: batch.Secret.fromSecretsManagerVersion(secret, { versionId: 'abc' }),
        TOKEN: batch.Secret.fromSsmParameter(parameter),
      },
    });
    new batch.EcsJobDefinition(stack, 'JobDefn', { container });
  },
  'an ECR image is pulled with the execution role': (batch, stack) => {
    const repository = new ecr.Repository(stack, 'Repo');
    const container = new batch.EcsEc2ContainerDefinition(stack, 'Container', {
      image: ecs.ContainerImage.fromEcrRepository(repository, 'v1'),
      cpu: 2,
      memory: Size.gibibytes(4),
    });
    new batch.EcsJobDefinition(stack, 'JobDefn', { container });
  },
  'awslogs logging and a given execution role': (batch, stack) => {
    const executionRole = new iam.Role(stack, 'ExecRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const logGroup = new logs.LogGroup(stack, 'Logs');
    new batch.EcsJobDefinition(stack, 'Given', {
      container: ec2Container(batch, stack, 'GivenContainer', { executionRole, logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'jobs', logGroup }) }),
    });
    new batch.EcsJobDefinition(stack, 'Default', {
      container: fargateContainer(batch, stack, 'DefaultContainer', { logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'other' }) }),
    });
  },
  'a container used by two job definitions': (batch, stack) => {
    const container = ec2Container(batch, stack);
    new batch.EcsJobDefinition(stack, 'A', { container });
    new batch.EcsJobDefinition(stack, 'B', { container, timeout: Duration.seconds(60) });
  },
  'multi-node job with containers given and added': (batch, stack) => {
    const job = new batch.MultiNodeJobDefinition(stack, 'JobDefinition', {
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.R4, ec2.InstanceSize.LARGE),
      containers: [{ container: ec2Container(batch, stack, 'Main'), startNode: 0, endNode: 5 }],
      mainNode: 3,
      propagateTags: true,
      retryAttempts: 2,
      jobDefinitionName: 'mpi',
    });
    job.addContainer({ container: ec2Container(batch, stack, 'Workers', { gpu: 1, command: ['run'] }), startNode: 6, endNode: 10 });
    job.addRetryStrategy(batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.NON_ZERO_EXIT_CODE));
  },
  'multi-node job with one single-node range': (batch, stack) => {
    const job = new batch.MultiNodeJobDefinition(stack, 'JobDefinition', { instanceType: new ec2.InstanceType('c5.xlarge') });
    job.addContainer({ container: ec2Container(batch, stack), startNode: 0, endNode: 0 });
  },
  'a container with secrets used by two job definitions and a multi-node job': (batch, stack) => {
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Secret', 'db');
    const container = ec2Container(batch, stack, 'Container', { secrets: { DB: batch.Secret.fromSecretsManager(secret, 'password') } });
    new batch.EcsJobDefinition(stack, 'A', { container });
    new batch.EcsJobDefinition(stack, 'B', { container });
    new batch.MultiNodeJobDefinition(stack, 'M', { instanceType: new ec2.InstanceType('c5.large'), containers: [{ container, startNode: 0, endNode: 1 }] });
  },
  'multi-node containers with volumes, ulimits and Linux parameters added later': (batch, stack) => {
    const linuxParameters = new batch.LinuxParameters(stack, 'Linux');
    const container = ec2Container(batch, stack, 'Container', { linuxParameters, logging: ecs.LogDrivers.syslog({}) });
    const job = new batch.MultiNodeJobDefinition(stack, 'M', { instanceType: new ec2.InstanceType('c5.large'), timeout: Duration.hours(1) });
    job.addContainer({ container, startNode: 0, endNode: 3 });
    container.addVolume(batch.EcsVolume.host({ name: 'scratch', containerPath: '/scratch' }));
    (container as any).addUlimit({ name: batch.UlimitName.STACK, softLimit: 8192, hardLimit: 8192 });
    linuxParameters.addDevices({ hostPath: '/dev/fuse' });
    linuxParameters.addTmpfs({ containerPath: '/tmp', size: Size.mebibytes(128) });
  },
  'token props': (batch, stack) => {
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    const name = new CfnParameter(stack, 'Name').valueAsString;
    new batch.EcsJobDefinition(stack, 'JobDefn', {
      container: ec2Container(batch, stack, 'Container', { cpu: n, memory: Size.mebibytes(n), gpu: n, user: name }),
      jobDefinitionName: name,
      retryAttempts: n,
      schedulingPriority: n,
      timeout: Duration.seconds(n),
      parameters: { p: name },
    });
  },
  'a Fargate container on the Fargate Spot-friendly platform with every volume option and a tag parameter image': (batch, stack) => {
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'jobs');
    const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
      fileSystemId: 'fs-1234',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-1234'),
    });
    const container = new batch.EcsFargateContainerDefinition(stack, 'Container', {
      image: new ecs.TagParameterContainerImage(repository),
      cpu: 16,
      memory: Size.gibibytes(120),
      volumes: [batch.EcsVolume.efs({ name: 'v', fileSystem, containerPath: '/v', accessPointId: 'fsap-1', enableTransitEncryption: true })],
      fargatePlatformVersion: ecs.FargatePlatformVersion.VERSION1_3,
    });
    new batch.EcsJobDefinition(stack, 'JobDefn', { container });
  },
  'grantSubmitJob to a role': (batch, stack) => {
    const job = new batch.EcsJobDefinition(stack, 'JobDefn', { container: ec2Container(batch, stack) });
    const queue = batch.JobQueue.fromJobQueueArn(stack, 'Queue', 'arn:aws:batch:us-east-1:123456789012:job-queue/q');
    const role = new iam.Role(stack, 'Submitter', { assumedBy: new iam.AccountRootPrincipal() });
    // upstream 2.91 predates grantSubmitJob; the grant it does in 2.95.1 is written out for it
    if (typeof (job as any).grantSubmitJob === 'function') {
      job.grantSubmitJob(role, queue);
    } else {
      iam.Grant.addToPrincipal({ grantee: role, actions: ['batch:SubmitJob'], resourceArns: [job.jobDefinitionArn, queue.jobQueueArn] });
    }
  },
};

const COMPARED_TYPES = ['AWS::Batch::JobDefinition', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::Logs::LogGroup'];

function comparedResources(template: any): Record<string, any> {
  return Object.fromEntries(Object.entries(template.Resources ?? {}).filter(([, r]: [string, any]) => COMPARED_TYPES.includes(r.Type)));
}

describe('ECS and multi-node job definitions match upstream', () => {
  test.each(Object.entries(scenarios))('%s', (_name, scenario) => {
    const { ours, upstream } = bothTemplates(scenario);
    const mine = comparedResources(ours);
    expect(Object.values(mine).some((r: any) => r.Type === 'AWS::Batch::JobDefinition')).toBe(true);
    expect(mine).toEqual(comparedResources(upstream));
  });
});

describe('documented deviations (DEVIATIONS.md, E1 to E3)', () => {
  test('E1: a multi-node job definition name is the Ref upstream, the name split from the ARN here', () => {
    const { ours, upstream } = bothTemplates((batch, stack) => {
      const job = new batch.MultiNodeJobDefinition(stack, 'M', { instanceType: new ec2.InstanceType('c5.large') });
      job.addContainer({ container: ec2Container(batch, stack), startNode: 0, endNode: 0 });
      new CfnOutput(stack, 'NameOut', { value: job.jobDefinitionName });
    });
    expect(upstream.Outputs.NameOut.Value).toEqual({ Ref: 'M38C90C7F' });
    expect(ours.Outputs.NameOut.Value).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'M38C90C7F' }] }] }] }],
    });
  });

  test('E2: an imported multi-node job definition keeps the revision in its name upstream, not here', () => {
    const arn = 'arn:aws:batch:us-east-1:123456789012:job-definition/mpi:7';
    const stack = new Stack();
    expect(upstreamModule.MultiNodeJobDefinition.fromJobDefinitionArn(stack, 'Up', arn).jobDefinitionName).toBe('mpi:7');
    expect(ours.MultiNodeJobDefinition.fromJobDefinitionArn(stack, 'Ours', arn).jobDefinitionName).toBe('mpi');
  });

  test('E3: registry credentials are dropped upstream, rendered here', () => {
    const { ours: mine, upstream } = bothTemplates((batch, stack) => {
      const credentials = secretsmanager.Secret.fromSecretNameV2(stack, 'Credentials', 'registry');
      new batch.EcsJobDefinition(stack, 'JobDefn', {
        container: ec2Container(batch, stack, 'Container', { image: ecs.ContainerImage.fromRegistry('private.example.com/app', { credentials }) }),
      });
    });
    const props = (t: any) => Object.values(t.Resources).find((r: any) => r.Type === 'AWS::Batch::JobDefinition') as any;
    expect(props(upstream).Properties.ContainerProperties.RepositoryCredentials).toBeUndefined();
    const rendered = props(mine).Properties.ContainerProperties.RepositoryCredentials;
    expect(Object.keys(rendered)).toEqual(['CredentialsParameter']);
    expect(JSON.stringify(rendered.CredentialsParameter)).toContain(':secret:registry');
  });
});
