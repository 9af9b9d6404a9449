import { CfnParameter, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import {
  EcsEc2ContainerDefinition, EcsEc2TaskDefinition, EcsFargateContainerDefinition, EcsFargateTaskDefinition, EcsJobDefinition,
  EcsMultiContainerJobDefinition, EcsVolume, EfsVolume, EfsVolumeOptions, HostVolume, MultiNodeJobDefinition, S3FilesVolume,
  S3FilesVolumeOptions,
} from '../lib';
import { expectValidationError, newStack } from './util';
import { warningsOf } from './util/warnings';

function fileSystemIn(stack: Stack): efs.IFileSystem {
  return efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
    fileSystemId: 'fs-12345678',
    securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
  });
}

function containerWith(stack: Stack, volumes: EcsVolume[]): EcsEc2ContainerDefinition {
  return new EcsEc2ContainerDefinition(stack, 'Container', {
    image: ecs.ContainerImage.fromRegistry('busybox'), cpu: 1, memory: Size.mebibytes(512), volumes,
  });
}

function renderedVolumes(stack: Stack, volumes: EcsVolume[]): any[] {
  new EcsJobDefinition(stack, 'JobDefn', { container: containerWith(stack, volumes) });
  return Object.values(Template.fromStack(stack).findResources('AWS::Batch::JobDefinition'))[0].Properties.ContainerProperties.Volumes;
}

describe('EcsVolume factories and type checks', () => {
  test('efs() builds an EfsVolume with every option', () => {
    // GIVEN
    const stack = newStack();
    const fileSystem = fileSystemIn(stack);

    // WHEN
    const volume = EcsVolume.efs({
      name: 'data', containerPath: '/data', readonly: true, fileSystem, rootDirectory: '/',
      enableTransitEncryption: true, transitEncryptionPort: 2049, accessPointId: 'fsap-1', useJobRole: true,
    });

    // THEN
    expect(EfsVolume.isEfsVolume(volume)).toBe(true);
    expect(HostVolume.isHostVolume(volume)).toBe(false);
    expect(volume).toMatchObject({
      name: 'data', containerPath: '/data', readonly: true, fileSystem, rootDirectory: '/',
      enableTransitEncryption: true, transitEncryptionPort: 2049, accessPointId: 'fsap-1', useJobRole: true,
    });
  });

  test('host() builds a HostVolume', () => {
    const volume = EcsVolume.host({ name: 'scratch', containerPath: '/scratch', hostPath: '/mnt' });
    expect(HostVolume.isHostVolume(volume)).toBe(true);
    expect(EfsVolume.isEfsVolume(volume)).toBe(false);
    expect([volume.hostPath, volume.readonly]).toEqual(['/mnt', undefined]);
  });

  test.each([null, undefined, 1, 'x', {}, { name: 'v', containerPath: '/v', hostPath: '/h' }])('the type checks reject %p', (x) => {
    expect(EfsVolume.isEfsVolume(x)).toBe(false);
    expect(HostVolume.isHostVolume(x)).toBe(false);
    expect(S3FilesVolume.isS3FilesVolume(x)).toBe(false);
  });
});

describe('rendering', () => {
  test('an EFS volume renders its configuration, ENABLED or DISABLED as given', () => {
    const stack = newStack();
    const fileSystem = fileSystemIn(stack);
    expect(renderedVolumes(stack, [
      EcsVolume.efs({ name: 'a', containerPath: '/a', fileSystem }),
      EcsVolume.efs({ name: 'b', containerPath: '/b', fileSystem, enableTransitEncryption: true, accessPointId: 'fsap-1', useJobRole: false }),
      EcsVolume.efs({ name: 'c', containerPath: '/c', fileSystem, enableTransitEncryption: false, rootDirectory: '/sub' }),
    ])).toEqual([
      { Name: 'a', EfsVolumeConfiguration: { FileSystemId: 'fs-12345678' } },
      { Name: 'b', EfsVolumeConfiguration: { FileSystemId: 'fs-12345678', TransitEncryption: 'ENABLED', AuthorizationConfig: { AccessPointId: 'fsap-1', Iam: 'DISABLED' } } },
      { Name: 'c', EfsVolumeConfiguration: { FileSystemId: 'fs-12345678', TransitEncryption: 'DISABLED', RootDirectory: '/sub' } },
    ]);
  });

  test('a host volume renders its source path', () => {
    expect(renderedVolumes(newStack(), [EcsVolume.host({ name: 'h', containerPath: '/h', hostPath: '/mnt' })]))
      .toEqual([{ Name: 'h', Host: { SourcePath: '/mnt' } }]);
  });

  test('a volume of another kind is rejected when it is added, with a clear message', () => {
    class OtherVolume extends EcsVolume {}
    const stack = newStack();
    expectValidationError(() => containerWith(stack, [new OtherVolume({ name: 'o', containerPath: '/o' })]),
      /volumes\[0\] must be made with EcsVolume\.efs\(\), EcsVolume\.s3Files\(\) or EcsVolume\.host\(\), got another kind: volume 'o' is neither an EfsVolume, an S3FilesVolume nor a HostVolume/);
  });
});

