import { CfnElement, CfnParameter, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct } from 'constructs';
import * as fc from 'fast-check';
import {
  EcsContainerDefinitionProps, EcsEc2ContainerDefinition, EcsFargateContainerDefinition, EcsJobDefinition, EcsVolume,
  IEcsContainerDefinition, LinuxParameters, Secret, UlimitName,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { warningsOf } from './util/warnings';

const image = ecs.ContainerImage.fromRegistry('busybox');

type Make = (stack: Stack, props?: Partial<EcsContainerDefinitionProps>) => IEcsContainerDefinition;

const makeEc2: Make = (stack, props = {}) =>
  new EcsEc2ContainerDefinition(stack, 'Container', { image, cpu: 1, memory: Size.mebibytes(512), ...props });
const makeFargate: Make = (stack, props = {}) =>
  new EcsFargateContainerDefinition(stack, 'Container', { image, cpu: 0.25, memory: Size.mebibytes(512), ...props });

/** The ContainerProperties of the only job definition of the stack, which uses the container. */
function containerProperties(stack: Stack, container: IEcsContainerDefinition): any {
  new EcsJobDefinition(stack, 'JobDefn', { container });
  return rendered(stack);
}

/** The ContainerProperties of the only job definition of the stack. */
function rendered(stack: Stack): any {
  const jobs = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  return Object.values(jobs)[0].Properties.ContainerProperties;
}

/** The logical id of a construct's L1 resource. */
function idOf(stack: Stack, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

describe.each([
  ['EcsEc2ContainerDefinition', makeEc2],
  ['EcsFargateContainerDefinition', makeFargate],
])('%s', (kind, make) => {
  test('renders the shared props with their defaults', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const container = make(stack);
    const props = containerProperties(stack, container);

    // THEN
    expect(props).toMatchObject({
      Image: 'busybox',
      Environment: [],
      ReadonlyRootFilesystem: false,
      ResourceRequirements: [{ Type: 'MEMORY', Value: '512' }, { Type: 'VCPU', Value: container.cpu.toString() }],
      ExecutionRoleArn: { 'Fn::GetAtt': [idOf(stack, container.executionRole), 'Arn'] },
    });
    for (const absent of ['Command', 'JobRoleArn', 'LinuxParameters', 'LogConfiguration', 'Secrets', 'MountPoints', 'Volumes', 'User', 'RepositoryCredentials']) {
      expect(props[absent]).toBeUndefined();
    }
    expect(container.volumes).toEqual([]);
    expect(container.readonlyRootFilesystem).toBe(false);
  });

  test('renders every shared prop', () => {
    // GIVEN
    const stack = newStack();
    const jobRole = new iam.Role(stack, 'JobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const executionRole = new iam.Role(stack, 'ExecRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

    // WHEN
    const container = make(stack, {
      command: ['echo', 'Ref::param'],
      environment: { A: '1', B: '' },
      jobRole,
      executionRole,
      readonlyRootFilesystem: true,
      user: 'nobody',
      linuxParameters: new LinuxParameters(stack, 'Linux', { initProcessEnabled: true }),
    });

    // THEN
    expect(containerProperties(stack, container)).toMatchObject({
      Command: ['echo', 'Ref::param'],
      Environment: [{ Name: 'A', Value: '1' }, { Name: 'B', Value: '' }],
      JobRoleArn: { 'Fn::GetAtt': [idOf(stack, jobRole), 'Arn'] },
      ExecutionRoleArn: { 'Fn::GetAtt': [idOf(stack, executionRole), 'Arn'] },
      ReadonlyRootFilesystem: true,
      User: 'nobody',
      LinuxParameters: { InitProcessEnabled: true },
    });
    expect(container.executionRole).toBe(executionRole);
    expect(container.jobRole).toBe(jobRole);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 2);
  });

  test('the default execution role is assumed by ECS tasks and may write to the /aws/batch/job log group', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    containerProperties(stack, make(stack));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } }] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', Match.arrayWith([':log-group:/aws/batch/job:*'])] },
        }],
      },
    });
  });

  test('with a log driver, the execution role writes to its log group instead', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const container = make(stack, { logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'jobs' }) });
    const props = containerProperties(stack, container);

    // THEN
    expect(props.LogConfiguration).toMatchObject({ LogDriver: 'awslogs', Options: { 'awslogs-stream-prefix': 'jobs' } });
    expect(container.logDriverConfig?.logDriver).toBe('awslogs');
    const template = Template.fromStack(stack);
    const policy = Object.values(template.findResources('AWS::IAM::Policy'))[0];
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    expect(JSON.stringify(policy)).not.toContain('/aws/batch/job');
    expect(policy.Properties.PolicyDocument.Statement[0].Resource).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
  });

  test('an ECR image is pulled with the execution role', () => {
    // GIVEN
    const stack = newStack();
    const repository = new ecr.Repository(stack, 'Repo');

    // WHEN
    containerProperties(stack, make(stack, { image: ecs.ContainerImage.fromEcrRepository(repository) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'] }),
          Match.objectLike({ Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
        ]),
      },
    });
  });

  test('registry credentials are rendered and readable by the execution role', () => {
    // GIVEN
    const stack = newStack();
    const credentials = new secretsmanager.Secret(stack, 'Credentials');

    // WHEN
    const props = containerProperties(stack, make(stack, { image: ecs.ContainerImage.fromRegistry('private.example.com/app', { credentials }) }));

    // THEN
    expect(props.RepositoryCredentials).toEqual({ CredentialsParameter: { Ref: stack.getLogicalId(credentials.node.defaultChild as any) } });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] })]) },
    });
  });

  test('a log driver secret, such as a Splunk token, renders as SecretOptions and is readable by the execution role', () => {
    // GIVEN
    const stack = newStack();
    const token = new secretsmanager.Secret(stack, 'SplunkToken');

    // WHEN
    const props = containerProperties(stack, make(stack, {
      logging: ecs.LogDrivers.splunk({ url: 'https://splunk.example.com:8088', secretToken: ecs.Secret.fromSecretsManager(token) }),
    }));

    // THEN
    expect(props.LogConfiguration).toMatchObject({
      LogDriver: 'splunk',
      Options: { 'splunk-url': 'https://splunk.example.com:8088' },
      SecretOptions: [{ Name: 'splunk-token', ValueFrom: { Ref: idOf(stack, token) } }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: { Ref: idOf(stack, token) },
        })]),
      },
    });
  });

  test('secrets render and are readable by the execution role, even when the container is never rendered', () => {
    // GIVEN
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');

    // WHEN
    const container = make(stack, { secrets: { PASSWORD: Secret.fromSecretsManager(secret, 'password') } });

    // THEN
    const unused = Template.fromStack(stack);
    unused.resourceCountIs('AWS::Batch::JobDefinition', 0);
    unused.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: { Ref: idOf(stack, secret) },
        })]),
      },
    });
    const other = newStack();
    const secretThere = new secretsmanager.Secret(other, 'Secret');
    expect(containerProperties(other, make(other, { secrets: { PASSWORD: Secret.fromSecretsManager(secretThere, 'password') } })).Secrets).toEqual([{
      Name: 'PASSWORD',
      ValueFrom: { 'Fn::Join': ['', [{ Ref: idOf(other, secretThere) }, ':password::']] },
    }]);
    expect(container.secrets?.PASSWORD.hasField).toBe(true);
  });

  test('addVolume() after construction renders volumes and mount points', () => {
    // GIVEN
    const stack = newStack();
    const container = make(stack, { volumes: [EcsVolume.host({ name: 'first', containerPath: '/first' })] });
    new EcsJobDefinition(stack, 'JobDefn', { container });

    // WHEN
    container.addVolume(EcsVolume.host({ name: 'second', containerPath: '/second', readonly: true }));

    // THEN
    const after = rendered(stack);
    expect(after.Volumes).toEqual([{ Name: 'first', Host: {} }, { Name: 'second', Host: {} }]);
    expect(after.MountPoints).toEqual([
      { ContainerPath: '/first', SourceVolume: 'first' },
      { ContainerPath: '/second', ReadOnly: true, SourceVolume: 'second' },
    ]);
    expect(container.volumes.map((v) => v.name)).toEqual(['first', 'second']);
  });

  test('volumes is a copy', () => {
    const stack = newStack();
    const container = make(stack);
    container.volumes.push(EcsVolume.host({ name: 'x', containerPath: '/x' }));
    expect(container.volumes).toEqual([]);
  });

  test('an environment variable named AWS_BATCH* is rejected', () => {
    expectValidationError(() => make(newStack(), { environment: { AWS_BATCH_JOB_ID: 'x' } }),
      new RegExp(`${kind} 'Stack/Container': environment variable names must not start with 'AWS_BATCH', which Batch reserves, got 'AWS_BATCH_JOB_ID'$`));
  });

  test('a secret named AWS_BATCH* is accepted with a warning (the reserved prefix is documented only for environment)', () => {
    // GIVEN
    const stack = newStack();
    const secret = Secret.fromSecretsManager(new secretsmanager.Secret(stack, 'Secret'));

    // WHEN
    const container = make(stack, { secrets: { AWS_BATCHY: secret, TOKEN: secret } });

    // THEN
    expect(containerProperties(stack, container).Secrets.map((s: any) => s.Name)).toEqual(['AWS_BATCHY', 'TOKEN']);
    expect(warningsOf(stack)).toEqual([{
      path: '/Stack/Container',
      id: '@aws-cdk/aws-batch-alpha:secretNameReserved',
      message: "secrets variable name 'AWS_BATCHY' starts with 'AWS_BATCH', which Batch reserves for the variables it sets; the job may not see the secret under that name",
    }]);
  });

  test.each([
    ['a bad name', EcsVolume.host({ name: 'my volume', containerPath: '/v' }), /volumes\[0\]\.name must be 1 to 255 letters, digits, hyphens and underscores, got 'my volume'/],
    ['an empty container path', EcsVolume.host({ name: 'v', containerPath: '' }), /volumes\[0\]\.containerPath must not be empty, got ''/],
  ])('a volume with %s is rejected', (_name, volume, message) => {
    expectValidationError(() => make(newStack(), { volumes: [volume] }), message);
  });

  test('a volume name used twice is accepted with a warning when added (no AWS page requires unique names)', () => {
    // GIVEN
    const stack = newStack();
    const container = make(stack, { volumes: [EcsVolume.host({ name: 'v', containerPath: '/a' })] });

    // WHEN
    container.addVolume(EcsVolume.host({ name: 'v', containerPath: '/b' }));
    container.addVolume(EcsVolume.host({ name: 'w', containerPath: '/c' }));

    // THEN
    expect(containerProperties(stack, container).MountPoints.map((m: any) => m.ContainerPath)).toEqual(['/a', '/b', '/c']);
    expect(warningsOf(stack)).toEqual([{
      path: '/Stack/Container',
      id: '@aws-cdk/aws-batch-alpha:ecsVolumeNameDuplicate',
      message: "volumes[1].name 'v' is used by an earlier volume of this container; both are rendered, under the same name",
    }]);
  });

  test('token names and memory pass', () => {
    const stack = newStack();
    const container = make(stack, {
      environment: { [new CfnParameter(stack, 'Name').valueAsString]: 'x' },
      volumes: [EcsVolume.host({ name: new CfnParameter(stack, 'Vol').valueAsString, containerPath: '/v' })],
    });
    expect(containerProperties(stack, container).Environment).toEqual([{ Name: { Ref: 'Name' }, Value: 'x' }]);
  });
});

