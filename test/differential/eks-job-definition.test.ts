import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ours from '../../lib';
import { BatchModule, bothTemplates, Scenario, upstream } from '../util/upstream';

/**
 * The same EKS job definitions built with this library and with the published upstream alpha
 * must render the same `AWS::Batch::JobDefinition`. Deliberate differences (DEVIATIONS.md,
 * "EKS job definitions") are shown by the tests at the end of this file.
 */
const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36');

function container(batch: BatchModule, stack: Stack, props: Partial<ours.EksContainerDefinitionProps> = {}): ours.EksContainerDefinition {
  return new batch.EksContainerDefinition(stack, 'Container', { image: IMAGE, cpuLimit: 1, memoryLimit: Size.gibibytes(2), ...props });
}

const scenarios: Record<string, Scenario> = {
  'minimal container': (batch, stack) => {
    new batch.EksJobDefinition(stack, 'JobDefinition', { container: container(batch, stack) });
  },
  'only reservations': (batch, stack) => {
    new batch.EksJobDefinition(stack, 'JobDefinition', {
      container: container(batch, stack, { cpuLimit: undefined, memoryLimit: undefined, cpuReservation: 0.25, memoryReservation: Size.mebibytes(512) }),
    });
  },
  'every container prop': (batch, stack) => {
    new batch.EksJobDefinition(stack, 'JobDefinition', {
      container: container(batch, stack, {
        args: ['--input', 'Ref::input'],
        command: ['/bin/sh', '-c'],
        env: { STAGE: 'prod', MODE: 'fast' },
        imagePullPolicy: batch.ImagePullPolicy.IF_NOT_PRESENT,
        name: 'worker',
        cpuLimit: 4,
        cpuReservation: 2.5,
        memoryLimit: Size.gibibytes(8),
        memoryReservation: Size.gibibytes(8),
        gpuLimit: 1,
        gpuReservation: 1,
        privileged: true,
        readonlyRootFilesystem: true,
        runAsGroup: 2000,
        runAsUser: 1000,
      }),
    });
  },
  'runAsRoot true': (batch, stack) => {
    new batch.EksJobDefinition(stack, 'JobDefinition', { container: container(batch, stack, { runAsRoot: true, runAsUser: 0 }) });
  },
  'runAsRoot false, privileged false, readonlyRootFilesystem false': (batch, stack) => {
    new batch.EksJobDefinition(stack, 'JobDefinition', {
      container: container(batch, stack, { runAsRoot: false, privileged: false, readonlyRootFilesystem: false }),
    });
  },
  'mounted volumes of every kind, one added later': (batch, stack) => {
    const c = container(batch, stack, {
      volumes: [
        batch.EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch', medium: batch.EmptyDirMediumType.MEMORY, sizeLimit: Size.gibibytes(1), readonly: false }),
        batch.EksVolume.emptyDir({ name: 'disk', mountPath: '/disk', medium: batch.EmptyDirMediumType.DISK }),
        batch.EksVolume.hostPath({ name: 'logs', hostPath: '/var/log', mountPath: '/logs', readonly: true }),
      ],
    });
    const job = new batch.EksJobDefinition(stack, 'JobDefinition', { container: c });
    job.container.addVolume(batch.EksVolume.secret({ name: 'creds', secretName: 'db-creds', optional: false, mountPath: '/creds' }));
    job.container.addVolume(batch.EksVolume.secret({ name: 'token', secretName: 'api-token', mountPath: '/token' }));
  },
  'every job definition prop': (batch, stack) => {
    const job = new batch.EksJobDefinition(stack, 'JobDefinition', {
      container: container(batch, stack),
      dnsPolicy: batch.DnsPolicy.CLUSTER_FIRST,
      serviceAccount: 'batch-jobs',
      useHostNetwork: false,
      jobDefinitionName: 'eks-job',
      parameters: { input: 's3://bucket/key' },
      retryAttempts: 5,
      retryStrategies: [batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.SPOT_INSTANCE_RECLAIMED)],
      schedulingPriority: 3,
      timeout: Duration.hours(1),
    });
    job.addRetryStrategy(batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.custom({ onExitCode: '1*', onReason: 'Oom*' })));
  },
  'host network with its DNS policy': (batch, stack) => {
    new batch.EksJobDefinition(stack, 'JobDefinition', {
      container: container(batch, stack),
      dnsPolicy: batch.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
      useHostNetwork: true,
    });
  },
  'default DNS policy': (batch, stack) => {
    new batch.EksJobDefinition(stack, 'JobDefinition', { container: container(batch, stack), dnsPolicy: batch.DnsPolicy.DEFAULT });
  },
};

