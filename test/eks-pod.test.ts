import { CfnParameter, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  DnsPolicy, EksContainerDefinition, EksContainerDefinitionProps, EksJobDefinition, EksJobDefinitionProps, EksVolume, ImagePullPolicy, SeccompProfile,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { EVERY_CONTAINER_SETTING, EVERY_CONTAINER_SETTING_RENDERED } from './util/eks-container-settings';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36');

function container(stack: Stack, id: string, props: Partial<EksContainerDefinitionProps> = {}): EksContainerDefinition {
  return new EksContainerDefinition(stack, id, { image: IMAGE, cpuReservation: 1, memoryLimit: Size.gibibytes(1), ...props });
}

function pod(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0].Properties.EksProperties.PodProperties;
}

describe('the pod rendered through the newer-CloudFormation mechanism', () => {
  const containers: Array<[string, Partial<EksContainerDefinitionProps>]> = [
    ['defaults', {}],
    ['requests only', { cpuLimit: undefined, cpuReservation: 1, memoryLimit: undefined, memoryReservation: Size.mebibytes(512) }],
    ['limits only', { cpuReservation: undefined, cpuLimit: 2, memoryLimit: Size.gibibytes(2), gpuLimit: 1 }],
    ['every prop', {
      name: 'main', args: ['a'], command: ['sh', '-c'], env: { A: '1', B: '2' }, imagePullPolicy: ImagePullPolicy.ALWAYS,
      cpuLimit: 2, cpuReservation: 1, memoryLimit: Size.gibibytes(2), memoryReservation: Size.gibibytes(2), gpuLimit: 1, gpuReservation: 1,
      privileged: true, readonlyRootFilesystem: true, runAsGroup: 5, runAsRoot: true, runAsUser: 0,
      volumes: [
        EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch', sizeLimit: Size.mebibytes(64) }),
        EksVolume.hostPath({ name: 'logs', hostPath: '/var/log', mountPath: '/logs', readonly: true }),
        EksVolume.secret({ name: 'creds', secretName: 'creds', optional: false }),
      ],
    }],
    ['newer security settings', {
      allowPrivilegeEscalation: false, runAsUser: 1000,
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, seccompProfile: SeccompProfile.localhost('profiles/a.json'),
    }],
  ];

  test.each(containers)('%s: a container renders as the L1 renders it', (_name, props) => {
    // GIVEN a single-container pod, rendered by the L1
    const typed = newStack();
    new EksJobDefinition(typed, 'Job', { container: container(typed, 'Main', props) });

    // WHEN the same container is the first of two, so that the pod renders through the mechanism
    const raw = newStack();
    const job = new EksJobDefinition(raw, 'Job', { container: container(raw, 'Main', props) });
    job.addContainer(container(raw, 'Sidecar', { name: 'sidecar' }));

    // THEN
    expect(pod(raw).Containers[0]).toEqual(pod(typed).Containers[0]);
    expect(pod(raw).Volumes).toEqual(pod(typed).Volumes);
  });
});

function job(stack: Stack, props: Partial<EksJobDefinitionProps> = {}): EksJobDefinition {
  return new EksJobDefinition(stack, 'Job', { container: container(stack, 'Main', { name: 'main' }), ...props });
}

