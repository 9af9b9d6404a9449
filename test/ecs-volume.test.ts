import { CfnParameter, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import { EcsEc2ContainerDefinition, EcsJobDefinition, EcsVolume, EfsVolume, EfsVolumeOptions, HostVolume } from '../lib';
import { expectValidationError, newStack } from './util';

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
      /volumes\[0\] must be made with EcsVolume\.efs\(\) or EcsVolume\.host\(\), got another kind: volume 'o' is neither an EfsVolume nor a HostVolume/);
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
