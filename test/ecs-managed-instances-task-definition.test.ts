import { CfnParameter, Size, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  EcsManagedInstancesTaskDefinition, EcsManagedInstancesTaskDefinitionProps, EcsMultiContainerJobDefinition, EcsNetworkMode,
  EcsTaskContainerOptions, EcsVolume, UlimitName,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';

const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');

function container(props: Partial<EcsTaskContainerOptions> = {}): EcsTaskContainerOptions {
  return { name: 'app', image, cpu: 1, memory: Size.mebibytes(1024), ...props };
}

function miTask(stack: Stack, props: EcsManagedInstancesTaskDefinitionProps = {}): EcsManagedInstancesTaskDefinition {
  return new EcsManagedInstancesTaskDefinition(stack, 'Task', props);
}

/** Puts the task in a job definition and returns the job definition's properties. */
function jobProperties(stack: Stack, task: EcsManagedInstancesTaskDefinition): any {
  new EcsMultiContainerJobDefinition(stack, 'Job', { task });
  const jobs = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  expect(Object.keys(jobs)).toHaveLength(1);
  return Object.values(jobs)[0].Properties;
}

describe('EcsManagedInstancesTaskDefinition', () => {
  test('renders a container job on MANAGED_INSTANCES with its network mode and CPU architecture', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const task = miTask(stack, {
      containers: [container({ gpu: 1 }), container({ name: 'sidecar', essential: false, cpu: 0.5, memory: Size.mebibytes(100) })],
      networkMode: EcsNetworkMode.HOST,
      cpuArchitecture: ecs.CpuArchitecture.ARM64,
    });

    // THEN
    const props = jobProperties(stack, task);
    expect(props).toMatchObject({ Type: 'container', PlatformCapabilities: ['MANAGED_INSTANCES'] });
    expect(props.ContainerProperties).toBeUndefined();
    const taskProps = props.EcsProperties.TaskProperties[0];
    expect(taskProps).toMatchObject({ NetworkMode: 'host', RuntimePlatform: { CpuArchitecture: 'ARM64' } });
    expect(taskProps.Containers[0].ResourceRequirements).toEqual(expect.arrayContaining([{ Type: 'GPU', Value: '1' }]));
    expect(task.networkMode).toBe(EcsNetworkMode.HOST);
    expect(task.cpuArchitecture).toBe(ecs.CpuArchitecture.ARM64);
  });

  test('defaults: no network mode, runtime platform or Fargate settings, so that Batch\'s defaults apply', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const taskProps = jobProperties(stack, miTask(stack, { containers: [container()] })).EcsProperties.TaskProperties[0];

    // THEN
    expect(Object.keys(taskProps).sort()).toEqual(['Containers', 'ExecutionRoleArn']);
  });

  test('vCPU and memory need not be a Fargate task size, and an added container renders', () => {
    // GIVEN
    const stack = newStack();
    const task = miTask(stack, { containers: [container({ cpu: 3, memory: Size.mebibytes(7000) })] });

    // WHEN
    task.addContainer(container({ name: 'late', essential: false, cpu: 0.25, memory: Size.mebibytes(64) }));

    // THEN
    const containers = jobProperties(stack, task).EcsProperties.TaskProperties[0].Containers;
    expect(containers.map((c: any) => c.Name)).toEqual(['app', 'late']);
    expect(containers[0].ResourceRequirements).toEqual(expect.arrayContaining([{ Type: 'VCPU', Value: '3' }, { Type: 'MEMORY', Value: '7000' }]));
  });

  test('a token network mode renders as given', () => {
    const stack = newStack();
    const mode = new CfnParameter(stack, 'Mode').valueAsString as EcsNetworkMode;

    const taskProps = jobProperties(stack, miTask(stack, { containers: [container()], networkMode: mode })).EcsProperties.TaskProperties[0];

    expect(taskProps.NetworkMode).toEqual({ Ref: 'Mode' });
    expect(Token.isUnresolved(mode)).toBe(true);
  });

  test('an S3 Files volume renders without the EC2 warning: ECS Managed Instances mount them', () => {
    // GIVEN
    const stack = newStack();
    const volume = EcsVolume.s3Files({
      name: 'lake', containerPath: '/lake',
      fileSystemArn: 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0',
    });

    // WHEN
    const task = miTask(stack, { containers: [container({ volumes: [volume] })] });

    // THEN
    const taskProps = jobProperties(stack, task).EcsProperties.TaskProperties[0];
    expect(taskProps.Volumes[0]).toMatchObject({
      Name: 'lake',
      S3FilesVolumeConfiguration: { FileSystemArn: 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0' },
    });
    expect(taskProps.TaskRoleArn).toBeDefined();
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('S3 Files'));
  });

  describe('validation', () => {
    test.each<[string, Partial<EcsTaskContainerOptions>, RegExp]>([
      ['a fraction of a MiB', { memory: Size.kibibytes(1536) },
        /EcsManagedInstancesTaskDefinition 'Stack\/Task': containers\[0\]\.memory must be a whole number of MiB, at least 1, got 1\.5 MiB/],
      ['a token memory in GiB', { memory: Size.gibibytes(new CfnParameter(newStack(), 'M', { type: 'Number' }).valueAsNumber) },
        /containers\[0\]\.memory must be created with Size\.mebibytes\(\) when its value is unresolved/],
      ['a volume with a bad name', { volumes: [EcsVolume.host({ name: 'bad name', containerPath: '/x' })] },
        /containers\[0\]\.volumes\[0\]\.name must be 1 to 255 letters, digits, hyphens and underscores, got 'bad name'/],
    ])('%s is rejected when the container is added', (_name, props, pattern) => {
      const stack = newStack();
      const task = miTask(stack);
      expectValidationError(() => task.addContainer(container(props)), pattern);
    });

    test('a ulimit whose soft limit is above its hard limit fails synthesis', () => {
      const stack = newStack();
      miTask(stack, { containers: [container({ ulimits: [{ name: UlimitName.NOFILE, softLimit: 10, hardLimit: 5 }] })] });
      expectSynthError(stack, /EcsManagedInstancesTaskDefinition 'Stack\/Task': containers\['app'\]\.ulimits\[0\]\.softLimit must be at most its hardLimit/);
    });

    test('settings Fargate rejects pass: GPUs, privileged containers, ulimits', () => {
      const stack = newStack();
      miTask(stack, {
        containers: [container({ gpu: 2, privileged: true, ulimits: [{ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }] })],
      });
      expect(() => Template.fromStack(stack)).not.toThrow();
    });
  });
});
