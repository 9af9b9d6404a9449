import { CfnParameter, Duration, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  ConsumableResource,
  DnsPolicy, EmptyDirMediumType, EksContainerDefinition, EksContainerDefinitionProps, EksNodeRange, EksVolume, JobQueue, MultiNodeEksJobDefinition, MultiNodeEksJobDefinitionProps,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { EVERY_CONTAINER_SETTING, EVERY_CONTAINER_SETTING_RENDERED } from './util/eks-container-settings';

let counter = 0;
function container(stack: Stack, props: Partial<EksContainerDefinitionProps> = {}): EksContainerDefinition {
  return new EksContainerDefinition(stack, `Container${counter++}`, {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36'),
    cpuReservation: 1,
    memoryLimit: Size.gibibytes(1),
    ...props,
  });
}

function range(stack: Stack, startNode: number, endNode?: number, more: Partial<EksNodeRange> = {}): EksNodeRange {
  return { startNode, endNode, container: container(stack, { name: 'main' }), ...more };
}

function jobDefinition(stack: Stack, props: MultiNodeEksJobDefinitionProps): MultiNodeEksJobDefinition {
  return new MultiNodeEksJobDefinition(stack, 'JobDefinition', props);
}

function onlyJobDefinition(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0].Properties;
}

describe('MultiNodeEksJobDefinition rendering', () => {
  test('one range: a multinode job whose nodes run an EKS pod', () => {
    const stack = newStack();
    jobDefinition(stack, { nodeRanges: [range(stack, 0, 3)] });

    expect(onlyJobDefinition(stack)).toEqual({
      Type: 'multinode',
      RetryStrategy: {},
      Timeout: {},
      NodeProperties: {
        MainNode: 0,
        NumNodes: 4,
        NodeRangeProperties: [{
          TargetNodes: '0:3',
          EksProperties: {
            PodProperties: {
              Containers: [{
                Image: 'public.ecr.aws/docker/library/busybox:1.36',
                Name: 'main',
                Env: [],
                Resources: { Limits: { memory: '1024Mi' }, Requests: { cpu: 1 } },
                SecurityContext: { RunAsNonRoot: true },
              }],
            },
          },
        }],
      },
    });
  });

  test('several ranges, each its own pod; instance type, main node and common props', () => {
    // GIVEN
    const stack = newStack();
    const worker = container(stack, { name: 'worker', volumes: [EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch' })] });

    // WHEN
    const job = jobDefinition(stack, {
      nodeRanges: [range(stack, 0, 0, { serviceAccount: 'trainer', labels: { role: 'main' } })],
      mainNode: 0,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE),
      retryAttempts: 2,
      timeout: Duration.hours(1),
    });
    job.addNodeRange({
      startNode: 1, endNode: 4, container: worker,
      initContainers: [container(stack, { name: 'fetch' })], useHostNetwork: false, dnsPolicy: DnsPolicy.CLUSTER_FIRST, shareProcessNamespace: true,
    });

    // THEN
    const props = onlyJobDefinition(stack);
    expect(props.RetryStrategy).toEqual({ Attempts: 2 });
    expect(props.Timeout).toEqual({ AttemptDurationSeconds: 3600 });
    expect(props.NodeProperties.NumNodes).toBe(5);
    const [main, workers] = props.NodeProperties.NodeRangeProperties;
    expect(main.TargetNodes).toBe('0:0');
    expect(main.InstanceTypes).toEqual(['c5.xlarge']);
    expect(main.EksProperties.PodProperties).toEqual(expect.objectContaining({ ServiceAccountName: 'trainer', Metadata: { Labels: { role: 'main' } } }));
    expect(workers.TargetNodes).toBe('1:4');
    expect(workers.InstanceTypes).toEqual(['c5.xlarge']);
    expect(workers.EksProperties.PodProperties).toEqual(expect.objectContaining({
      HostNetwork: false,
      DnsPolicy: 'ClusterFirst',
      ShareProcessNamespace: true,
      Volumes: [{ Name: 'scratch', EmptyDir: {} }],
    }));
    expect(workers.EksProperties.PodProperties.Containers[0].VolumeMounts).toEqual([{ Name: 'scratch', MountPath: '/scratch' }]);
    expect(workers.EksProperties.PodProperties.InitContainers.map((c: any) => c.Name)).toEqual(['fetch']);
    expect(props).not.toHaveProperty('PlatformCapabilities');
    expect(props).not.toHaveProperty('PropagateTags');
  });

  test('a range renders every setting of its containers and init containers, and its emptyDir and claim volumes', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    jobDefinition(stack, {
      nodeRanges: [{
        startNode: 0,
        endNode: 3,
        container: container(stack, {
          name: 'main',
          ...EVERY_CONTAINER_SETTING,
          volumes: [
            EksVolume.emptyDir({ name: 'shm', mountPath: '/dev/shm', medium: EmptyDirMediumType.MEMORY, sizeLimit: Size.mebibytes(512) }),
            EksVolume.persistentVolumeClaim({ name: 'data', mountPath: '/data', claimName: 'training-data', readonlyClaim: true }),
          ],
        }),
        initContainers: [container(stack, { name: 'warmup', command: ['prefetch'], ...EVERY_CONTAINER_SETTING })],
      }],
    });

    // THEN
    const pod = onlyJobDefinition(stack).NodeProperties.NodeRangeProperties[0].EksProperties.PodProperties;
    expect(pod.Containers).toEqual([expect.objectContaining({ Name: 'main', ...EVERY_CONTAINER_SETTING_RENDERED })]);
    expect(pod.InitContainers).toEqual([expect.objectContaining({ Name: 'warmup', Command: ['prefetch'], ...EVERY_CONTAINER_SETTING_RENDERED })]);
    expect(pod.Volumes).toEqual([
      { Name: 'shm', EmptyDir: { Medium: 'Memory', SizeLimit: '512Mi' } },
      { Name: 'data', PersistentVolumeClaim: { ClaimName: 'training-data', ReadOnly: true } },
    ]);
  });

  test('a range without an end renders start: and numNodes as given', () => {
    const stack = newStack();
    jobDefinition(stack, { nodeRanges: [range(stack, 0, 0), range(stack, 1)], numNodes: 8 });
    const nodeProperties = onlyJobDefinition(stack).NodeProperties;
    expect(nodeProperties.NumNodes).toBe(8);
    expect(nodeProperties.NodeRangeProperties.map((r: any) => r.TargetNodes)).toEqual(['0:0', '1:']);
  });

  test('a node range uses consumable resources of its own, beside those of the job definition', () => {
    const stack = newStack();
    const licenses = new ConsumableResource(stack, 'Licenses', { totalQuantity: 8 });
    const job = jobDefinition(stack, {
      nodeRanges: [range(stack, 0, 0), range(stack, 1, 3, { consumableResources: [{ consumableResource: licenses, quantity: 2 }] })],
      consumableResources: [{ consumableResource: licenses, quantity: 1 }],
    });
    const props = onlyJobDefinition(stack);
    const licensesArn = stack.resolve(licenses.consumableResourceArn);
    expect(props.ConsumableResourceProperties).toEqual({ ConsumableResourceList: [{ ConsumableResource: licensesArn, Quantity: 1 }] });
    expect(props.NodeProperties.NodeRangeProperties[0]).not.toHaveProperty('ConsumableResourceProperties');
    expect(props.NodeProperties.NodeRangeProperties[1].ConsumableResourceProperties).toEqual({
      ConsumableResourceList: [{ ConsumableResource: licensesArn, Quantity: 2 }],
    });
    expect(job.nodeRanges[1].consumableResources).toHaveLength(1);
  });

  test('a node range asking for more than the total quantity fails synthesis', () => {
    const stack = newStack();
    const licenses = new ConsumableResource(stack, 'Licenses', { totalQuantity: 8 });
    jobDefinition(stack, { nodeRanges: [range(stack, 0, 1, { consumableResources: [{ consumableResource: licenses, quantity: 9 }] })] });
    expectSynthError(stack, /nodeRanges\[0\]\.consumableResources\[0\]\.quantity must be at most the total quantity of consumable resource 'Stack\/Licenses', 8, got 9/);
  });

  test('nested ranges pass: the inner range overrides the outer one', () => {
    const stack = newStack();
    jobDefinition(stack, { nodeRanges: [range(stack, 0, 9), range(stack, 4, 5)] });
    expect(onlyJobDefinition(stack).NodeProperties.NumNodes).toBe(10);
    Annotations.fromStack(stack).hasNoWarning('/Stack/JobDefinition', Match.anyValue());
  });

  test('token node indexes and numNodes render', () => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    jobDefinition(stack, { nodeRanges: [range(stack, 0, 0), range(stack, 1)], numNodes: n, mainNode: n });
    const nodeProperties = onlyJobDefinition(stack).NodeProperties;
    expect(nodeProperties.NumNodes).toEqual({ Ref: 'N' });
    expect(nodeProperties.MainNode).toEqual({ Ref: 'N' });
  });

  test('exposes its props; nodeRanges is a copy', () => {
    const stack = newStack();
    const instanceType = new ec2.InstanceType('p4d.24xlarge');
    const job = jobDefinition(stack, { nodeRanges: [range(stack, 0, 1)], mainNode: 1, numNodes: 2, instanceType });
    expect(job.mainNode).toBe(1);
    expect(job.numNodes).toBe(2);
    expect(job.instanceType).toBe(instanceType);
    job.nodeRanges.push(range(stack, 2, 3));
    expect(job.nodeRanges).toHaveLength(1);
  });

  test('props are optional; ranges added later render', () => {
    const stack = newStack();
    const job = new MultiNodeEksJobDefinition(stack, 'JobDefinition');
    job.addNodeRange(range(stack, 0, 1));
    expect(onlyJobDefinition(stack).NodeProperties.NodeRangeProperties).toHaveLength(1);
  });

  test('fromJobDefinitionArn() drops the revision from the name', () => {
    const stack = newStack();
    const imported = MultiNodeEksJobDefinition.fromJobDefinitionArn(stack, 'Imported', 'arn:aws:batch:us-east-1:123456789012:job-definition/gang:4');
    expect(imported.jobDefinitionName).toBe('gang');
  });

  test('grantSubmitJob() allows batch:SubmitJob on the job definition and the queue', () => {
    const stack = newStack();
    const job = jobDefinition(stack, { nodeRanges: [range(stack, 0, 1)] });
    const queue = JobQueue.fromJobQueueArn(stack, 'Queue', 'arn:aws:batch:us-east-1:123456789012:job-queue/q');
    const role = new iam.Role(stack, 'Submitter', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    job.grantSubmitJob(role, queue);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'batch:SubmitJob', Effect: 'Allow', Resource: [{ Ref: 'JobDefinition24FFE3ED' }, 'arn:aws:batch:us-east-1:123456789012:job-queue/q'] }] },
    });
  });
});