describe('EksJobDefinition pods with more than one container', () => {
  test('a single-container pod renders no member the L1 of aws-cdk-lib 2.95.1 lacks', () => {
    const stack = newStack();
    job(stack, { dnsPolicy: DnsPolicy.DEFAULT });
    expect(Object.keys(pod(stack)).sort()).toEqual(['Containers', 'DnsPolicy']);
  });

  test('additional containers and init containers render in order, given as props or added later', () => {
    // GIVEN
    const stack = newStack();
    const j = job(stack, {
      additionalContainers: [container(stack, 'Sidecar', { name: 'sidecar' })],
      initContainers: [container(stack, 'Fetch', { name: 'fetch', command: ['fetch'] })],
    });

    // WHEN
    j.addContainer(container(stack, 'Second', { name: 'second' }));
    j.addInitContainer(container(stack, 'Unpack', { name: 'unpack' }));

    // THEN
    const p = pod(stack);
    expect(p.Containers.map((c: any) => c.Name)).toEqual(['main', 'sidecar', 'second']);
    expect(p.InitContainers.map((c: any) => c.Name)).toEqual(['fetch', 'unpack']);
    expect(p.InitContainers[0]).toEqual({
      Name: 'fetch',
      Image: 'public.ecr.aws/docker/library/busybox:1.36',
      Command: ['fetch'],
      Env: [],
      Resources: { Limits: { memory: '1024Mi' }, Requests: { cpu: 1 } },
      SecurityContext: { RunAsNonRoot: true },
    });
    expect(j.containers.map((c) => c.name)).toEqual(['main', 'sidecar', 'second']);
    expect(j.initContainers.map((c) => c.name)).toEqual(['fetch', 'unpack']);
  });

  test('an init container renders its args, environment, image pull policy and security context', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    job(stack, { initContainers: [container(stack, 'Fetch', { name: 'fetch', command: ['fetch'], ...EVERY_CONTAINER_SETTING })] });

    // THEN
    expect(pod(stack).InitContainers).toEqual([{
      Name: 'fetch',
      Image: 'public.ecr.aws/docker/library/busybox:1.36',
      Command: ['fetch'],
      Resources: { Limits: { memory: '1024Mi' }, Requests: { cpu: 1 } },
      ...EVERY_CONTAINER_SETTING_RENDERED,
    }]);
  });

  test('containers and initContainers are copies', () => {
    const stack = newStack();
    const j = job(stack);
    j.containers.push(container(stack, 'X', { name: 'x' }));
    j.initContainers.push(container(stack, 'Y', { name: 'y' }));
    j.imagePullSecrets.push('z');
    expect(j.containers).toHaveLength(1);
    expect(j.initContainers).toHaveLength(0);
    expect(j.imagePullSecrets).toHaveLength(0);
  });

  test('an init container fetching data into an emptyDir volume that the main container reads: one pod volume, two mounts', () => {
    // GIVEN
    const stack = newStack();
    const main = container(stack, 'Reader', { name: 'reader', volumes: [EksVolume.emptyDir({ name: 'data', mountPath: '/input', readonly: true })] });
    const fetch = container(stack, 'Fetch', { name: 'fetch', volumes: [EksVolume.emptyDir({ name: 'data', mountPath: '/download' })] });

    // WHEN
    new EksJobDefinition(stack, 'Job', { container: main, initContainers: [fetch] });

    // THEN
    const p = pod(stack);
    expect(p.Volumes).toEqual([{ Name: 'data', EmptyDir: {} }]);
    expect(p.Containers[0].VolumeMounts).toEqual([{ Name: 'data', MountPath: '/input', ReadOnly: true }]);
    expect(p.InitContainers[0].VolumeMounts).toEqual([{ Name: 'data', MountPath: '/download' }]);
  });

  test('a volume added to an additional container after construction is a pod volume', () => {
    const stack = newStack();
    const sidecar = container(stack, 'Sidecar', { name: 'sidecar' });
    job(stack, { additionalContainers: [sidecar] });
    sidecar.addVolume(EksVolume.hostPath({ name: 'logs', hostPath: '/var/log', mountPath: '/logs' }));
    expect(pod(stack).Volumes).toEqual([{ Name: 'logs', HostPath: { Path: '/var/log' } }]);
  });
});

describe('EksJobDefinition pod settings', () => {
  test('image pull secrets, labels, annotations, namespace and shareProcessNamespace render', () => {
    const stack = newStack();
    const j = job(stack, {
      imagePullSecrets: ['registry'],
      labels: { 'team': 'ml', 'app.kubernetes.io/name': 'trainer' },
      annotations: { 'example.com/owner': 'Data Science' },
      kubernetesNamespace: 'batch-jobs',
      shareProcessNamespace: true,
    });
    j.addImagePullSecret('mirror');

    expect(pod(stack)).toEqual(expect.objectContaining({
      ImagePullSecrets: [{ Name: 'registry' }, { Name: 'mirror' }],
      Metadata: {
        Labels: { 'team': 'ml', 'app.kubernetes.io/name': 'trainer' },
        Annotations: { 'example.com/owner': 'Data Science' },
        Namespace: 'batch-jobs',
      },
      ShareProcessNamespace: true,
    }));
    expect(j.imagePullSecrets).toEqual(['registry', 'mirror']);
    expect(j.kubernetesNamespace).toBe('batch-jobs');
    expect(j.shareProcessNamespace).toBe(true);
  });

  test('empty label and annotation maps render nothing; shareProcessNamespace false renders', () => {
    const stack = newStack();
    job(stack, { labels: {}, annotations: {}, shareProcessNamespace: false });
    const p = pod(stack);
    expect(p).not.toHaveProperty('Metadata');
    expect(p.ShareProcessNamespace).toBe(false);
  });

  test('tokens render', () => {
    const stack = newStack();
    const value = new CfnParameter(stack, 'Value').valueAsString;
    job(stack, { labels: { team: value }, annotations: { note: value }, kubernetesNamespace: value, imagePullSecrets: [value] });
    const p = pod(stack);
    expect(p.Metadata).toEqual({ Labels: { team: { Ref: 'Value' } }, Annotations: { note: { Ref: 'Value' } }, Namespace: { Ref: 'Value' } });
    expect(p.ImagePullSecrets).toEqual([{ Name: { Ref: 'Value' } }]);
  });

  test('an image pull secret name no secret can have is warned about, not rejected', () => {
    const stack = newStack();
    job(stack, { imagePullSecrets: ['Registry_Creds'] });
    Annotations.fromStack(stack).hasWarning('/Stack/Job', Match.stringLikeRegexp(
      "imagePullSecrets\\[0\\] is not a DNS-1123 subdomain, so no Kubernetes secret can have it: the image is pulled without it, got 'Registry_Creds'"));
  });

  test('a valid image pull secret name is not warned about', () => {
    const stack = newStack();
    job(stack, { imagePullSecrets: ['registry.creds'] });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Job', Match.anyValue());
  });
});