describe('EcsEc2ContainerDefinition', () => {
  function make(stack: Stack, props: Partial<ConstructorParameters<typeof EcsEc2ContainerDefinition>[2]> = {}) {
    return new EcsEc2ContainerDefinition(stack, 'Container', { image, cpu: 2, memory: Size.gibibytes(4), ...props });
  }

  test('renders gpu, privileged and ulimits, and addUlimit() after construction', () => {
    // GIVEN
    const stack = newStack();
    const container = make(stack, { gpu: 1, privileged: true, ulimits: [{ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 2048 }] });

    // WHEN
    container.addUlimit({ name: UlimitName.CORE, softLimit: 0, hardLimit: 0 });

    // THEN
    expect(containerProperties(stack, container)).toMatchObject({
      Privileged: true,
      ResourceRequirements: [{ Type: 'MEMORY', Value: '4096' }, { Type: 'VCPU', Value: '2' }, { Type: 'GPU', Value: '1' }],
      Ulimits: [{ Name: 'nofile', SoftLimit: 1024, HardLimit: 2048 }, { Name: 'core', SoftLimit: 0, HardLimit: 0 }],
    });
    expect(container.ulimits.map((u) => u.name)).toEqual([UlimitName.NOFILE, UlimitName.CORE]);
    expect([container.gpu, container.privileged]).toEqual([1, true]);
  });

  test('no gpu, privileged or ulimits render by default; zero GPUs render none', () => {
    const stack = newStack();
    const props = containerProperties(stack, make(stack, { gpu: 0 }));
    expect(props.ResourceRequirements).toHaveLength(2);
    expect(props.Privileged).toBeUndefined();
    expect(props.Ulimits).toBeUndefined();
  });

  test('ulimits is a copy', () => {
    const container = make(newStack());
    container.ulimits.push({ name: UlimitName.CPU, softLimit: 1, hardLimit: 1 });
    expect(container.ulimits).toEqual([]);
  });

  test.each([
    ['cpu 0.5', { cpu: 0.5 }, /EcsEc2ContainerDefinition 'Stack\/Container': cpu must be at least 1 vCPU on EC2, got 0.5/],
    ['cpu 0', { cpu: 0 }, /cpu must be at least 1 vCPU on EC2, got 0/],
    ['memory 3 MiB', { memory: Size.mebibytes(3) }, /memory must be a whole number of MiB, at least 4, got 3 MiB/],
    ['memory 4.5 MiB', { memory: Size.kibibytes(4608) }, /memory must be a whole number of MiB, at least 4, got 4.5 MiB/],
    ['gpu -1', { gpu: -1 }, /gpu must be a whole number at least 0, got -1/],
    ['gpu 1.5', { gpu: 1.5 }, /gpu must be a whole number at least 0, got 1.5/],
    ['a soft limit above the hard limit', { ulimits: [{ name: UlimitName.NPROC, softLimit: 10, hardLimit: 5 }] }, /ulimits\[0\]\.softLimit must be at most its hardLimit \(5; -1 is unlimited\), got 10$/],
    ['an unlimited soft limit under a finite hard limit', { ulimits: [{ name: UlimitName.NPROC, softLimit: -1, hardLimit: 5 }] },
      /ulimits\[0\]\.softLimit must be at most its hardLimit \(5; -1 is unlimited\), got -1$/],
    ['a limit below -1', { ulimits: [{ name: UlimitName.NPROC, softLimit: -2, hardLimit: 5 }] }, /ulimits\[0\]\.softLimit must be a whole number at least -1, got -2$/],
    ['a hard limit below -1', { ulimits: [{ name: UlimitName.NPROC, softLimit: 1, hardLimit: -2 }] }, /ulimits\[0\]\.hardLimit must be a whole number at least -1, got -2$/],
    ['a fractional limit', { ulimits: [{ name: UlimitName.NPROC, softLimit: 1.5, hardLimit: 5 }] }, /ulimits\[0\]\.softLimit must be a whole number at least -1, got 1.5$/],
  ])('%s is rejected', (_name, props, message) => {
    expectValidationError(() => make(newStack(), props as any), message);
  });

  test.each<[string, number, number]>([
    ['unlimited (-1/-1), as AWS\'s EFA templates set memlock', -1, -1],
    ['a finite soft limit under an unlimited hard limit', 1024, -1],
    ['equal limits', 5, 5],
    ['0 and the 32-bit maximum', 0, 2147483647],
  ])('ulimits: %s are accepted and rendered', (_name, softLimit, hardLimit) => {
    const stack = newStack();
    const container = make(stack, { ulimits: [{ name: UlimitName.MEMLOCK, softLimit, hardLimit }] } as any);
    expect(containerProperties(stack, container).Ulimits).toEqual([{ Name: 'memlock', SoftLimit: softLimit, HardLimit: hardLimit }]);
  });

  test('addUlimit() checks the ulimit', () => {
    const container = make(newStack());
    expectValidationError(() => container.addUlimit({ name: UlimitName.STACK, softLimit: 2, hardLimit: 1 }), /ulimits\[0\]\.softLimit must be at most its hardLimit/);
  });

  test('cpu: at least 1 passes (property-based)', () => {
    fc.assert(fc.property(fc.double({ min: -4, max: 64, noNaN: true }), (cpu) => {
      if (cpu >= 1) {
        expect(() => make(newStack(), { cpu })).not.toThrow();
      } else {
        expectValidationError(() => make(newStack(), { cpu }), /cpu must be at least 1 vCPU on EC2/);
      }
    }), { numRuns: 40 });
  });

  test('token cpu, memory and gpu pass', () => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    const props = containerProperties(stack, make(stack, { cpu: n, gpu: n, memory: Size.mebibytes(n) }));
    expect(props.ResourceRequirements).toEqual([
      { Type: 'MEMORY', Value: { Ref: 'N' } }, { Type: 'VCPU', Value: { Ref: 'N' } }, { Type: 'GPU', Value: { Ref: 'N' } },
    ]);
  });
});