function jobDefinitions(template: any): Record<string, any> {
  return Object.fromEntries(Object.entries(template.Resources ?? {}).filter(([, r]: [string, any]) => r.Type === 'AWS::Batch::JobDefinition'));
}

describe('EksJobDefinition matches upstream', () => {
  test.each(Object.entries(scenarios))('%s', (_name, scenario) => {
    const { ours: mine, upstream: theirs } = bothTemplates(scenario);
    expect(Object.keys(jobDefinitions(mine))).toEqual(['JobDefinition24FFE3ED']);
    expect(jobDefinitions(mine)).toEqual(jobDefinitions(theirs));
  });

  test('the volumes scenario renders every kind of volume and mount (so the comparison is not vacuous)', () => {
    const { ours: mine } = bothTemplates(scenarios['mounted volumes of every kind, one added later']);
    const pod = jobDefinitions(mine).JobDefinition24FFE3ED.Properties.EksProperties.PodProperties;
    expect(pod.Volumes.map((v: any) => Object.keys(v).sort().join('+'))).toEqual(['EmptyDir+Name', 'EmptyDir+Name', 'HostPath+Name', 'Name+Secret', 'Name+Secret']);
    expect(pod.Containers[0].VolumeMounts).toHaveLength(5);
  });
});

describe('EKS job definitions: where upstream differs (DEVIATIONS.md)', () => {
  function synth(build: (stack: Stack) => void): Stack {
    const stack = new Stack(new App(), 'Stack');
    build(stack);
    return stack;
  }

  test('an ECR image: upstream throws a TypeError, here the image URI is rendered', () => {
    const scenario = (batch: BatchModule) => (stack: Stack) => {
      const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'my-repo');
      container(batch, stack, { image: ecs.ContainerImage.fromEcrRepository(repository, 'v1') });
    };
    expect(() => synth(scenario(upstream))).toThrow(TypeError);
    const stack = synth((s) => {
      scenario(ours)(s);
      new ours.EksJobDefinition(s, 'JobDefinition', { container: s.node.findChild('Container') as ours.EksContainerDefinition });
    });
    const pod = jobDefinitions(Template.fromStack(stack).toJSON()).JobDefinition24FFE3ED.Properties.EksProperties.PodProperties;
    expect(JSON.stringify(pod.Containers[0].Image)).toContain('/my-repo:v1');
  });

  test('a volume without mountPath: upstream renders a volume mount without a path, here no mount', () => {
    const { ours: mine, upstream: theirs } = bothTemplates((batch, stack) => {
      new batch.EksJobDefinition(stack, 'JobDefinition', {
        container: container(batch, stack, { volumes: [batch.EksVolume.secret({ name: 'creds', secretName: 'db-creds' })] }),
      });
    });
    const podOf = (t: any) => jobDefinitions(t).JobDefinition24FFE3ED.Properties.EksProperties.PodProperties;
    expect(podOf(theirs).Containers[0].VolumeMounts).toEqual([{ Name: 'creds' }]);
    expect(podOf(mine).Containers[0].VolumeMounts).toBeUndefined();
    expect(podOf(mine).Volumes).toEqual(podOf(theirs).Volumes);
  });

  test('jobDefinitionName: upstream gives the Ref (the ARN), here the name split from it', () => {
    const names: Record<string, unknown> = {};
    for (const [which, batch] of [['ours', ours], ['upstream', upstream]] as const) {
      const stack = new Stack(new App(), 'Stack');
      const job = new batch.EksJobDefinition(stack, 'JobDefinition', { container: container(batch, stack) });
      names[which] = stack.resolve(job.jobDefinitionName);
    }
    expect(names.upstream).toEqual({ Ref: 'JobDefinition24FFE3ED' });
    expect(JSON.stringify(names.ours)).toContain('Fn::Split');
  });

  test('fromEksJobDefinitionArn(): upstream keeps the revision in the name, here it is dropped', () => {
    const arn = 'arn:aws:batch:us-east-1:123456789012:job-definition/my-job:4';
    const name = (batch: BatchModule) => batch.EksJobDefinition.fromEksJobDefinitionArn(new Stack(new App(), 'Stack'), 'Imported', arn).jobDefinitionName;
    expect(name(upstream)).toBe('my-job:4');
    expect(name(ours)).toBe('my-job');
  });
});