describe('EksJobDefinition pod validation at construction', () => {
  const long = 'a'.repeat(64);
  test.each<[string, Partial<EksJobDefinitionProps>, RegExp]>([
    ['an empty image pull secret', { imagePullSecrets: ['ok', ''] }, /imagePullSecrets\[1\] must be the name of a Kubernetes secret, got ''/],
    ['a label key with two slashes', { labels: { 'a/b/c': 'x' } }, /labels keys must be qualified names \(at most one '\/'\), got 'a\/b\/c'/],
    ['a label key with a bad prefix', { labels: { 'Example.com/app': 'x' } }, /labels keys must be qualified names \(a prefix .* DNS-1123 subdomain.*\), got 'Example.com\/app'/],
    ['a label key ending in a dash', { labels: { 'app-': 'x' } }, /labels keys must be qualified names \(a name of 1 to 63 .*\), got 'app-'/],
    ['an empty label key', { labels: { '': 'x' } }, /labels keys must be qualified names/],
    ['a label key name over 63 characters', { labels: { [long]: 'x' } }, /labels keys must be qualified names/],
    ['a label value with a space', { labels: { team: 'data science' } }, /labels\['team'\] must be empty or 1 to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, got 'data science'/],
    ['a label value over 63 characters', { labels: { team: long } }, /labels\['team'\] must be empty or 1 to 63/],
    ['an annotation key with a space', { annotations: { 'my note': 'x' } }, /annotations keys must be qualified names .*, got 'my note'/],
    ['an annotation value over 255 characters', { annotations: { note: 'x'.repeat(256) } }, /annotations\['note'\] must be at most 255 characters, got 256 characters/],
    ['the default namespace', { kubernetesNamespace: 'default' }, /kubernetesNamespace must be a DNS-1123 label of 1 to 63 characters, not 'default' and not starting with 'kube', got 'default'/],
    ['a kube namespace', { kubernetesNamespace: 'kubeflow' }, /kubernetesNamespace must be .*, got 'kubeflow'/],
    ['a namespace with capitals', { kubernetesNamespace: 'Batch' }, /kubernetesNamespace must be .*, got 'Batch'/],
  ])('%s is rejected', (_title, props, pattern) => {
    expectValidationError(() => job(newStack(), props), new RegExp(`^EksJobDefinition 'Stack/Job': ${pattern.source}`));
  });

  test.each<[string, Partial<EksJobDefinitionProps>]>([
    ['labels with prefixes, dots, underscores and an empty value', { labels: { 'example.com/app_name': 'v1.2_x', 'tier': '' } }],
    ['annotation keys with upper-case prefixes and long values', { annotations: { 'Example.COM/Owner': 'x'.repeat(255) } }],
    ['a namespace starting with a digit', { kubernetesNamespace: '1-batch' }],
  ])('%s pass', (_title, props) => {
    expect(() => job(newStack(), props)).not.toThrow();
  });

  test('an empty image pull secret added later is rejected at once', () => {
    const stack = newStack();
    const j = job(stack);
    expectValidationError(() => j.addImagePullSecret(''), /^EksJobDefinition 'Stack\/Job': imagePullSecrets\[0\] must be the name of a Kubernetes secret, got ''$/);
  });
});