describe('EFS volume validation', () => {
  const efsVolume = (stack: Stack, options: Partial<EfsVolumeOptions>) =>
    EcsVolume.efs({ name: 'data', containerPath: '/data', fileSystem: fileSystemIn(stack), ...options });

  test.each([
    ['an access point without transit encryption', { accessPointId: 'fsap-1' },
      /EcsEc2ContainerDefinition 'Stack\/Container': volumes\[0\]\.enableTransitEncryption must be true when an accessPointId is given, got undefined/],
    ['an access point with transit encryption off', { accessPointId: 'fsap-1', enableTransitEncryption: false },
      /enableTransitEncryption must be true when an accessPointId is given, got false/],
    ['IAM authorization without transit encryption', { useJobRole: true },
      /volumes\[0\]\.enableTransitEncryption must be true when useJobRole is true, got undefined/],
    ['a root directory with an access point', { accessPointId: 'fsap-1', enableTransitEncryption: true, rootDirectory: '/sub' },
      /volumes\[0\]\.rootDirectory must be '\/' or absent when an accessPointId is given, got '\/sub'/],
    ['a port above 65535', { enableTransitEncryption: true, transitEncryptionPort: 65536 },
      /volumes\[0\]\.transitEncryptionPort must be a whole number between 0 and 65535, got 65536/],
    ['a negative port', { transitEncryptionPort: -1 }, /transitEncryptionPort must be a whole number between 0 and 65535, got -1/],
    ['a fractional port', { transitEncryptionPort: 20.5 }, /transitEncryptionPort must be a whole number between 0 and 65535, got 20.5/],
    ['a root directory over 4096 characters', { rootDirectory: `/${'a'.repeat(4096)}` }, /volumes\[0\]\.rootDirectory must be at most 4096 characters, got 4097/],
  ])('%s is rejected', (_name, options, message) => {
    const stack = newStack();
    expectValidationError(() => containerWith(stack, [efsVolume(stack, options)]), message);
  });

  test('addVolume() checks the volume', () => {
    const stack = newStack();
    const container = containerWith(stack, []);
    expectValidationError(() => container.addVolume(efsVolume(stack, { useJobRole: true })), /volumes\[0\]\.enableTransitEncryption must be true when useJobRole is true/);
    expect(container.volumes).toEqual([]);
  });

  test.each([
    ['an access point with the root directory /', { accessPointId: 'fsap-1', enableTransitEncryption: true, rootDirectory: '/' }],
    ['IAM authorization with transit encryption', { useJobRole: true, enableTransitEncryption: true }],
    ['port 0', { transitEncryptionPort: 0 }],
    ['port 65535', { transitEncryptionPort: 65535 }],
  ])('%s passes', (_name, options) => {
    const stack = newStack();
    expect(containerWith(stack, [efsVolume(stack, options)]).volumes).toHaveLength(1);
  });

  test('token options pass', () => {
    const stack = newStack();
    const volume = efsVolume(stack, {
      accessPointId: new CfnParameter(stack, 'Ap').valueAsString,
      enableTransitEncryption: true,
      rootDirectory: new CfnParameter(stack, 'Root').valueAsString,
      transitEncryptionPort: new CfnParameter(stack, 'Port', { type: 'Number' }).valueAsNumber,
    });
    expect(containerWith(stack, [volume]).volumes).toEqual([volume]);
  });
});

const FILE_SYSTEM_ARN = 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0';
const ACCESS_POINT_ARN = `${FILE_SYSTEM_ARN}/access-point/fsap-0123456789abcdef0`;