describe('MultiNodeEksJobDefinition validation', () => {
  test.each<[string, (stack: Stack) => MultiNodeEksJobDefinitionProps, RegExp]>([
    ['no ranges', () => ({}), /nodeRanges must hold at least one node range, got none/],
    ['six ranges', (s) => ({ nodeRanges: [0, 1, 2, 3, 4, 5].map((i) => range(s, i, i)) }), /nodeRanges must hold at most 5 node ranges \(node groups\), got 6/],
    ['a gap', (s) => ({ nodeRanges: [range(s, 0, 1), range(s, 4, 5)] }), /nodeRanges must cover every node from 0 to 5, got no range for nodes 2 to 3/],
    ['no range for node 0', (s) => ({ nodeRanges: [range(s, 1, 3)] }), /nodeRanges must cover every node from 0 to 3, got no range for node 0/],
    ['numNodes beyond the ranges', (s) => ({ nodeRanges: [range(s, 0, 1)], numNodes: 4 }), /nodeRanges must cover every node from 0 to 3, got no range for nodes 2 to 3/],
    ['an end before the start', (s) => ({ nodeRanges: [range(s, 0, 1), range(s, 3, 2)] }), /nodeRanges\[1\]\.endNode must be at least its startNode \(3\), got 2/],
    ['a negative start', (s) => ({ nodeRanges: [range(s, -1, 1)] }), /nodeRanges\[0\]\.startNode must be a whole number at least 0, got -1/],
    ['a fractional end', (s) => ({ nodeRanges: [range(s, 0, 1.5)] }), /nodeRanges\[0\]\.endNode must be a whole number at least 0, got 1.5/],
    ['an open range without numNodes', (s) => ({ nodeRanges: [range(s, 0)] }), /numNodes must be set when a node range has no endNode \(nodeRanges\[0\] reaches the highest node\), got none/],
    ['an open range starting at numNodes', (s) => ({ nodeRanges: [range(s, 0, 1), range(s, 2)], numNodes: 2 }), /nodeRanges\[1\]\.startNode must be below numNodes \(2\) for a range without an endNode, got 2/],
    ['numNodes 0', (s) => ({ nodeRanges: [range(s, 0)], numNodes: 0 }), /numNodes must be a whole number at least 1, got 0/],
    ['a main node beyond the nodes', (s) => ({ nodeRanges: [range(s, 0, 3)], mainNode: 4 }), /mainNode must be one of the nodes, 0 to 3, got 4/],
    ['a negative main node', (s) => ({ nodeRanges: [range(s, 0, 3)], mainNode: -1 }), /mainNode must be a whole number at least 0, got -1/],
    ['two namespaces', (s) => ({ nodeRanges: [range(s, 0, 0, { kubernetesNamespace: 'a' }), range(s, 1, 1, { kubernetesNamespace: 'b' })] }),
      /nodeRanges\[1\]\.kubernetesNamespace must be the same in every node range \('a' in nodeRanges\[0\]\), got 'b'/],
    ['a namespace in one range only', (s) => ({ nodeRanges: [range(s, 0, 0), range(s, 1, 1, { kubernetesNamespace: 'b' })] }),
      /nodeRanges\[1\]\.kubernetesNamespace must be the same in every node range \(undefined in nodeRanges\[0\]\), got 'b'/],
    ['eleven containers in a range', (s) => ({ nodeRanges: [range(s, 0, 0, { additionalContainers: [...Array(10).keys()].map((i) => container(s, { name: `c${i}` })) })] }),
      /nodeRanges\[0\]\.containers must hold at most 10 containers, got 11/],
    ['a container name used twice in a range', (s) => ({ nodeRanges: [range(s, 0, 0, { initContainers: [container(s, { name: 'main' })] })] }),
      /nodeRanges\[0\]\.initContainers\[0\]\.name must be unique among the containers and init containers of the pod, got 'main' which nodeRanges\[0\]\.containers\[0\] already has/],
    ['eleven distinct images in a range', (s) => ({ nodeRanges: [range(s, 0, 0, { initContainers: [...Array(10).keys()].map((i) => container(s, { name: `i${i}`, image: ecs.ContainerImage.fromRegistry(`image-${i}`) })) })] }),
      /nodeRanges\[0\] must use at most 10 distinct container images, got 11/],
  ])('%s fails synthesis', (_title, props, pattern) => {
    const stack = newStack();
    jobDefinition(stack, props(stack));
    expectSynthError(stack, new RegExp(`MultiNodeEksJobDefinition 'Stack/JobDefinition': ${pattern.source}`));
  });

  test('a range added later is checked at synthesis', () => {
    const stack = newStack();
    const job = jobDefinition(stack, { nodeRanges: [range(stack, 0, 1)] });
    job.addNodeRange(range(stack, 3, 4));
    expectSynthError(stack, /got no range for node 2/);
  });

  test.each<[string, Partial<EksNodeRange>, RegExp]>([
    ['a service account with capitals', { serviceAccount: 'Trainer' }, /nodeRanges\[0\]\.serviceAccount must be a DNS-1123 subdomain/],
    ['a bad label', { labels: { 'bad key': 'x' } }, /nodeRanges\[0\]\.labels keys must be qualified names/],
    ['an empty image pull secret', { imagePullSecrets: [''] }, /nodeRanges\[0\]\.imagePullSecrets\[0\] must be the name of a Kubernetes secret, got ''/],
    ['the default namespace', { kubernetesNamespace: 'default' }, /nodeRanges\[0\]\.kubernetesNamespace must be a DNS-1123 label/],
  ])('a range with %s is rejected when added', (_title, more, pattern) => {
    const stack = newStack();
    const job = jobDefinition(stack, {});
    expectValidationError(() => job.addNodeRange(range(stack, 0, 1, more)), new RegExp(`^MultiNodeEksJobDefinition 'Stack/JobDefinition': ${pattern.source}`));
    expectValidationError(() => jobDefinition(newStack(), { nodeRanges: [range(stack, 0, 1, more)] }), pattern);
  });

  test('token node indexes skip the coverage checks', () => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    jobDefinition(stack, { nodeRanges: [range(stack, 0, n), range(stack, 7, 9)], numNodes: 10 });
    expect(onlyJobDefinition(stack).NodeProperties.NodeRangeProperties[0].TargetNodes).toEqual({ 'Fn::Join': ['', ['0:', { Ref: 'N' }]] });
  });

  test('a token endNode without numNodes fails synthesis, naming the range', () => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    jobDefinition(stack, { nodeRanges: [range(stack, 0, n)] });
    expectSynthError(stack, /numNodes must be set when an endNode is a token \(nodeRanges\[0\]: the number of nodes cannot be derived from it\), got none/);
  });
});

describe('MultiNodeEksJobDefinition warnings', () => {
  test.each<[string, (stack: Stack) => MultiNodeEksJobDefinitionProps, RegExp]>([
    ['ranges that overlap without nesting', (s) => ({ nodeRanges: [range(s, 0, 5), range(s, 3, 8)] }),
      /nodeRanges\[0\] and nodeRanges\[1\] overlap without one holding the other: Batch documents nested node ranges only, got 0:5 and 3:8/],
    ['a range beyond numNodes', (s) => ({ nodeRanges: [range(s, 0, 5)], numNodes: 4 }),
      /nodeRanges\[0\] reaches beyond the last node \(3\): nodes 4 to 5 never run, got 0:5/],
    ['more than 1000 nodes', (s) => ({ nodeRanges: [range(s, 0, 1000)] }),
      /numNodes is above 1000, the default limit of nodes per multi-node job \(it can be raised\), got 1001/],
  ])('%s is warned about', (_title, props, pattern) => {
    const stack = newStack();
    jobDefinition(stack, props(stack));
    Annotations.fromStack(stack).hasWarning('/Stack/JobDefinition', Match.stringLikeRegexp(pattern.source));
  });
});
