import { CfnParameter, Duration, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  DevicePermission, EcsEc2TaskDefinition, EcsFargateTaskDefinition, EcsFargateTaskDefinitionProps, EcsMultiContainerJobDefinition,
  EcsTaskContainerOptions, EcsTaskDefinitionProps, EcsVolume, IEcsTaskDefinition, LinuxParameters, Secret, TmpfsMountOption, UlimitName,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';

const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');

function container(props: Partial<EcsTaskContainerOptions> = {}): EcsTaskContainerOptions {
  return { name: 'app', image, cpu: 1, memory: Size.mebibytes(1024), ...props };
}

function sidecar(props: Partial<EcsTaskContainerOptions> = {}): EcsTaskContainerOptions {
  return container({ name: 'sidecar', essential: false, ...props });
}

function ec2Task(stack: Stack, props: EcsTaskDefinitionProps = {}): EcsEc2TaskDefinition {
  return new EcsEc2TaskDefinition(stack, 'Task', props);
}

function fargateTask(stack: Stack, props: EcsFargateTaskDefinitionProps = {}): EcsFargateTaskDefinition {
  return new EcsFargateTaskDefinition(stack, 'Task', props);
}

/** Puts the task in a job definition and returns its single `TaskProperties` entry. */
function taskProperties(stack: Stack, task: IEcsTaskDefinition): any {
  new EcsMultiContainerJobDefinition(stack, 'Job', { task });
  const jobs = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  const properties = Object.values(jobs)[0].Properties.EcsProperties.TaskProperties;
  expect(properties).toHaveLength(1);
  return properties[0];
}

function statementsOf(stack: Stack, roleLogicalIdPrefix: string): any[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p: any) => p.Properties.Roles.some((r: any) => r.Ref?.startsWith(roleLogicalIdPrefix)))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('EcsEc2TaskDefinition', () => {
  test('renders every container setting with CloudFormation names', () => {
    // GIVEN
    const stack = newStack();
    const linuxParameters = new LinuxParameters(stack, 'Linux', { initProcessEnabled: true, sharedMemorySize: Size.mebibytes(64) });
    const secret = new secretsmanager.Secret(stack, 'Secret');

    // WHEN
    const task = ec2Task(stack, {
      containers: [
        container({
          command: ['run', 'Ref::input'],
          environment: { MODE: 'batch' },
          secrets: { TOKEN: Secret.fromSecretsManager(secret) },
          linuxParameters,
          logging: ecs.LogDrivers.firelens({ options: { Name: 'cloudwatch', region: 'us-east-1' } }),
          user: 'app',
          privileged: true,
          readonlyRootFilesystem: true,
          gpu: 1,
          ulimits: [{ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }],
          volumes: [EcsVolume.host({ name: 'scratch', containerPath: '/scratch', hostPath: '/var/scratch' })],
          dependsOn: [{ containerName: 'sidecar', condition: ecs.ContainerDependencyCondition.START }],
          startTimeout: Duration.seconds(30),
          stopTimeout: Duration.minutes(2),
        }),
        sidecar({
          firelensConfiguration: { type: ecs.FirelensLogRouterType.FLUENTBIT, options: { 'enable-ecs-log-metadata': 'true' } },
        }),
      ],
    });

    // THEN
    const props = taskProperties(stack, task);
    expect(props.Containers).toEqual([
      {
        Name: 'app',
        Image: 'public.ecr.aws/amazonlinux/amazonlinux:2023',
        Command: ['run', 'Ref::input'],
        Environment: [{ Name: 'MODE', Value: 'batch' }],
        DependsOn: [{ ContainerName: 'sidecar', Condition: 'START' }],
        LinuxParameters: { InitProcessEnabled: true, SharedMemorySize: 64 },
        LogConfiguration: { LogDriver: 'awsfirelens', Options: { Name: 'cloudwatch', region: 'us-east-1' } },
        MountPoints: [{ ContainerPath: '/scratch', SourceVolume: 'scratch' }],
        Privileged: true,
        ReadonlyRootFilesystem: true,
        ResourceRequirements: [
          { Type: 'MEMORY', Value: '1024' },
          { Type: 'VCPU', Value: '1' },
          { Type: 'GPU', Value: '1' },
        ],
        Secrets: [{ Name: 'TOKEN', ValueFrom: { Ref: expect.stringMatching(/^Secret/) } }],
        StartTimeout: 30,
        StopTimeout: 120,
        Ulimits: [{ HardLimit: 4096, Name: 'nofile', SoftLimit: 1024 }],
        User: 'app',
      },
      {
        Name: 'sidecar',
        Image: 'public.ecr.aws/amazonlinux/amazonlinux:2023',
        Essential: false,
        FirelensConfiguration: { Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } },
        ResourceRequirements: [{ Type: 'MEMORY', Value: '1024' }, { Type: 'VCPU', Value: '1' }],
      },
    ]);
    expect(props.Volumes).toEqual([{ Name: 'scratch', Host: { SourcePath: '/var/scratch' } }]);
    expect(props.ExecutionRoleArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TaskExecutionRole/), 'Arn'] });
    expect(props.TaskRoleArn).toBeUndefined();
    expect(props.NetworkConfiguration).toBeUndefined();
    expect(props.Containers[0].Secrets[0].ValueFrom).toEqual(stack.resolve(secret.secretArn));
  });

  test('renders the devices, tmpfs and swap, a log driver secret, registry credentials and EFS volumes of a container', () => {
    // GIVEN
    const stack = newStack();
    const linuxParameters = new LinuxParameters(stack, 'Linux', { maxSwap: Size.gibibytes(2), swappiness: 30 });
    linuxParameters.addDevices({ hostPath: '/dev/fuse', containerPath: '/dev/fuse', permissions: [DevicePermission.READ, DevicePermission.WRITE] });
    linuxParameters.addTmpfs({ containerPath: '/scratch', size: Size.mebibytes(256), mountOptions: [TmpfsMountOption.RW, TmpfsMountOption.NOEXEC] });
    const token = new secretsmanager.Secret(stack, 'SplunkToken');
    const credentials = new secretsmanager.Secret(stack, 'Credentials');
    const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
      fileSystemId: 'fs-12345678',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
    });

    // WHEN
    const task = ec2Task(stack, {
      containers: [container({
        image: ecs.ContainerImage.fromRegistry('private.example.com/app', { credentials }),
        linuxParameters,
        logging: ecs.LogDrivers.splunk({ url: 'https://splunk.example.com:8088', secretToken: ecs.Secret.fromSecretsManager(token) }),
        volumes: [
          EcsVolume.efs({ name: 'shared', containerPath: '/shared', fileSystem, rootDirectory: '/jobs', enableTransitEncryption: true, transitEncryptionPort: 2049 }),
          EcsVolume.efs({ name: 'home', containerPath: '/home', readonly: true, fileSystem, enableTransitEncryption: true, accessPointId: 'fsap-0123456789abcdef0', useJobRole: true }),
        ],
      })],
    });

    // THEN
    const props = taskProperties(stack, task);
    expect(props.Containers[0]).toMatchObject({
      Image: 'private.example.com/app',
      RepositoryCredentials: { CredentialsParameter: { Ref: stack.getLogicalId(credentials.node.defaultChild as any) } },
      LinuxParameters: {
        Devices: [{ HostPath: '/dev/fuse', ContainerPath: '/dev/fuse', Permissions: ['read', 'write'] }],
        Tmpfs: [{ ContainerPath: '/scratch', Size: 256, MountOptions: ['rw', 'noexec'] }],
        MaxSwap: 2048,
        Swappiness: 30,
      },
      LogConfiguration: { LogDriver: 'splunk', SecretOptions: [{ Name: 'splunk-token', ValueFrom: { Ref: stack.getLogicalId(token.node.defaultChild as any) } }] },
      MountPoints: [{ ContainerPath: '/shared', SourceVolume: 'shared' }, { ContainerPath: '/home', SourceVolume: 'home', ReadOnly: true }],
    });
    expect(props.Volumes).toEqual([
      { Name: 'shared', EfsVolumeConfiguration: { FileSystemId: 'fs-12345678', RootDirectory: '/jobs', TransitEncryption: 'ENABLED', TransitEncryptionPort: 2049 } },
      {
        Name: 'home',
        EfsVolumeConfiguration: {
          FileSystemId: 'fs-12345678',
          TransitEncryption: 'ENABLED',
          AuthorizationConfig: { AccessPointId: 'fsap-0123456789abcdef0', Iam: 'ENABLED' },
        },
      },
    ]);
  });

  test('task settings: job role, IPC and PID mode', () => {
    const stack = newStack();
    const jobRole = new iam.Role(stack, 'JobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

    const task = ec2Task(stack, { containers: [container()], jobRole, ipcMode: ecs.IpcMode.TASK, pidMode: ecs.PidMode.HOST });

    const props = taskProperties(stack, task);
    expect(props).toMatchObject({ TaskRoleArn: stack.resolve(jobRole.roleArn), IpcMode: 'task', PidMode: 'host' });
    expect(props.EnableExecuteCommand).toBeUndefined();
    expect(task.jobRole).toBe(jobRole);
    expect(task.ipcMode).toBe(ecs.IpcMode.TASK);
    expect(task.pidMode).toBe(ecs.PidMode.HOST);
  });

  test('a given execution role is used and granted, and none is created', () => {
    const stack = newStack();
    const executionRole = new iam.Role(stack, 'Given', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const secret = new secretsmanager.Secret(stack, 'Secret');

    const task = ec2Task(stack, { executionRole, containers: [container({ secrets: { S: Secret.fromSecretsManager(secret) } })] });

    expect(taskProperties(stack, task).ExecutionRoleArn).toEqual(stack.resolve(executionRole.roleArn));
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
    expect(statementsOf(stack, 'Given')).toEqual([expect.objectContaining({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] })]);
  });

  test('the created execution role can pull ECR images, write the default log group and read secrets of every container', () => {
    const stack = newStack();
    const repository = new ecr.Repository(stack, 'Repo');
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const task = ec2Task(stack, {
      containers: [container({ image: ecs.ContainerImage.fromEcrRepository(repository) })],
    });

    // WHEN: a second container, added later, with a secret
    task.addContainer(sidecar({ secrets: { S: Secret.fromSecretsManager(secret) } }));

    // THEN
    taskProperties(stack, task);
    const actions = statementsOf(stack, 'TaskExecutionRole').map((s) => s.Action);
    expect(actions).toEqual(expect.arrayContaining([
      ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      'ecr:GetAuthorizationToken',
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    ]));
    // the log group statement is given once, however many containers lack a log driver
    expect(actions.filter((a) => JSON.stringify(a).includes('logs:'))).toHaveLength(1);
  });

  test('no log group statement when every container has a log driver', () => {
    const stack = newStack();
    const task = ec2Task(stack, { containers: [container({ logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'app' }) })] });

    taskProperties(stack, task);

    const resources = statementsOf(stack, 'TaskExecutionRole').map((s) => JSON.stringify(s.Resource));
    expect(resources.some((r) => r.includes('/aws/batch/job'))).toBe(false);
    expect(resources.some((r) => r.includes('LogGroup'))).toBe(true);
  });

  test('ECS Exec creates a job role allowed the Systems Manager channels', () => {
    const stack = newStack();

    const task = ec2Task(stack, { containers: [container()], enableExecuteCommand: true });

    const props = taskProperties(stack, task);
    expect(props.EnableExecuteCommand).toBe(true);
    expect(props.TaskRoleArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TaskJobRole/), 'Arn'] });
    expect(statementsOf(stack, 'TaskJobRole')).toEqual([{
      Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
      Effect: 'Allow',
      Resource: '*',
    }]);
  });

  test('ECS Exec adds the channels to a given job role', () => {
    const stack = newStack();
    const jobRole = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

    const task = ec2Task(stack, { containers: [container()], enableExecuteCommand: true, jobRole });

    expect(taskProperties(stack, task).TaskRoleArn).toEqual(stack.resolve(jobRole.roleArn));
    expect(statementsOf(stack, 'Mine').map((s) => s.Action)).toEqual([expect.arrayContaining(['ssmmessages:OpenDataChannel'])]);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 2);
  });

  test('addContainer(), addDependency(), addVolume() and addUlimit() after construction render', () => {
    // GIVEN
    const stack = newStack();
    const task = ec2Task(stack, { containers: [container()] });
    const shared = EcsVolume.host({ name: 'shared', containerPath: '/shared' });

    // WHEN
    const side = task.addContainer(sidecar());
    const app = task.containers[0];
    app.addDependency({ containerName: 'sidecar', condition: ecs.ContainerDependencyCondition.COMPLETE });
    app.addVolume(shared);
    side.addVolume(EcsVolume.host({ name: 'shared', containerPath: '/mnt/shared', readonly: true }));
    side.addUlimit({ name: UlimitName.CORE, softLimit: 0, hardLimit: 0 });

    // THEN
    const props = taskProperties(stack, task);
    expect(props.Containers.map((c: any) => c.Name)).toEqual(['app', 'sidecar']);
    expect(props.Containers[0].DependsOn).toEqual([{ ContainerName: 'sidecar', Condition: 'COMPLETE' }]);
    expect(props.Containers[0].MountPoints).toEqual([{ ContainerPath: '/shared', SourceVolume: 'shared' }]);
    expect(props.Containers[1].MountPoints).toEqual([{ ContainerPath: '/mnt/shared', ReadOnly: true, SourceVolume: 'shared' }]);
    expect(props.Containers[1].Ulimits).toEqual([{ HardLimit: 0, Name: 'core', SoftLimit: 0 }]);
    // one task volume for the two mounts of the same name
    expect(props.Volumes).toEqual([{ Name: 'shared', Host: {} }]);
    expect(app.dependencies).toHaveLength(1);
    expect(side.ulimits).toHaveLength(1);
  });

  test('containers, dependencies, volumes and ulimits are copies', () => {
    const stack = newStack();
    const task = ec2Task(stack, { containers: [container({ dependsOn: [{ containerName: 'sidecar' }] }), sidecar()] });
    const app = task.containers[0];

    task.containers.push(task.containers[0]);
    app.dependencies.push({ containerName: 'x' });
    app.volumes.push(EcsVolume.host({ name: 'v', containerPath: '/v' }));
    app.ulimits.push({ name: UlimitName.CORE, softLimit: 0, hardLimit: 0 });

    expect(task.containers).toHaveLength(2);
    expect(app.dependencies).toEqual([{ containerName: 'sidecar' }]);
    expect(app.volumes).toEqual([]);
    expect(app.ulimits).toEqual([]);
    expect(taskProperties(stack, task).Containers[0].DependsOn).toEqual([{ ContainerName: 'sidecar', Condition: 'START' }]);
  });

  test('the container exposes what it was given', () => {
    const stack = newStack();
    const task = ec2Task(stack);
    const app = task.addContainer(container({ gpu: 2, user: 'u', privileged: true, stopTimeout: Duration.seconds(5) }));

    expect(app.containerName).toBe('app');
    expect(app.essential).toBe(true);
    expect(app.image).toBe(image);
    expect(app.cpu).toBe(1);
    expect(app.memory.toMebibytes()).toBe(1024);
    expect(app.gpu).toBe(2);
    expect(app.user).toBe('u');
    expect(app.privileged).toBe(true);
    expect(app.stopTimeout?.toSeconds()).toBe(5);
    expect(task.executionRole).toBeDefined();
  });

  test('containers of names that are not construct ids still get a scope each', () => {
    const stack = newStack();
    const name = new CfnParameter(stack, 'Name').valueAsString;
    const task = ec2Task(stack, { containers: [container({ name })] });
    task.addContainer(container({ name: 'Container0', essential: false }));

    const props = taskProperties(stack, task);
    expect(props.Containers.map((c: any) => c.Name)).toEqual([{ Ref: 'Name' }, 'Container0']);
  });

  describe('validation at synthesis', () => {
    test.each<[string, (stack: Stack) => IEcsTaskDefinition, RegExp]>([
      ['no container', (s) => ec2Task(s), /EcsEc2TaskDefinition 'Stack\/Task': containers must hold 1 to 10 containers, got 0/],
      ['11 containers', (s) => ec2Task(s, { containers: Array.from({ length: 11 }, (_, i) => container({ name: `c${i}` })) }),
        /containers must hold 1 to 10 containers, got 11/],
      ['two containers of one name', (s) => ec2Task(s, { containers: [container(), container({ essential: false })] }),
        /containers names must be unique within the task, got 'app' twice/],
      ['no essential container', (s) => ec2Task(s, { containers: [container({ essential: false }), sidecar()] }),
        /containers must include at least one essential container, got none of 2/],
      ['a dependency on a missing container', (s) => ec2Task(s, { containers: [container({ dependsOn: [{ containerName: 'db' }] })] }),
        /containers\['app'\]\.dependsOn\[0\]\.containerName must name a container of the task \('app'\), got 'db'/],
      ['a dependency on itself', (s) => ec2Task(s, { containers: [container({ dependsOn: [{ containerName: 'app' }] })] }),
        /containers\['app'\]\.dependsOn\[0\]\.containerName must name another container of the task, got the container itself/],
      ['a cycle', (s) => ec2Task(s, {
        containers: [
          container({ dependsOn: [{ containerName: 'b' }] }),
          container({ name: 'b', essential: false, dependsOn: [{ containerName: 'c' }] }),
          container({ name: 'c', essential: false, dependsOn: [{ containerName: 'app' }] }),
        ],
      }), /containers dependsOn must not form a cycle, got 'app' -> 'b' -> 'c' -> 'app'/],
      ['COMPLETE on an essential container', (s) => ec2Task(s, {
        containers: [container({ dependsOn: [{ containerName: 'init', condition: ecs.ContainerDependencyCondition.COMPLETE }] }), container({ name: 'init' })],
      }), /dependsOn\[0\]\.condition must not be COMPLETE for an essential container, got COMPLETE for 'init', which is essential/],
      ['SUCCESS on an essential container', (s) => ec2Task(s, {
        containers: [container({ dependsOn: [{ containerName: 'init', condition: ecs.ContainerDependencyCondition.SUCCESS }] }), container({ name: 'init' })],
      }), /condition must not be SUCCESS for an essential container/],
      ['a ulimit added later with soft above hard', (s) => {
        const task = ec2Task(s, { containers: [container()] });
        task.containers[0].addUlimit({ name: UlimitName.NOFILE, softLimit: 10, hardLimit: 1 });
        return task;
      }, /containers\['app'\]\.ulimits\[0\]\.softLimit must be at most its hardLimit \(1; -1 is unlimited\), got 10/],
      ['two different volumes of one name', (s) => ec2Task(s, {
        containers: [
          container({ volumes: [EcsVolume.host({ name: 'v', containerPath: '/a', hostPath: '/x' })] }),
          sidecar({ volumes: [EcsVolume.host({ name: 'v', containerPath: '/b', hostPath: '/y' })] }),
        ],
      }), /containers\['sidecar'\]\.volumes\[0\] must be the same volume as the one named 'v' in container 'app', got a different one/],
    ])('%s fails synthesis', (_name, build, pattern) => {
      const stack = newStack();
      taskPropertiesExpectingError(stack, build(stack), pattern);
    });

    test('a dependency added later on a container added later passes', () => {
      const stack = newStack();
      const task = ec2Task(stack, { containers: [container()] });
      task.containers[0].addDependency({ containerName: 'init', condition: ecs.ContainerDependencyCondition.SUCCESS });
      task.addContainer(container({ name: 'init', essential: false }));

      expect(taskProperties(stack, task).Containers[0].DependsOn).toEqual([{ ContainerName: 'init', Condition: 'SUCCESS' }]);
    });

    test('a HEALTHY dependency warns and renders', () => {
      const stack = newStack();
      const task = ec2Task(stack, {
        containers: [container({ dependsOn: [{ containerName: 'sidecar', condition: ecs.ContainerDependencyCondition.HEALTHY }] }), sidecar()],
      });

      expect(taskProperties(stack, task).Containers[0].DependsOn).toEqual([{ ContainerName: 'sidecar', Condition: 'HEALTHY' }]);
      Annotations.fromStack(stack).hasWarning('/Stack/Task', Match.stringLikeRegexp('dependsOn\\[0\\]\\.condition is HEALTHY.*\\[ack: @aws-cdk/aws-batch-alpha:healthyDependency\\]'));
    });

    test('token names and dependencies are not judged', () => {
      const stack = newStack();
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const task = ec2Task(stack, {
        containers: [container({ dependsOn: [{ containerName: name, condition: ecs.ContainerDependencyCondition.COMPLETE }] }), sidecar({ name })],
      });

      expect(taskProperties(stack, task).Containers[0].DependsOn).toEqual([{ ContainerName: { Ref: 'Name' }, Condition: 'COMPLETE' }]);
    });
  });

  describe('validation when a container is added', () => {
    test.each<[string, Partial<EcsTaskContainerOptions>, RegExp]>([
      ['a name with a space', { name: 'my app' }, /EcsEc2TaskDefinition 'Stack\/Task': .*|EcsTaskContainer '.*': name must be 1 to 255 characters of letters, digits, hyphens and underscores, got 'my app'/],
      ['a name of 256 characters', { name: 'a'.repeat(256) }, /name must be 1 to 255 characters/],
      ['0.5 vCPU on EC2', { cpu: 0.5 }, /EcsEc2TaskDefinition 'Stack\/Task': containers\[0\]\.cpu must be at least 1 vCPU on EC2, got 0\.5/],
      ['2 MiB on EC2', { memory: Size.mebibytes(2) }, /containers\[0\]\.memory must be a whole number of MiB, at least 4, got 2 MiB/],
      ['a fraction of a MiB', { memory: Size.kibibytes(1536) }, /containers\[0\]\.memory must be a whole number of MiB, at least 4, got 1\.5 MiB/],
      ['a token memory in GiB', { memory: Size.gibibytes(new CfnParameter(newStack(), 'M', { type: 'Number' }).valueAsNumber) },
        /containers\[0\]\.memory must be created with Size\.mebibytes\(\) when its value is unresolved/],
      ['-1 gpus', { gpu: -1 }, /gpu must be a whole number at least 0, got -1/],
      ['a start timeout of 1.5 seconds', { startTimeout: Duration.millis(1500) }, /startTimeout must be a whole number of seconds between 0 and 2147483647, got 1 second 500 millis/],
      ['a stop timeout of 0.5 seconds', { stopTimeout: Duration.millis(500) }, /stopTimeout must be a whole number of seconds/],
      ['an environment variable named AWS_BATCH_X', { environment: { AWS_BATCH_X: '1' } }, /environment variable names must not start with 'AWS_BATCH'/],
      ['a volume with a bad name', { volumes: [EcsVolume.host({ name: 'bad name', containerPath: '/x' })] },
        /containers\[0\]\.volumes\[0\]\.name must be 1 to 255 letters, digits, hyphens and underscores, got 'bad name'/],
      ['a volume with an empty container path', { volumes: [EcsVolume.host({ name: 'v', containerPath: '/x' }), EcsVolume.host({ name: 'w', containerPath: '' })] },
        /containers\[0\]\.volumes\[1\]\.containerPath must not be empty/],
    ])('%s is rejected', (_name, props, pattern) => {
      const stack = newStack();
      const task = ec2Task(stack);
      expectValidationError(() => task.addContainer(container(props)), pattern);
    });

    test('a volume added later is checked too', () => {
      const stack = newStack();
      const app = ec2Task(stack, { containers: [container({ volumes: [EcsVolume.host({ name: 'v', containerPath: '/x' })] })] }).containers[0];
      expectValidationError(() => app.addVolume(EcsVolume.host({ name: 'bad name', containerPath: '/y' })), /volumes\[1\]\.name must be 1 to 255 letters, digits, hyphens and underscores, got 'bad name'/);
    });
  });
});