function s3Volume(options: Partial<S3FilesVolumeOptions> = {}): S3FilesVolume {
  return EcsVolume.s3Files({ name: 'lake', containerPath: '/lake', fileSystemArn: FILE_SYSTEM_ARN, ...options });
}

function fargateContainer(stack: Stack, props: { volumes?: EcsVolume[]; jobRole?: iam.IRole; enableExecuteCommand?: boolean } = {}): EcsFargateContainerDefinition {
  return new EcsFargateContainerDefinition(stack, 'Container', {
    image: ecs.ContainerImage.fromRegistry('busybox'), cpu: 1, memory: Size.mebibytes(2048), ...props,
  });
}

function onlyJobDefinition(stack: Stack): any {
  const jobs = Object.values(Template.fromStack(stack).findResources('AWS::Batch::JobDefinition'));
  expect(jobs).toHaveLength(1);
  return jobs[0].Properties;
}

/** The statements of the policies attached to the role (by its logical id). */
function statementsOf(stack: Stack, roleLogicalId: string): any[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleLogicalId }] } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

function logicalIdOf(stack: Stack, construct: { node: { defaultChild?: any } } | iam.IRole): string {
  const resource = (construct as iam.Role).node.defaultChild as any;
  return stack.resolve(resource.logicalId);
}