describe('EcsFargateContainerDefinition', () => {
  function make(stack: Stack, props: Partial<ConstructorParameters<typeof EcsFargateContainerDefinition>[2]> = {}) {
    return new EcsFargateContainerDefinition(stack, 'Container', { image, cpu: 1, memory: Size.gibibytes(2), ...props });
  }

  test('renders the Fargate defaults: latest platform, no public IP', () => {
    const stack = newStack();
    const props = containerProperties(stack, make(stack));
    expect(props.FargatePlatformConfiguration).toEqual({});
    expect(props.NetworkConfiguration).toEqual({ AssignPublicIp: 'DISABLED' });
    expect(props.EphemeralStorage).toBeUndefined();
  });

  test('renders every Fargate prop', () => {
    const stack = newStack();
    const container = make(stack, {
      assignPublicIp: true,
      ephemeralStorageSize: Size.gibibytes(21),
      fargatePlatformVersion: ecs.FargatePlatformVersion.VERSION1_4,
    });
    expect(containerProperties(stack, container)).toMatchObject({
      FargatePlatformConfiguration: { PlatformVersion: '1.4.0' },
      NetworkConfiguration: { AssignPublicIp: 'ENABLED' },
      EphemeralStorage: { SizeInGiB: 21 },
    });
    expect(container.ephemeralStorageSize?.toGibibytes()).toBe(21);
    expect(container.assignPublicIp).toBe(true);
    expect(container.fargatePlatformVersion).toBe(ecs.FargatePlatformVersion.VERSION1_4);
  });

  const PAIRS: Array<[number, number[]]> = [
    [0.25, [0.5, 1, 2]],
    [0.5, [1, 2, 3, 4]],
    [1, [2, 3, 4, 5, 6, 7, 8]],
    [2, [4, 8, 16]],
    [4, [8, 9, 30]],
    [8, [16, 20, 60]],
    [16, [32, 40, 120]],
  ];
  test.each(PAIRS.flatMap(([cpu, gibs]) => gibs.map((gib) => [cpu, gib])))('%d vCPU with %d GiB passes', (cpu, gib) => {
    const stack = newStack();
    expect(containerProperties(stack, make(stack, { cpu, memory: Size.mebibytes(gib * 1024) })).ResourceRequirements).toEqual([
      { Type: 'MEMORY', Value: String(gib * 1024) }, { Type: 'VCPU', Value: String(cpu) },
    ]);
  });

  test.each([
    [0.25, 4, /memory must be 0.5, 1 or 2 GiB with 0.25 vCPU on Fargate, got 4096 MiB/],
    [0.25, 1.5, /memory must be 0.5, 1 or 2 GiB with 0.25 vCPU on Fargate, got 1536 MiB/],
    [0.5, 0.5, /memory must be 1 to 4 GiB in steps of 1 GiB with 0.5 vCPU on Fargate, got 512 MiB/],
    [1, 9, /memory must be 2 to 8 GiB in steps of 1 GiB with 1 vCPU/],
    [2, 2.5, /memory must be 4 to 16 GiB in steps of 1 GiB with 2 vCPU/],
    [4, 31, /memory must be 8 to 30 GiB in steps of 1 GiB with 4 vCPU/],
    [8, 18, /memory must be 16 to 60 GiB in steps of 4 GiB with 8 vCPU/],
    [16, 36, /memory must be 32 to 120 GiB in steps of 8 GiB with 16 vCPU/],
  ])('%d vCPU with %d GiB is rejected', (cpu, gib, message) => {
    expectValidationError(() => make(newStack(), { cpu, memory: Size.mebibytes(gib * 1024) }), message);
  });

  test.each([3, 0.75, 32])('cpu %d is rejected', (cpu) => {
    expectValidationError(() => make(newStack(), { cpu }),
      new RegExp(`EcsFargateContainerDefinition 'Stack/Container': cpu must be one of 0.25, 0.5, 1, 2, 4, 8, 16 vCPUs on Fargate, got ${cpu}`));
  });

  test('memory for 16 vCPU: multiples of 8 GiB from 32 to 120 (property-based)', () => {
    fc.assert(fc.property(fc.integer({ min: 16, max: 130 }), (gib) => {
      const ok = gib >= 32 && gib <= 120 && gib % 8 === 0;
      if (ok) {
        expect(() => make(newStack(), { cpu: 16, memory: Size.gibibytes(gib) })).not.toThrow();
      } else {
        expectValidationError(() => make(newStack(), { cpu: 16, memory: Size.gibibytes(gib) }), /memory must be 32 to 120 GiB/);
      }
    }), { numRuns: 40 });
  });

  test.each([
    [Size.gibibytes(20), /ephemeralStorageSize must be a whole number of GiB between 21 and 200, got 20 GiB/],
    [Size.gibibytes(201), /got 201 GiB/],
    [Size.mebibytes(30 * 1024 + 512), /got 30.5 GiB/],
  ])('ephemeral storage %s is rejected', (size, message) => {
    expectValidationError(() => make(newStack(), { ephemeralStorageSize: size }), message);
  });

  test('ephemeral storage 200 GiB passes', () => {
    const stack = newStack();
    expect(containerProperties(stack, make(stack, { ephemeralStorageSize: Size.gibibytes(200) })).EphemeralStorage).toEqual({ SizeInGiB: 200 });
  });

  test.each([
    [Size.kibibytes(3179), '3.1044921875 MiB'],
    [Size.mebibytes(768), '768 MiB'],
    [Size.gibibytes(31), '31744 MiB'],
    [Size.gibibytes(62), '63488 MiB'],
  ])('with a token cpu, memory %s is still rejected', (memory, shown) => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    const message = `EcsFargateContainerDefinition 'Stack/Container': memory must be a size Fargate takes with some vCPU count `
      + `(0.5 GiB; 1 to 30 GiB in steps of 1; 32 to 60 in steps of 4; 64 to 120 in steps of 8), got ${shown}`;
    expectValidationError(() => make(stack, { cpu: n, memory }), new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  test('with a token cpu, every memory size some vCPU count takes passes', () => {
    const sizes = [0.5, ...Array.from({ length: 30 }, (_, i) => i + 1), 32, 36, 40, 44, 48, 52, 56, 60, 64, 72, 80, 88, 96, 104, 112, 120];
    for (const gib of sizes) {
      const stack = newStack();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      expect(() => make(stack, { cpu: n, memory: Size.mebibytes(gib * 1024) })).not.toThrow();
    }
  });

  test('token cpu, memory and storage pass', () => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    const props = containerProperties(stack, make(stack, { cpu: n, memory: Size.mebibytes(n), ephemeralStorageSize: Size.gibibytes(n) }));
    expect(props.ResourceRequirements).toEqual([{ Type: 'MEMORY', Value: { Ref: 'N' } }, { Type: 'VCPU', Value: { Ref: 'N' } }]);
    expect(props.EphemeralStorage).toEqual({ SizeInGiB: { Ref: 'N' } });
  });

  test.each([
    ['maxSwap', { maxSwap: Size.gibibytes(1) }, /linuxParameters\.maxSwap must not be set on Fargate, which does not support swap, got 1024 MiB/],
    ['sharedMemorySize', { sharedMemorySize: Size.mebibytes(64) }, /linuxParameters\.sharedMemorySize must not be set on Fargate, which does not support it, got 64 MiB/],
  ])('Linux parameters with %s fail synthesis', (_name, linuxProps, message) => {
    const stack = newStack();
    new EcsJobDefinition(stack, 'JobDefn', { container: make(stack, { linuxParameters: new LinuxParameters(stack, 'Linux', linuxProps) }) });
    expectSynthError(stack, new RegExp(`EcsFargateContainerDefinition 'Stack/Container': ${message.source}`));
  });

  test('devices and tmpfs added to the Linux parameters later fail synthesis', () => {
    // GIVEN
    const stack = newStack();
    const linuxParameters = new LinuxParameters(stack, 'Linux');
    new EcsJobDefinition(stack, 'JobDefn', { container: make(stack, { linuxParameters }) });

    // WHEN
    linuxParameters.addDevices({ hostPath: '/dev/fuse' });
    linuxParameters.addTmpfs({ containerPath: '/tmp', size: Size.mebibytes(64) });

    // THEN
    expectSynthError(stack, /linuxParameters\.devices must be empty on Fargate, which does not support devices, got 1[\s\S]*linuxParameters\.tmpfs must be empty on Fargate, which does not support tmpfs mounts, got 1/);
  });

  test('a host volume with a host path fails synthesis', () => {
    const stack = newStack();
    const container = make(stack);
    container.addVolume(EcsVolume.host({ name: 'v', containerPath: '/v', hostPath: '/data' }));
    new EcsJobDefinition(stack, 'JobDefn', { container });
    expectSynthError(stack, /volumes\[0\]\.hostPath must not be set on Fargate, which does not support host paths, got '\/data'/);
  });
});
