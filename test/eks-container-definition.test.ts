import * as path from 'path';
import { App, CfnParameter, Size, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as fc from 'fast-check';
import {
  EksContainerDefinition, EksContainerDefinitionProps, EksJobDefinition, EksVolume, EmptyDirMediumType, ImagePullPolicy,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { warningRules, warningsOf } from './util/warnings';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36');

/** The smallest container Batch accepts: an image, one vCPU and some memory. */
const MINIMAL = { image: IMAGE, cpuLimit: 1, memoryLimit: Size.mebibytes(512) };

function containerIn(stack: Stack, props: Partial<EksContainerDefinitionProps> = {}): EksContainerDefinition {
  return new EksContainerDefinition(stack, 'Container', { ...MINIMAL, ...props });
}

/** The container and volumes the job definition of `container` renders. */
function renderedPod(stack: Stack, container: EksContainerDefinition): { container: any; volumes: any } {
  new EksJobDefinition(stack, 'JobDefinition', { container });
  const resources = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  const pod = Object.values(resources)[0].Properties.EksProperties.PodProperties;
  return { container: pod.Containers[0], volumes: pod.Volumes };
}

describe('EksContainerDefinition rendering', () => {
  test('defaults: image, empty env, resources given, a non-root security context, no volumes', () => {
    const stack = newStack();
    const { container, volumes } = renderedPod(stack, containerIn(stack));

    expect(container).toEqual({
      Image: 'public.ecr.aws/docker/library/busybox:1.36',
      Env: [],
      Resources: { Limits: { cpu: 1, memory: '512Mi' }, Requests: {} },
      SecurityContext: { RunAsNonRoot: true },
    });
    expect(volumes).toBeUndefined();
  });

  test('every prop', () => {
    const stack = newStack();
    const { container } = renderedPod(stack, containerIn(stack, {
      args: ['--verbose'],
      command: ['/bin/run'],
      env: { STAGE: 'prod', REGION: 'eu-west-1' },
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      name: 'worker',
      cpuLimit: 2,
      cpuReservation: 0.5,
      memoryLimit: Size.gibibytes(4),
      memoryReservation: Size.mebibytes(4096),
      gpuLimit: 1,
      gpuReservation: 1,
      privileged: true,
      readonlyRootFilesystem: true,
      runAsGroup: 3000,
      runAsRoot: true,
      runAsUser: 1000,
    }));

    expect(container).toEqual({
      Image: 'public.ecr.aws/docker/library/busybox:1.36',
      Args: ['--verbose'],
      Command: ['/bin/run'],
      Env: [{ Name: 'STAGE', Value: 'prod' }, { Name: 'REGION', Value: 'eu-west-1' }],
      ImagePullPolicy: 'Always',
      Name: 'worker',
      Resources: {
        Limits: { 'cpu': 2, 'memory': '4096Mi', 'nvidia.com/gpu': 1 },
        Requests: { 'cpu': 0.5, 'memory': '4096Mi', 'nvidia.com/gpu': 1 },
      },
      SecurityContext: { Privileged: true, ReadOnlyRootFilesystem: true, RunAsGroup: 3000, RunAsNonRoot: false, RunAsUser: 1000 },
    });
  });

  test.each([
    [undefined, true],
    [false, true],
    [true, false],
  ])('runAsRoot %s renders RunAsNonRoot %s', (runAsRoot, runAsNonRoot) => {
    const stack = newStack();
    const { container } = renderedPod(stack, containerIn(stack, { runAsRoot }));
    expect(container.SecurityContext).toEqual({ RunAsNonRoot: runAsNonRoot });
  });

  test.each(Object.entries(ImagePullPolicy))('ImagePullPolicy.%s renders %s', (_name, value) => {
    const stack = newStack();
    const { container } = renderedPod(stack, containerIn(stack, { imagePullPolicy: value }));
    expect(container.ImagePullPolicy).toBe(value);
  });

  test('reservations alone render only Requests', () => {
    const stack = newStack();
    const { container } = renderedPod(stack, containerIn(stack, {
      cpuLimit: undefined, memoryLimit: undefined, cpuReservation: 0.25, memoryReservation: Size.mebibytes(4),
    }));
    expect(container.Resources).toEqual({ Limits: {}, Requests: { cpu: 0.25, memory: '4Mi' } });
  });

  test('volumes: every kind, mounted ones also as volume mounts', () => {
    const stack = newStack();
    const { container, volumes } = renderedPod(stack, containerIn(stack, {
      volumes: [
        EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch', medium: EmptyDirMediumType.MEMORY, sizeLimit: Size.gibibytes(1) }),
        EksVolume.emptyDir({ name: 'disk', mountPath: '/disk', medium: EmptyDirMediumType.DISK }),
        EksVolume.hostPath({ name: 'logs', hostPath: '/var/log', mountPath: '/logs', readonly: true }),
        EksVolume.secret({ name: 'creds', secretName: 'db-creds', optional: false, mountPath: '/creds' }),
      ],
    }));

    expect(volumes).toEqual([
      { Name: 'scratch', EmptyDir: { Medium: 'Memory', SizeLimit: '1024Mi' } },
      { Name: 'disk', EmptyDir: { Medium: '' } },
      { Name: 'logs', HostPath: { Path: '/var/log' } },
      { Name: 'creds', Secret: { SecretName: 'db-creds', Optional: false } },
    ]);
    expect(container.VolumeMounts).toEqual([
      { Name: 'scratch', MountPath: '/scratch' },
      { Name: 'disk', MountPath: '/disk' },
      { Name: 'logs', MountPath: '/logs', ReadOnly: true },
      { Name: 'creds', MountPath: '/creds' },
    ]);
  });

  test('a volume without a mountPath is a pod volume but not a volume mount', () => {
    const stack = newStack();
    const { container, volumes } = renderedPod(stack, containerIn(stack, {
      volumes: [EksVolume.secret({ name: 'creds', secretName: 'db-creds' })],
    }));
    expect(volumes).toEqual([{ Name: 'creds', Secret: { SecretName: 'db-creds', Optional: true } }]);
    expect(container.VolumeMounts).toBeUndefined();
  });

  test('addVolume() after construction is rendered, as volume and as mount', () => {
    // GIVEN
    const stack = newStack();
    const container = containerIn(stack, { volumes: [EksVolume.emptyDir({ name: 'first', mountPath: '/first' })] });

    // WHEN
    container.addVolume(EksVolume.hostPath({ name: 'second', hostPath: '/tmp', mountPath: '/second' }));

    // THEN
    const rendered = renderedPod(stack, container);
    expect(rendered.volumes.map((v: any) => v.Name)).toEqual(['first', 'second']);
    expect(rendered.container.VolumeMounts.map((m: any) => m.Name)).toEqual(['first', 'second']);
  });

  test('the volumes property is a copy', () => {
    const stack = newStack();
    const container = containerIn(stack, { volumes: [EksVolume.emptyDir({ name: 'a', mountPath: '/a' })] });
    container.volumes.push(EksVolume.emptyDir({ name: 'b', mountPath: '/b' }));
    expect(container.volumes.map((v) => v.name)).toEqual(['a']);
  });

  test('the props volumes array is copied: changing it later changes nothing', () => {
    const stack = newStack();
    const volumes = [EksVolume.emptyDir({ name: 'a', mountPath: '/a' })];
    const container = containerIn(stack, { volumes });
    volumes.push(EksVolume.emptyDir({ name: 'b', mountPath: '/b' }));
    expect(container.volumes).toHaveLength(1);
  });

  test('exposes its props', () => {
    const stack = newStack();
    const container = containerIn(stack, { name: 'worker', cpuReservation: 0.5, gpuLimit: 2, runAsUser: 5 });
    expect(container.image).toBe(IMAGE);
    expect(container.name).toBe('worker');
    expect(container.cpuLimit).toBe(1);
    expect(container.cpuReservation).toBe(0.5);
    expect(container.memoryLimit?.toMebibytes()).toBe(512);
    expect(container.gpuLimit).toBe(2);
    expect(container.runAsUser).toBe(5);
    expect(container.runAsRoot).toBeUndefined();
  });

  test('tokens pass validation and render as references', () => {
    // GIVEN
    const stack = newStack();
    const cpu = new CfnParameter(stack, 'Cpu', { type: 'Number' }).valueAsNumber;
    const mib = new CfnParameter(stack, 'Memory', { type: 'Number' }).valueAsNumber;
    const name = new CfnParameter(stack, 'Name').valueAsString;

    // WHEN
    const { container, volumes } = renderedPod(stack, containerIn(stack, {
      name,
      cpuLimit: cpu,
      cpuReservation: cpu,
      memoryLimit: Size.mebibytes(mib),
      memoryReservation: Size.mebibytes(512),
      runAsUser: cpu,
      volumes: [EksVolume.emptyDir({ name: 'scratch', mountPath: '/s', sizeLimit: Size.mebibytes(mib) })],
    }));

    // THEN
    const memoryQuantity = { 'Fn::Join': ['', [{ Ref: 'Memory' }, 'Mi']] };
    expect(container.Name).toEqual({ Ref: 'Name' });
    expect(container.Resources.Limits).toEqual({ cpu: { Ref: 'Cpu' }, memory: memoryQuantity });
    expect(volumes[0].EmptyDir.SizeLimit).toEqual(memoryQuantity);
  });
});

describe('EksContainerDefinition images', () => {
  test('an imported ECR repository: the image URI, and no policy anywhere', () => {
    // GIVEN
    const stack = newStack();
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'my-repo');

    // WHEN
    const { container } = renderedPod(stack, containerIn(stack, { image: ecs.ContainerImage.fromEcrRepository(repository, 'v1') }));

    // THEN
    expect(JSON.stringify(container.Image)).toContain('my-repo:v1');
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a repository of the same stack: no statement is written into its repository policy', () => {
    const stack = newStack();
    const repository = new ecr.Repository(stack, 'Repo');

    const { container } = renderedPod(stack, containerIn(stack, { image: ecs.ContainerImage.fromEcrRepository(repository) }));

    expect(JSON.stringify(container.Image)).toContain('Repo02AC86CF');
    const template = Template.fromStack(stack);
    template.hasResource('AWS::ECR::Repository', { Properties: Match.absent() });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a repository of another account: its repository policy lets the account of the job pull', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const other = new Stack(app, 'Other', { env: { account: '222222222222', region: 'us-east-1' } });
    const repository = new ecr.Repository(other, 'Repo', { repositoryName: 'shared' });

    renderedPod(stack, containerIn(stack, { image: ecs.ContainerImage.fromEcrRepository(repository) }));

    Template.fromStack(other).hasResourceProperties('AWS::ECR::Repository', {
      RepositoryPolicyText: {
        Statement: [{
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
        }],
      },
    });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('an image asset is built into the container\'s scope and referenced by its URI', () => {
    const stack = newStack();
    const image = ecs.ContainerImage.fromAsset(path.join(__dirname, 'fixtures', 'image'));

    const { container } = renderedPod(stack, containerIn(stack, { image }));

    expect(JSON.stringify(container.Image)).toContain('container-assets');
    expect(stack.node.findAll().some((c) => c.node.path === 'Stack/Container/AssetImage')).toBe(true);
  });

  test('a tag parameter image adds its parameter', () => {
    const stack = newStack();
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'my-repo');
    const image = new ecs.TagParameterContainerImage(repository);

    const { container } = renderedPod(stack, containerIn(stack, { image }));

    expect(JSON.stringify(container.Image)).toContain('ContainerImageTagParam');
  });

  test('registry credentials are rejected', () => {
    const stack = newStack();
    const credentials = new secretsmanager.Secret(stack, 'Credentials');
    expectValidationError(
      () => containerIn(stack, { image: ecs.ContainerImage.fromRegistry('private.example.com/app', { credentials }) }),
      /^EksContainerDefinition 'Stack\/Container': image must not use registry credentials .*, got an image with credentials$/,
    );
  });
});

describe('EksContainerDefinition validation at construction', () => {
  test.each<[string, Partial<EksContainerDefinitionProps>, RegExp]>([
    ['a name with capitals and an underscore', { name: 'My_Worker' }, /name must be a DNS-1123 label .*, got 'My_Worker'/],
    ['a name with underscores', { name: 'my_worker' }, /name must be a DNS-1123 label .*, got 'my_worker'/],
    ['a name ending with a hyphen', { name: 'worker-' }, /name must be a DNS-1123 label/],
    ['an empty name', { name: '' }, /name must be a DNS-1123 label .*, got ''/],
    ['a name of 64 characters', { name: 'a'.repeat(64) }, /name must be a DNS-1123 label/],
    ['a cpu limit off the 0.25 grid', { cpuLimit: 0.3 }, /cpuLimit must be a positive multiple of 0.25 vCPU, got 0.3$/],
    ['a zero cpu limit', { cpuLimit: 0 }, /cpuLimit must be a positive multiple of 0.25 vCPU, got 0$/],
    ['a negative cpu reservation', { cpuReservation: -1 }, /cpuReservation must be a positive multiple of 0.25 vCPU, got -1$/],
    ['a cpu limit below the reservation', { cpuLimit: 1, cpuReservation: 2 }, /cpuLimit must be at least cpuReservation \(2\), got 1$/],
    ['no cpu at all', { cpuLimit: undefined }, /cpuLimit or cpuReservation must be set \(Batch on EKS needs at least one\), got neither$/],
    ['a fraction of a MiB', { memoryLimit: Size.kibibytes(1536 * 1024 + 512) }, /memoryLimit must be a whole number of MiB, at least 4, got 1536.5 MiB$/],
    ['less than 4 MiB', { memoryLimit: Size.mebibytes(3) }, /memoryLimit must be a whole number of MiB, at least 4, got 3 MiB$/],
    ['a memory reservation of 0', { memoryReservation: Size.mebibytes(0), memoryLimit: undefined }, /memoryReservation must be a whole number of MiB, at least 4, got 0 MiB$/],
    ['a memory limit that is not the reservation', { memoryLimit: Size.gibibytes(2), memoryReservation: Size.gibibytes(1) },
      /memoryLimit must equal memoryReservation \(1024 MiB\) when both are set, got 2048 MiB$/],
    ['no memory at all', { memoryLimit: undefined }, /memoryLimit or memoryReservation must be set \(Batch on EKS needs at least one\), got neither$/],
    ['a fraction of a GPU', { gpuLimit: 1.5 }, /gpuLimit must be a whole number at least 0, got 1.5$/],
    ['a negative GPU reservation', { gpuReservation: -1 }, /gpuReservation must be a whole number at least 0, got -1$/],
    ['a GPU limit that is not the reservation', { gpuLimit: 2, gpuReservation: 1 }, /gpuLimit must equal gpuReservation \(1\) when both are set, got 2$/],
    ['a negative user id', { runAsUser: -1 }, /runAsUser must be a whole number between 0 and 2147483647, got -1$/],
    ['a fractional group id', { runAsGroup: 1.5 }, /runAsGroup must be a whole number between 0 and 2147483647, got 1.5$/],
    ['user 0 without runAsRoot', { runAsUser: 0 }, /runAsUser must not be 0 \(root\) unless runAsRoot is true: .*, got 0$/],
    ['user 0 with runAsRoot false', { runAsUser: 0, runAsRoot: false }, /runAsUser must not be 0 \(root\) unless runAsRoot is true/],
    ['an env name reserved by Batch', { env: { AWS_BATCH_JOB_ID: 'x' } }, /env names must not start with 'AWS_BATCH' \(Batch sets those\), got 'AWS_BATCH_JOB_ID'$/],
    ['an empty env name', { env: { '': 'x' } }, /env names must not be empty, got ''$/],
    ['an invalid volume', { volumes: [EksVolume.emptyDir({ name: 'ok' }), EksVolume.emptyDir({ name: 'Bad' })] }, /volumes\[1\]\.name must be a DNS-1123 label/],
  ])('%s', (_title, props, pattern) => {
    const stack = newStack();
    expectValidationError(() => containerIn(stack, props), new RegExp(`^EksContainerDefinition 'Stack/Container': (.|\\n)*${pattern.source}`, 'm'));
  });

  test('every problem is reported at once', () => {
    const stack = newStack();
    expectValidationError(
      () => containerIn(stack, { name: 'bad_name', cpuLimit: 0.1, memoryLimit: Size.mebibytes(1) }),
      /name must be.*\n.*cpuLimit must be.*\n.*memoryLimit must be/,
    );
  });

  test.each<[string, Partial<EksContainerDefinitionProps>]>([
    ['root with runAsRoot', { runAsUser: 0, runAsRoot: true }],
    ['a cpu limit equal to the reservation', { cpuLimit: 1, cpuReservation: 1 }],
    ['only a cpu reservation', { cpuLimit: undefined, cpuReservation: 0.25 }],
    ['equal memory limit and reservation in other units', { memoryLimit: Size.gibibytes(1), memoryReservation: Size.mebibytes(1024) }],
    ['equal GPU limit and reservation', { gpuLimit: 4, gpuReservation: 4 }],
    ['a 63-character name', { name: `a${'-'.repeat(61)}z` }],
    ['env names that only contain AWS_BATCH', { env: { MY_AWS_BATCH: 'x' } }],
  ])('accepts %s', (_title, props) => {
    const stack = newStack();
    expect(() => containerIn(stack, props)).not.toThrow();
  });

  test('any multiple of 0.25 vCPU is accepted, anything else is rejected', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 24 }), (quarters, offset) => {
      const ok = quarters * 0.25;
      const off = ok + offset / 100;
      expect(() => containerIn(newStack(), { cpuLimit: ok })).not.toThrow();
      if (!Number.isInteger(off / 0.25)) {
        expectValidationError(() => containerIn(newStack(), { cpuLimit: off }), /cpuLimit must be a positive multiple of 0.25 vCPU/);
      }
    }), { numRuns: 40 });
  });

  test('container names: every DNS-1123 label is accepted silently, an upper-case letter anywhere with a warning, an underscore not at all', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    fc.assert(fc.property(label, fc.nat(), (name, at) => {
      const quiet = newStack();
      containerIn(quiet, { name });
      expect(warningRules(quiet)).toEqual([]);
      const i = at % name.length;
      const upper = newStack();
      containerIn(upper, { name: `${name.slice(0, i)}X${name.slice(i + 1)}` });
      expect(warningRules(upper)).toEqual(['eksContainerNameCase']);
      expectValidationError(() => containerIn(newStack(), { name: `${name.slice(0, i)}_${name.slice(i + 1)}` }), /name must be a DNS-1123 label/);
    }), { numRuns: 25 });
  });

  test('a name with capitals is accepted with a warning that names the rule', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    containerIn(stack, { name: 'Worker' });

    // THEN
    expect(warningsOf(stack)).toEqual([{
      path: '/Stack/Container',
      id: '@aws-cdk/aws-batch-alpha:eksContainerNameCase',
      message: expect.stringMatching(/^name 'Worker' has upper-case letters, which Kubernetes does not take in container names; .*prefer a lower-case name$/),
    }]);
  });

  test.each<[string, (n: number) => Partial<EksContainerDefinitionProps>, RegExp]>([
    ['memoryLimit', (n) => ({ memoryLimit: Size.gibibytes(n) }), /memoryLimit must be created with Size.mebibytes\(\) when its value is unresolved, got Size.gibibytes\(<token>\)$/],
    ['memoryReservation', (n) => ({ memoryReservation: Size.gibibytes(n) }), /memoryReservation must be created with Size.mebibytes\(\) when its value is unresolved/],
    ['an emptyDir sizeLimit', (n) => ({ volumes: [EksVolume.emptyDir({ name: 'a', sizeLimit: Size.gibibytes(n) })] }),
      /volumes\[0\]\.sizeLimit must be created with Size.mebibytes\(\) when its value is unresolved/],
  ])('%s given as a token in another unit than MiB is rejected (it could not be rendered in MiB)', (_prop, props, pattern) => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expectValidationError(() => containerIn(stack, props(n)), pattern);
  });

  test('tokens skip every comparison', () => {
    const stack = newStack();
    const n = Token.asNumber({ Ref: 'N' });
    expect(() => containerIn(stack, {
      cpuLimit: n, cpuReservation: 8, memoryLimit: Size.mebibytes(n), memoryReservation: Size.mebibytes(8), gpuLimit: n, gpuReservation: 1, runAsUser: n,
    })).not.toThrow();
  });
});