describe('EksJobDefinition pod validation at synthesis', () => {
  test('more than 10 containers fail, also when added later', () => {
    const stack = newStack();
    const j = job(stack);
    for (let i = 1; i <= 10; i++) {
      j.addContainer(container(stack, `C${i}`, { name: `c${i}` }));
    }
    expectSynthError(stack, /EksJobDefinition 'Stack\/Job': containers must hold at most 10 containers, got 11/);
  });

  test('10 containers and 10 init containers pass', () => {
    const stack = newStack();
    const j = job(stack);
    for (let i = 1; i < 10; i++) {
      j.addContainer(container(stack, `C${i}`, { name: `c${i}` }));
    }
    for (let i = 0; i < 10; i++) {
      j.addInitContainer(container(stack, `I${i}`, { name: `i${i}` }));
    }
    expect(pod(stack).Containers).toHaveLength(10);
    expect(pod(stack).InitContainers).toHaveLength(10);
  });

  test('more than 10 init containers fail', () => {
    const stack = newStack();
    const j = job(stack);
    for (let i = 0; i < 11; i++) {
      j.addInitContainer(container(stack, `I${i}`, { name: `i${i}` }));
    }
    expectSynthError(stack, /initContainers must hold at most 10 containers, got 11/);
  });

  test('a name shared by a container and an init container fails', () => {
    const stack = newStack();
    job(stack, { initContainers: [container(stack, 'Init', { name: 'main' })] });
    expectSynthError(stack, /EksJobDefinition 'Stack\/Job': initContainers\[0\]\.name must be unique among the containers and init containers of the pod, got 'main' which containers\[0\] already has/);
  });

  test('two unnamed containers fail: Batch names both Default', () => {
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', { container: container(stack, 'A'), additionalContainers: [container(stack, 'B')] });
    expectSynthError(stack, /containers\[1\]\.name must be set: containers\[0\] is unnamed too, and Batch names both 'Default', got no name/);
  });

  test('one unnamed container among named ones passes', () => {
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', { container: container(stack, 'A'), additionalContainers: [container(stack, 'B', { name: 'b' })] });
    expect(pod(stack).Containers).toHaveLength(2);
  });

  test('volumes of the same name defined differently in two containers fail', () => {
    const stack = newStack();
    const main = container(stack, 'A', { name: 'a', volumes: [EksVolume.emptyDir({ name: 'data', mountPath: '/a' })] });
    const other = container(stack, 'B', { name: 'b', volumes: [EksVolume.hostPath({ name: 'data', hostPath: '/data', mountPath: '/b' })] });
    new EksJobDefinition(stack, 'Job', { container: main, additionalContainers: [other] });
    expectSynthError(stack, /containers\[1\]\.volumes\[0\] must be defined as containers\[0\]\.volumes\[0\] is, as volumes of the same name are one pod volume, got another 'data' volume/);
  });

  test('volumes of the same name whose definitions are tokens pass', () => {
    const stack = newStack();
    const path = new CfnParameter(stack, 'Path').valueAsString;
    const main = container(stack, 'A', { name: 'a', volumes: [EksVolume.hostPath({ name: 'data', hostPath: path, mountPath: '/a' })] });
    const other = container(stack, 'B', { name: 'b', volumes: [EksVolume.hostPath({ name: 'data', hostPath: '/data', mountPath: '/b' })] });
    new EksJobDefinition(stack, 'Job', { container: main, additionalContainers: [other] });
    expect(pod(stack).Volumes).toEqual([{ Name: 'data', HostPath: { Path: { Ref: 'Path' } } }]);
  });
});

describe('EksJobDefinition persistent volume claims, sub-paths and privilege escalation', () => {
  test('a persistent volume claim renders through the mechanism, the single container with it', () => {
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', {
      container: container(stack, 'Main', {
        volumes: [EksVolume.persistentVolumeClaim({ name: 'data', claimName: 'training-data', readonlyClaim: true, mountPath: '/data' })],
      }),
    });
    const p = pod(stack);
    expect(p.Volumes).toEqual([{ Name: 'data', PersistentVolumeClaim: { ClaimName: 'training-data', ReadOnly: true } }]);
    expect(p.Containers).toHaveLength(1);
    expect(p.Containers[0].VolumeMounts).toEqual([{ Name: 'data', MountPath: '/data' }]);
  });

  test('sub-paths render on the mounts; two containers mount their own directories of one volume', () => {
    const stack = newStack();
    const claim = { name: 'shared', claimName: 'results' };
    new EksJobDefinition(stack, 'Job', {
      container: container(stack, 'A', { name: 'a', volumes: [EksVolume.persistentVolumeClaim({ ...claim, mountPath: '/out', subPath: 'a' })] }),
      additionalContainers: [container(stack, 'B', { name: 'b', volumes: [EksVolume.persistentVolumeClaim({ ...claim, mountPath: '/out', subPath: 'b/logs' })] })],
    });
    const p = pod(stack);
    expect(p.Volumes).toEqual([{ Name: 'shared', PersistentVolumeClaim: { ClaimName: 'results' } }]);
    expect(p.Containers[0].VolumeMounts).toEqual([{ Name: 'shared', MountPath: '/out', SubPath: 'a' }]);
    expect(p.Containers[1].VolumeMounts).toEqual([{ Name: 'shared', MountPath: '/out', SubPath: 'b/logs' }]);
  });

  test.each([true, false])('allowPrivilegeEscalation %s renders in the security context', (allow) => {
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', { container: container(stack, 'Main', { allowPrivilegeEscalation: allow }) });
    expect(pod(stack).Containers[0].SecurityContext).toEqual({ AllowPrivilegeEscalation: allow, RunAsNonRoot: true });
  });
});