describe('S3 Files volumes', () => {
  test('s3Files() builds an S3FilesVolume with every option, which no other type check takes', () => {
    // GIVEN / WHEN
    const volume = EcsVolume.s3Files({
      name: 'lake', containerPath: '/lake', readonly: true, fileSystemArn: FILE_SYSTEM_ARN, accessPointArn: ACCESS_POINT_ARN,
      rootDirectory: '/', transitEncryptionPort: 2049,
    });

    // THEN
    expect(S3FilesVolume.isS3FilesVolume(volume)).toBe(true);
    expect([EfsVolume.isEfsVolume(volume), HostVolume.isHostVolume(volume)]).toEqual([false, false]);
    expect(S3FilesVolume.isS3FilesVolume(EcsVolume.host({ name: 'h', containerPath: '/h' }))).toBe(false);
    expect(volume).toMatchObject({
      name: 'lake', containerPath: '/lake', readonly: true, fileSystemArn: FILE_SYSTEM_ARN, accessPointArn: ACCESS_POINT_ARN,
      rootDirectory: '/', transitEncryptionPort: 2049,
    });
  });

  describe('rendering at the four places CloudFormation has them', () => {
    const configuration = {
      AccessPointArn: ACCESS_POINT_ARN, FileSystemArn: FILE_SYSTEM_ARN, RootDirectory: '/', TransitEncryptionPort: 2049,
    };
    const full = () => s3Volume({ accessPointArn: ACCESS_POINT_ARN, rootDirectory: '/', transitEncryptionPort: 2049, readonly: true });

    test('a single container: ContainerProperties.Volumes, next to the volumes 2.95.1 knows, with its mount point', () => {
      // GIVEN
      const stack = newStack();
      const fileSystem = fileSystemIn(stack);

      // WHEN
      new EcsJobDefinition(stack, 'Job', {
        container: fargateContainer(stack, { volumes: [EcsVolume.efs({ name: 'efs', containerPath: '/efs', fileSystem }), full()] }),
      });

      // THEN
      const container = onlyJobDefinition(stack).ContainerProperties;
      expect(container.Volumes).toEqual([
        { Name: 'efs', EfsVolumeConfiguration: { FileSystemId: 'fs-12345678' } },
        { Name: 'lake', S3FilesVolumeConfiguration: configuration },
      ]);
      expect(container.MountPoints).toEqual([
        { ContainerPath: '/efs', SourceVolume: 'efs' },
        { ContainerPath: '/lake', ReadOnly: true, SourceVolume: 'lake' },
      ]);
    });

    test('a multi-container task: EcsProperties.TaskProperties[].Volumes', () => {
      // GIVEN
      const stack = newStack();
      const task = new EcsFargateTaskDefinition(stack, 'Task', {
        containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('app'), cpu: 1, memory: Size.mebibytes(2048), volumes: [full()] }],
      });

      // WHEN
      new EcsMultiContainerJobDefinition(stack, 'Job', { task });

      // THEN
      const taskProperties = onlyJobDefinition(stack).EcsProperties.TaskProperties[0];
      expect(taskProperties.Volumes).toEqual([{ Name: 'lake', S3FilesVolumeConfiguration: configuration }]);
      expect(taskProperties.Containers[0].MountPoints).toEqual([{ ContainerPath: '/lake', ReadOnly: true, SourceVolume: 'lake' }]);
      expect(taskProperties.Containers[0].Volumes).toBeUndefined();
    });

    test('a multi-node range of a container and one of a task: Container.Volumes and EcsProperties.TaskProperties[].Volumes', () => {
      // GIVEN
      const stack = newStack();
      const container = new EcsEc2ContainerDefinition(stack, 'Container', {
        image: ecs.ContainerImage.fromRegistry('app'), cpu: 1, memory: Size.mebibytes(1024), volumes: [full()],
      });
      const task = new EcsEc2TaskDefinition(stack, 'Task', {
        containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('app'), cpu: 1, memory: Size.mebibytes(1024), volumes: [full()] }],
      });

      // WHEN
      new MultiNodeJobDefinition(stack, 'Job', {
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.LARGE),
        ranges: [{ startNode: 0, endNode: 0, container }, { startNode: 1, endNode: 3, task }],
      });

      // THEN
      const [containerRange, taskRange] = onlyJobDefinition(stack).NodeProperties.NodeRangeProperties;
      expect(containerRange.Container.Volumes).toEqual([{ Name: 'lake', S3FilesVolumeConfiguration: configuration }]);
      expect(taskRange.EcsProperties.TaskProperties[0].Volumes).toEqual([{ Name: 'lake', S3FilesVolumeConfiguration: configuration }]);
    });

    test('only the file system ARN is needed; addVolume() after the job definition exists renders it and its job role', () => {
      // GIVEN
      const stack = newStack();
      const container = fargateContainer(stack);
      new EcsJobDefinition(stack, 'Job', { container });
      expect(container.jobRole).toBeUndefined();

      // WHEN
      container.addVolume(s3Volume());

      // THEN
      const properties = onlyJobDefinition(stack).ContainerProperties;
      expect(properties.Volumes).toEqual([{ Name: 'lake', S3FilesVolumeConfiguration: { FileSystemArn: FILE_SYSTEM_ARN } }]);
      expect(properties.JobRoleArn).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack, container.jobRole!), 'Arn'] });
    });

    test('two task containers sharing one S3 Files volume render it once; different volumes of one name fail synthesis', () => {
      const stack = newStack();
      const app = (name: string, volume: EcsVolume) => ({ name, image: ecs.ContainerImage.fromRegistry('app'), cpu: 0.5, memory: Size.mebibytes(1024), volumes: [volume] });
      const task = new EcsFargateTaskDefinition(stack, 'Task', { containers: [app('a', s3Volume()), app('b', s3Volume({ containerPath: '/other' }))] });
      new EcsMultiContainerJobDefinition(stack, 'Job', { task });
      expect(onlyJobDefinition(stack).EcsProperties.TaskProperties[0].Volumes).toHaveLength(1);

      const other = newStack();
      const clashing = new EcsFargateTaskDefinition(other, 'Task', {
        containers: [app('a', s3Volume()), app('b', s3Volume({ fileSystemArn: FILE_SYSTEM_ARN.replace('abcdef0', 'abcdef1') }))],
      });
      new EcsMultiContainerJobDefinition(other, 'Job', { task: clashing });
      expect(() => Template.fromStack(other)).toThrow(/containers\['b'\]\.volumes\[0\] must be the same volume as the one named 'lake' in container 'a', got a different one/);
    });
  });

  describe('the job role', () => {
    test('a container without a job role gets one, JobRole, assumed by ECS tasks and allowed to mount and write the file system', () => {
      // GIVEN
      const stack = newStack();

      // WHEN
      const container = fargateContainer(stack, { volumes: [s3Volume()] });
      new EcsJobDefinition(stack, 'Job', { container });

      // THEN
      expect(container.jobRole).toBe(container.node.findChild('JobRole'));
      const roleId = logicalIdOf(stack, container.jobRole!);
      expect(roleId).toMatch(/^ContainerJobRole[0-9A-F]{8}$/);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ecs-tasks.amazonaws.com' } })] },
      });
      expect(onlyJobDefinition(stack).ContainerProperties.JobRoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
      expect(statementsOf(stack, roleId)).toEqual([
        { Action: ['s3files:ClientMount', 's3files:ClientWrite'], Effect: 'Allow', Resource: FILE_SYSTEM_ARN },
      ]);
    });

    test.each([
      ['a read-only volume', { readonly: true }, ['s3files:ClientMount']],
      ['a writable volume', { readonly: false }, ['s3files:ClientMount', 's3files:ClientWrite']],
    ])('%s: the given job role is allowed %j, and no role is created', (_name, options, actions) => {
      // GIVEN
      const stack = newStack();
      const jobRole = new iam.Role(stack, 'Given', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

      // WHEN
      const container = fargateContainer(stack, { jobRole, volumes: [s3Volume(options)] });

      // THEN
      expect(container.jobRole).toBe(jobRole);
      expect(container.node.tryFindChild('JobRole')).toBeUndefined();
      expect(statementsOf(stack, logicalIdOf(stack, jobRole))).toEqual([
        { Action: actions.length === 1 ? actions[0] : actions, Effect: 'Allow', Resource: FILE_SYSTEM_ARN },
      ]);
    });

    test('ECS Exec and an S3 Files volume share the one created job role', () => {
      const stack = newStack();
      const container = fargateContainer(stack, { enableExecuteCommand: true, volumes: [s3Volume()] });
      expect(container.node.children.filter((c) => c instanceof iam.Role && c.node.id === 'JobRole')).toHaveLength(1);
      const actions = statementsOf(stack, logicalIdOf(stack, container.jobRole!)).flatMap((s) => s.Action);
      expect(actions).toEqual(expect.arrayContaining(['ssmmessages:CreateControlChannel', 's3files:ClientMount', 's3files:ClientWrite']));
    });

    test('a task without a job role gets one, shared by its containers, also for a volume added to a container later', () => {
      // GIVEN
      const stack = newStack();
      const task = new EcsFargateTaskDefinition(stack, 'Task', {
        containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('app'), cpu: 1, memory: Size.mebibytes(2048) }],
      });
      new EcsMultiContainerJobDefinition(stack, 'Job', { task });
      expect(task.jobRole).toBeUndefined();

      // WHEN
      task.containers[0].addVolume(s3Volume({ readonly: true }));

      // THEN
      expect(task.jobRole).toBe(task.node.findChild('JobRole'));
      const roleId = logicalIdOf(stack, task.jobRole!);
      expect(roleId).toMatch(/^TaskJobRole[0-9A-F]{8}$/);
      expect(onlyJobDefinition(stack).EcsProperties.TaskProperties[0].TaskRoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
      expect(statementsOf(stack, roleId)).toEqual([{ Action: 's3files:ClientMount', Effect: 'Allow', Resource: FILE_SYSTEM_ARN }]);
      expect(task.containers[0].volumes).toHaveLength(1);
    });

    test('no job role is created without an S3 Files volume', () => {
      const stack = newStack();
      const container = fargateContainer(stack, { volumes: [EcsVolume.efs({ name: 'efs', containerPath: '/efs', fileSystem: fileSystemIn(stack) })] });
      new EcsJobDefinition(stack, 'Job', { container });
      expect(container.jobRole).toBeUndefined();
      expect(onlyJobDefinition(stack).ContainerProperties.JobRoleArn).toBeUndefined();
      Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
    });
  });

  describe('validation', () => {
    test.each([
      ['a root directory with an access point', { accessPointArn: ACCESS_POINT_ARN, rootDirectory: '/sub' },
        /EcsFargateContainerDefinition 'Stack\/Container': volumes\[0\]\.rootDirectory must be '\/' or absent when an accessPointArn is given, got '\/sub'/],
      ['a port above 65535', { transitEncryptionPort: 65536 }, /volumes\[0\]\.transitEncryptionPort must be a whole number between 0 and 65535, got 65536/],
      ['a negative port', { transitEncryptionPort: -1 }, /volumes\[0\]\.transitEncryptionPort must be a whole number between 0 and 65535, got -1/],
      ['a fractional port', { transitEncryptionPort: 2049.5 }, /volumes\[0\]\.transitEncryptionPort must be a whole number between 0 and 65535, got 2049.5/],
    ])('%s is rejected in an S3 Files volume', (_name, options, message) => {
      const stack = newStack();
      expectValidationError(() => fargateContainer(stack, { volumes: [s3Volume(options)] }), message);
    });

    test('a task container\'s volume is checked when the container is added, and when added later', () => {
      const stack = newStack();
      const task = new EcsFargateTaskDefinition(stack, 'Task');
      const app = { name: 'app', image: ecs.ContainerImage.fromRegistry('app'), cpu: 1, memory: Size.mebibytes(2048) };
      expectValidationError(() => task.addContainer({ ...app, volumes: [s3Volume({ transitEncryptionPort: 70000 })] }),
        /EcsFargateTaskDefinition 'Stack\/Task': containers\[0\]\.volumes\[0\]\.transitEncryptionPort must be a whole number between 0 and 65535, got 70000/);
      const container = task.addContainer(app);
      expectValidationError(() => container.addVolume(s3Volume({ accessPointArn: ACCESS_POINT_ARN, rootDirectory: '/data' })),
        /volumes\[0\]\.rootDirectory must be '\/' or absent when an accessPointArn is given, got '\/data'/);
      expect(container.volumes).toEqual([]);
    });

    test.each([
      ['an access point with the root directory /', { accessPointArn: ACCESS_POINT_ARN, rootDirectory: '/' }],
      ['a root directory without an access point', { rootDirectory: '/datasets' }],
      ['port 0', { transitEncryptionPort: 0 }],
      ['port 65535', { transitEncryptionPort: 65535 }],
    ])('%s passes, without a warning', (_name, options) => {
      const stack = newStack();
      expect(fargateContainer(stack, { volumes: [s3Volume(options)] }).volumes).toHaveLength(1);
      expect(warningsOf(stack)).toEqual([]);
    });

    test('a whole port from 0 to 65535 passes; any other number is rejected', () => {
      fc.assert(fc.property(fc.oneof(fc.integer({ min: -70000, max: 140000 }), fc.double({ min: -1, max: 70000, noNaN: true })), (port) => {
        const stack = newStack();
        const add = () => fargateContainer(stack, { volumes: [s3Volume({ transitEncryptionPort: port })] });
        if (Number.isInteger(port) && port >= 0 && port <= 65535) {
          expect(add().volumes).toHaveLength(1);
        } else {
          expectValidationError(add, /transitEncryptionPort must be a whole number between 0 and 65535/);
        }
      }));
    });

    test('token options pass, without a warning', () => {
      const stack = newStack();
      const volume = s3Volume({
        fileSystemArn: new CfnParameter(stack, 'Fs').valueAsString,
        accessPointArn: new CfnParameter(stack, 'Ap').valueAsString,
        rootDirectory: new CfnParameter(stack, 'Root').valueAsString,
        transitEncryptionPort: new CfnParameter(stack, 'Port', { type: 'Number' }).valueAsNumber,
      });
      const container = fargateContainer(stack, { volumes: [volume] });
      new EcsJobDefinition(stack, 'Job', { container });
      expect(container.volumes).toEqual([volume]);
      expect(warningsOf(stack)).toEqual([]);
      expect(onlyJobDefinition(stack).ContainerProperties.Volumes[0].S3FilesVolumeConfiguration).toEqual({
        FileSystemArn: { Ref: 'Fs' }, AccessPointArn: { Ref: 'Ap' }, RootDirectory: { Ref: 'Root' }, TransitEncryptionPort: { Ref: 'Port' },
      });
    });
  });

  describe('warnings', () => {
    const ec2Container = (stack: Stack, volumes: EcsVolume[] = []) => new EcsEc2ContainerDefinition(stack, 'Container', {
      image: ecs.ContainerImage.fromRegistry('app'), cpu: 1, memory: Size.mebibytes(1024), volumes,
    });

    test('on an EC2 container, given or added later, an S3 Files volume warns that Batch does not support it on EC2 yet, and renders', () => {
      // GIVEN
      const stack = newStack();
      const container = ec2Container(stack, [s3Volume()]);
      new EcsJobDefinition(stack, 'Job', { container });

      // WHEN
      container.addVolume(s3Volume({ name: 'second' }));

      // THEN
      expect(warningsOf(stack).map((w) => [w.path, w.id, w.message])).toEqual([
        ['/Stack/Container', '@aws-cdk/aws-batch-alpha:s3FilesVolumeOnEc2', expect.stringMatching(/^volumes\[0\] is the S3 Files volume 'lake': Batch does not support S3 Files volumes on EC2 resources yet, and a job that mounts one there fails at launch/)],
        ['/Stack/Container', '@aws-cdk/aws-batch-alpha:s3FilesVolumeOnEc2', expect.stringMatching(/^volumes\[1\] is the S3 Files volume 'second': /)],
      ]);
      expect(onlyJobDefinition(stack).ContainerProperties.Volumes).toHaveLength(2);
    });

    test('on an EC2 task, as in a multi-node range, an S3 Files volume warns on the task', () => {
      const stack = newStack();
      const task = new EcsEc2TaskDefinition(stack, 'Task', {
        containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('app'), cpu: 1, memory: Size.mebibytes(1024), volumes: [s3Volume()] }],
      });
      new MultiNodeJobDefinition(stack, 'Job', { ranges: [{ startNode: 0, endNode: 1, task }] });
      expect(warningsOf(stack).map((w) => [w.path, w.id, w.message])).toEqual([
        ['/Stack/Task', '@aws-cdk/aws-batch-alpha:s3FilesVolumeOnEc2', expect.stringMatching(/^containers\['app'\]\.volumes\[0\] is the S3 Files volume 'lake': .*multi-node jobs run on EC2 only/)],
      ]);
    });

    test('on Fargate, a container or a task, there is no warning', () => {
      const stack = newStack();
      new EcsJobDefinition(stack, 'Job', { container: fargateContainer(stack, { volumes: [s3Volume()] }) });
      const task = new EcsFargateTaskDefinition(stack, 'Task', {
        containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('app'), cpu: 1, memory: Size.mebibytes(2048), volumes: [s3Volume()] }],
      });
      new EcsMultiContainerJobDefinition(stack, 'Multi', { task });
      expect(warningsOf(stack)).toEqual([]);
    });

    test.each([
      ['a file system ARN of another service', { fileSystemArn: 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-12345678' },
        /^volumes\[0\]\.fileSystemArn should be the ARN of an S3 Files file system \(arn:<partition>:s3files:<region>:<account>:file-system\/<id>\), got 'arn:aws:elasticfilesystem:/],
      ['a file system id instead of its ARN', { fileSystemArn: 'fs-0123456789abcdef0' }, /^volumes\[0\]\.fileSystemArn should be the ARN of an S3 Files file system .*got 'fs-0123456789abcdef0'/],
      ['an access point id instead of its ARN', { accessPointArn: 'fsap-0123456789abcdef0' },
        /^volumes\[0\]\.accessPointArn should be the ARN of an S3 Files access point \(<file system ARN>\/access-point\/<id>\), got 'fsap-0123456789abcdef0'/],
      ['an access point of another file system', { accessPointArn: ACCESS_POINT_ARN.replace('fs-0123456789abcdef0', 'fs-0123456789abcdef1') },
        /^volumes\[0\]\.accessPointArn should be an access point of the file system 'arn:aws:s3files:[^']*fs-0123456789abcdef0', got '.*fs-0123456789abcdef1\/access-point/],
    ])('%s passes with the warning s3FilesVolumeArn', (_name, options, message) => {
      const stack = newStack();
      fargateContainer(stack, { volumes: [s3Volume(options)] });
      const warnings = warningsOf(stack);
      expect(warnings.map((w) => w.id)).toEqual(['@aws-cdk/aws-batch-alpha:s3FilesVolumeArn']);
      expect(warnings[0].message).toMatch(message);
    });

    test('a file system ARN that is no ARN at all is granted nothing: IAM would reject the policy', () => {
      const stack = newStack();
      const container = fargateContainer(stack, { volumes: [s3Volume({ fileSystemArn: 'fs-0123456789abcdef0' })] });
      new EcsJobDefinition(stack, 'Job', { container });
      expect(warningsOf(stack)[0].message).toMatch(/, and the job role is granted nothing on it$/);
      Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 1); // the execution role's
      expect(statementsOf(stack, logicalIdOf(stack, container.jobRole!))).toEqual([]);
    });

    test.each([
      'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0',
      'arn:aws-cn:s3files:cn-north-1:123456789012:file-system/fs-0123456789abcdef0',
      'arn:aws-us-gov:s3files:us-gov-west-1:123456789012:file-system/fs-0123456789abcdef0',
    ])('the file system ARN %s passes silently', (fileSystemArn) => {
      const stack = newStack();
      fargateContainer(stack, { volumes: [s3Volume({ fileSystemArn, accessPointArn: `${fileSystemArn}/access-point/fsap-0123456789abcdef0` })] });
      expect(warningsOf(stack)).toEqual([]);
    });
  });
});