describe('EksContainerDefinition volumes validation', () => {
  test.each<[string, EksVolume, RegExp]>([
    ['a volume name with capitals', EksVolume.emptyDir({ name: 'myVolume' }), /volumes\[0\]\.name must be a DNS-1123 label .*, got 'myVolume'$/],
    ['an empty mountPath', EksVolume.emptyDir({ name: 'a', mountPath: '' }), /volumes\[0\]\.mountPath must not be empty, got ''$/],
    ['readonly without mountPath', EksVolume.emptyDir({ name: 'a', readonly: true }),
      /volumes\[0\]\.readonly must be false when the volume has no mountPath .*, got true$/],
    ['a fractional size limit', EksVolume.emptyDir({ name: 'a', sizeLimit: Size.kibibytes(1536) }), /volumes\[0\]\.sizeLimit must be a whole number of MiB, at least 0, got 1.5 MiB$/],
    ['an empty host path', EksVolume.hostPath({ name: 'a', hostPath: '' }), /volumes\[0\]\.hostPath must not be empty, got ''$/],
    ['a secret name with capitals', EksVolume.secret({ name: 'a', secretName: 'MySecret' }), /volumes\[0\]\.secretName must be a DNS-1123 subdomain .*, got 'MySecret'$/],
    ['a secret name with an empty part', EksVolume.secret({ name: 'a', secretName: 'db..creds' }), /volumes\[0\]\.secretName must be a DNS-1123 subdomain/],
  ])('%s is rejected, in props and in addVolume()', (_title, volume, pattern) => {
    expectValidationError(() => containerIn(newStack(), { volumes: [volume] }), pattern);
    const container = containerIn(newStack());
    expectValidationError(() => container.addVolume(volume), pattern);
    expect(container.volumes).toEqual([]);
  });

  test('a size limit of 0 is accepted (Kubernetes forbids only negative sizes)', () => {
    const stack = newStack();
    const container = containerIn(stack, { volumes: [EksVolume.emptyDir({ name: 'a', sizeLimit: Size.mebibytes(0) })] });
    expect(renderedPod(stack, container).volumes).toEqual([{ Name: 'a', EmptyDir: { SizeLimit: '0Mi' } }]);
  });

  test('a secret name with periods is accepted', () => {
    expect(() => containerIn(newStack(), { volumes: [EksVolume.secret({ name: 'a', secretName: 'db.creds-1' })] })).not.toThrow();
  });

  test('addVolume() names the index the volume would get', () => {
    const container = containerIn(newStack(), { volumes: [EksVolume.emptyDir({ name: 'a' })] });
    expectValidationError(() => container.addVolume(EksVolume.emptyDir({ name: 'B' })), /volumes\[1\]\.name/);
  });

  test('a volume made by a foreign class is rejected', () => {
    class OtherVolume extends EksVolume {}
    expectValidationError(
      () => containerIn(newStack(), { volumes: [new OtherVolume({ name: 'other' })] }),
      /volumes\[0\] must be made with EksVolume.emptyDir\(\), EksVolume.hostPath\(\) or EksVolume.secret\(\), got another kind of volume$/,
    );
  });

  test('duplicate volume names fail synthesis, also when added later', () => {
    const stack = newStack();
    const container = containerIn(stack, { volumes: [EksVolume.emptyDir({ name: 'data', mountPath: '/a' })] });
    container.addVolume(EksVolume.hostPath({ name: 'data', hostPath: '/tmp', mountPath: '/b' }));
    new EksJobDefinition(stack, 'JobDefinition', { container });
    expectSynthError(stack, /EksContainerDefinition 'Stack\/Container': volumes\[1\]\.name must be unique, got 'data' which volumes\[0\] already has/);
  });

  test('duplicate mount paths fail synthesis', () => {
    const stack = newStack();
    const container = containerIn(stack, {
      volumes: [EksVolume.emptyDir({ name: 'a', mountPath: '/data' }), EksVolume.emptyDir({ name: 'b', mountPath: '/data' })],
    });
    new EksJobDefinition(stack, 'JobDefinition', { container });
    expectSynthError(stack, /volumes\[1\]\.mountPath must be unique, got '\/data' which volumes\[0\] already has/);
  });

  test('unmounted volumes do not clash on their missing mount paths', () => {
    const stack = newStack();
    const container = containerIn(stack, { volumes: [EksVolume.emptyDir({ name: 'a' }), EksVolume.emptyDir({ name: 'b' })] });
    new EksJobDefinition(stack, 'JobDefinition', { container });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