describe('EcsFargateTaskDefinition', () => {
  const quarter = { cpu: 0.25, memory: Size.mebibytes(512) };

  test('renders the Fargate settings of the task', () => {
    const stack = newStack();

    const task = fargateTask(stack, {
      containers: [container(quarter), sidecar(quarter)],
      assignPublicIp: true,
      fargatePlatformVersion: ecs.FargatePlatformVersion.VERSION1_4,
      ephemeralStorageSize: Size.gibibytes(100),
      fargateCpuArchitecture: ecs.CpuArchitecture.ARM64,
      fargateOperatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
    });

    const props = taskProperties(stack, task);
    expect(props).toMatchObject({
      NetworkConfiguration: { AssignPublicIp: 'ENABLED' },
      PlatformVersion: '1.4.0',
      EphemeralStorage: { SizeInGiB: 100 },
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', { PlatformCapabilities: ['FARGATE'] });
    expect(task.assignPublicIp).toBe(true);
    expect(task.fargateCpuArchitecture).toBe(ecs.CpuArchitecture.ARM64);
  });

  test('defaults: no public IP, no platform version, storage or runtime platform', () => {
    const stack = newStack();
    const props = taskProperties(stack, fargateTask(stack, { containers: [container(quarter)] }));
    expect(props.NetworkConfiguration).toEqual({ AssignPublicIp: 'DISABLED' });
    expect(props.PlatformVersion).toBeUndefined();
    expect(props.EphemeralStorage).toBeUndefined();
    expect(props.RuntimePlatform).toBeUndefined();
  });

  test.each([
    // [containers' vCPUs, containers' MiB]
    [[0.25], [512]],
    [[0.125, 0.125], [256, 256]],
    [[1, 0.5, 0.5], [4096, 2048, 2048]],
    [[8, 4, 4], [16384, 8192, 8192]],
  ])('containers of %j vCPUs and %j MiB add up to a Fargate size', (cpus, mibs) => {
    const stack = newStack();
    const task = fargateTask(stack, {
      containers: cpus.map((cpu, i) => container({ name: `c${i}`, cpu, memory: Size.mebibytes(mibs[i]), essential: i === 0 })),
    });
    expect(taskProperties(stack, task).Containers).toHaveLength(cpus.length);
  });

  test.each<[string, (stack: Stack) => IEcsTaskDefinition, RegExp]>([
    ['a total of 0.75 vCPU', (s) => fargateTask(s, { containers: [container({ cpu: 0.5, memory: Size.mebibytes(1024) }), sidecar(quarter)] }),
      /EcsFargateTaskDefinition 'Stack\/Task': the cpu of all containers together must be one of 0\.25, 0\.5, 1, 2, 4, 8, 16 vCPUs on Fargate, got 0\.75/],
    ['0.5 vCPU with 5 GiB in all', (s) => fargateTask(s, { containers: [container({ cpu: 0.25, memory: Size.mebibytes(4608) }), sidecar(quarter)] }),
      /the memory of all containers together must be 1 to 4 GiB in steps of 1 GiB with 0\.5 vCPU on Fargate, got 5120 MiB/],
    ['a privileged container', (s) => fargateTask(s, { containers: [container({ ...quarter, privileged: true })] }),
      /containers\['app'\]\.privileged must not be true on Fargate/],
    ['a GPU', (s) => fargateTask(s, { containers: [container({ ...quarter, gpu: 1 })] }), /containers\['app'\]\.gpu must not be set on Fargate, which has no GPUs, got 1/],
    ['a ulimit', (s) => fargateTask(s, { containers: [container({ ...quarter, ulimits: [{ name: UlimitName.NOFILE, softLimit: 1, hardLimit: 1 }] })] }),
      /containers\['app'\]\.ulimits must be empty on Fargate/],
    ['a stop timeout of 121 seconds', (s) => fargateTask(s, { containers: [container({ ...quarter, stopTimeout: Duration.seconds(121) })] }),
      /containers\['app'\]\.stopTimeout must be at most 120 seconds on Fargate, got 121 seconds/],
    ['Linux devices', (s) => {
      const linuxParameters = new LinuxParameters(s, 'Linux');
      linuxParameters.addDevices({ hostPath: '/dev/fuse' });
      return fargateTask(s, { containers: [container({ ...quarter, linuxParameters })] });
    }, /containers\['app'\]\.linuxParameters\.devices must be empty on Fargate/],
    ['a host path', (s) => fargateTask(s, { containers: [container({ ...quarter, volumes: [EcsVolume.host({ name: 'h', containerPath: '/h', hostPath: '/var' })] })] }),
      /containers\['app'\]\.volumes\[0\]\.hostPath must not be set on Fargate/],
    ['a Windows task with a user', (s) => fargateTask(s, {
      fargateOperatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_CORE, containers: [container({ ...quarter, user: 'u' })],
    }), /containers\['app'\]\.user must not be set for a Windows task, which does not support it, got 'u'/],
    ['a Windows task with a read-only root file system', (s) => fargateTask(s, {
      fargateOperatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_FULL, containers: [container({ ...quarter, readonlyRootFilesystem: true })],
    }), /containers\['app'\]\.readonlyRootFilesystem must not be set for a Windows task/],
    ['a Windows task with Linux parameters', (s) => fargateTask(s, {
      fargateOperatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_FULL,
      containers: [container({ ...quarter, linuxParameters: new LinuxParameters(s, 'Linux', { initProcessEnabled: true }) })],
    }), /containers\['app'\]\.linuxParameters must not be set for a Windows task/],
    ['a Windows task with an EFS volume', (s) => fargateTask(s, {
      fargateOperatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_FULL,
      containers: [container({
        ...quarter,
        volumes: [EcsVolume.efs({ name: 'efs', containerPath: '/efs', fileSystem: new efs.FileSystem(s, 'Fs', { vpc: new ec2.Vpc(s, 'Vpc') }) })],
      })],
    }), /containers\['app'\]\.volumes\[0\] must not be set for a Windows task, which does not support it, got the EFS volume 'efs'/],
  ])('%s fails synthesis', (_name, build, pattern) => {
    const stack = newStack();
    taskPropertiesExpectingError(stack, build(stack), pattern);
  });

  test('a Windows task renders without a read-only root file system', () => {
    const stack = newStack();
    const task = fargateTask(stack, { fargateOperatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_CORE, containers: [container(quarter)] });
    const props = taskProperties(stack, task);
    expect(props.Containers[0].ReadonlyRootFilesystem).toBeUndefined();
    expect(props.RuntimePlatform).toEqual({ OperatingSystemFamily: 'WINDOWS_SERVER_2019_CORE' });
  });

  test('a fractional vCPU is fine per container on Fargate, and token sizes are not added up', () => {
    const stack = newStack();
    const cpu = new CfnParameter(stack, 'Cpu', { type: 'Number' }).valueAsNumber;
    const task = fargateTask(stack, { containers: [container({ cpu, memory: Size.mebibytes(3) }), sidecar({ cpu: 0.1, memory: Size.mebibytes(7) })] });
    expect(taskProperties(stack, task).Containers[0].ResourceRequirements).toEqual([{ Type: 'MEMORY', Value: '3' }, { Type: 'VCPU', Value: { Ref: 'Cpu' } }]);
  });

  test.each([Size.gibibytes(20), Size.gibibytes(201)])('ephemeral storage %s is rejected', (size) => {
    const stack = newStack();
    expectValidationError(() => fargateTask(stack, { ephemeralStorageSize: size }),
      /EcsFargateTaskDefinition 'Stack\/Task': ephemeralStorageSize must be a whole number of GiB between 21 and 200/);
  });
});

function taskPropertiesExpectingError(stack: Stack, task: IEcsTaskDefinition, pattern: RegExp): void {
  new EcsMultiContainerJobDefinition(stack, 'Job', { task });
  expectSynthError(stack, pattern);
}
