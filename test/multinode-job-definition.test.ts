import { CfnElement, CfnParameter, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  DevicePermission, EcsEc2ContainerDefinition, EcsEc2TaskDefinition, EcsFargateContainerDefinition, EcsFargateTaskDefinition,
  EcsManagedInstancesTaskDefinition, EcsVolume, JobQueue,
  LinuxParameters, MultiNodeContainer, MultiNodeJobDefinition, MultiNodeJobDefinitionProps, MultiNodeRange, Secret, TmpfsMountOption,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';

const instanceType = ec2.InstanceType.of(ec2.InstanceClass.R4, ec2.InstanceSize.LARGE);
const image = ecs.ContainerImage.fromRegistry('mpi');

let containerCount = 0;
function container(stack: Stack): EcsEc2ContainerDefinition {
  return new EcsEc2ContainerDefinition(stack, `Container${containerCount++}`, { image, cpu: 1, memory: Size.mebibytes(1024) });
}

function range(stack: Stack, startNode: number, endNode: number): MultiNodeContainer {
  return { container: container(stack), startNode, endNode };
}

function jobWith(stack: Stack, props: Partial<MultiNodeJobDefinitionProps> = {}): MultiNodeJobDefinition {
  return new MultiNodeJobDefinition(stack, 'JobDefinition', { instanceType, ...props });
}

function nodeProperties(stack: Stack): any {
  const jobs = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  return Object.values(jobs)[0].Properties.NodeProperties;
}

describe('MultiNodeJobDefinition', () => {
  test('renders a multinode job on EC2, main node 0 by default', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const job = jobWith(stack, { containers: [range(stack, 0, 3)] });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', {
      Type: 'multinode',
      PlatformCapabilities: ['EC2'],
      RetryStrategy: {},
      Timeout: {},
    });
    const nodes = nodeProperties(stack);
    expect(nodes.MainNode).toBe(0);
    expect(nodes.NumNodes).toBe(4);
    expect(nodes.NodeRangeProperties).toHaveLength(1);
    expect(nodes.NodeRangeProperties[0].TargetNodes).toBe('0:3');
    expect(nodes.NodeRangeProperties[0].Container).toMatchObject({ Image: 'mpi', InstanceType: 'r4.large', Environment: [] });
    expect(job.mainNode).toBeUndefined();
    expect(job.instanceType).toBe(instanceType);
  });

  test('addContainer() after construction renders, and containers is a copy', () => {
    // GIVEN
    const stack = newStack();
    const job = jobWith(stack, { containers: [range(stack, 0, 5)], mainNode: 7, propagateTags: true });

    // WHEN
    job.addContainer(range(stack, 6, 10));
    job.containers.push(range(stack, 11, 11));

    // THEN
    const nodes = nodeProperties(stack);
    expect(nodes.NodeRangeProperties.map((r: any) => r.TargetNodes)).toEqual(['0:5', '6:10']);
    expect(nodes.NumNodes).toBe(11);
    expect(nodes.MainNode).toBe(7);
    expect(job.containers).toHaveLength(2);
    expect(job.propagateTags).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', { PropagateTags: true });
  });

  test('ranges may be given in any order', () => {
    const stack = newStack();
    jobWith(stack, { containers: [range(stack, 2, 4), range(stack, 0, 1)] });
    expect(nodeProperties(stack).NumNodes).toBe(5);
  });

  test('secrets of containers added later are readable by their execution role', () => {
    // GIVEN
    const stack = newStack();
    const job = jobWith(stack);
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const executionRole = new iam.Role(stack, 'Exec', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

    // WHEN
    job.addContainer({
      startNode: 0,
      endNode: 1,
      container: new EcsEc2ContainerDefinition(stack, 'WithSecret', {
        image, cpu: 1, memory: Size.mebibytes(512), executionRole, secrets: { TOKEN: Secret.fromSecretsManager(secret) },
      }),
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: { Ref: stack.getLogicalId(secret.node.defaultChild as CfnElement) } }] },
      Roles: [{ Ref: stack.getLogicalId(executionRole.node.defaultChild as CfnElement) }],
    });
  });

  test('the name is split from the ARN, not the ARN itself', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const job = jobWith(stack, { containers: [range(stack, 0, 0)] });

    // THEN
    const logicalId = stack.getLogicalId(job.node.defaultChild as CfnElement);
    expect(stack.resolve(job.jobDefinitionArn)).toEqual({ Ref: logicalId });
    expect(stack.resolve(job.jobDefinitionName)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: logicalId }] }] }] }],
    });
  });

  test.each([
    ['arn:aws:batch:us-east-1:123456789012:job-definition/mpi:7', 'mpi'],
    ['arn:aws:batch:us-east-1:123456789012:job-definition/mpi', 'mpi'],
  ])('fromJobDefinitionArn(%s) is named %s', (arn, name) => {
    const imported = MultiNodeJobDefinition.fromJobDefinitionArn(newStack(), 'Imported', arn);
    expect(imported.jobDefinitionName).toBe(name);
    expect(imported.jobDefinitionArn).toBe(arn);
  });

  describe('validation', () => {
    test.each([
      ['no container', () => [], /MultiNodeJobDefinition 'Stack\/JobDefinition': containers must hold at least one container or range, got none/, undefined],
      ['a gap', (s: Stack) => [range(s, 0, 2), range(s, 4, 5)], /containers must cover every node from 0 to 5, got no range for node 3/, undefined],
      ['a wider gap', (s: Stack) => [range(s, 0, 0), range(s, 4, 5)], /got no range for nodes 1 to 3/, undefined],
      ['ranges not starting at 0', (s: Stack) => [range(s, 1, 5)], /got no range for node 0/, undefined],
      ['an end before the start', (s: Stack) => [range(s, 3, 2)], /containers\[0\]\.endNode must be at least its startNode \(3\), got 2/, undefined],
      ['a negative start', (s: Stack) => [range(s, -1, 2)], /containers\[0\]\.startNode must be a whole number at least 0, got -1/, undefined],
      ['a fractional end', (s: Stack) => [range(s, 0, 2.5)], /containers\[0\]\.endNode must be a whole number at least 0, got 2.5/, undefined],
      ['a main node outside the ranges', (s: Stack) => [range(s, 0, 3)], /mainNode must be one of the nodes, 0 to 3, got 4/, 4],
      ['a Fargate container', (s: Stack) => [{
        startNode: 0,
        endNode: 1,
        container: new EcsFargateContainerDefinition(s, 'Fargate', { image, cpu: 1, memory: Size.gibibytes(2) }),
      }], /containers\[0\]\.container must be an EC2 container, as multi-node jobs do not run on Fargate/, undefined],
    ])('%s fails synthesis', (_name, containers, message, mainNode) => {
      const stack = newStack();
      jobWith(stack, { containers: containers(stack), mainNode });
      expectSynthError(stack, message);
    });

    test('five node ranges pass; a sixth, added later, fails synthesis (Batch takes up to five node groups)', () => {
      // GIVEN
      const five = newStack();
      jobWith(five, { containers: [0, 1, 2, 3, 4].map((n) => range(five, n, n)) });
      expect(nodeProperties(five).NodeRangeProperties).toHaveLength(5);
      const stack = newStack();
      const job = jobWith(stack, { containers: [0, 1, 2, 3, 4].map((n) => range(stack, n, n)) });

      // WHEN
      job.addContainer(range(stack, 5, 9));

      // THEN
      expectSynthError(stack, /MultiNodeJobDefinition 'Stack\/JobDefinition': containers must hold at most 5 node ranges \(node groups\), got 6$/m);
    });

    test('a container added later can fill a gap', () => {
      const stack = newStack();
      const job = jobWith(stack, { containers: [range(stack, 0, 1), range(stack, 4, 4)] });
      job.addContainer(range(stack, 2, 3));
      expect(nodeProperties(stack).NumNodes).toBe(5);
    });

    test.each([-1, 1.5])('mainNode %d is rejected at construction', (mainNode) => {
      expectValidationError(() => jobWith(newStack(), { mainNode }), /mainNode must be a whole number at least 0, got/);
    });

    test('token node indexes pass with numNodes', () => {
      const stack = newStack();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      jobWith(stack, { containers: [{ container: container(stack), startNode: 0, endNode: n }], mainNode: n, numNodes: 8 });
      expect(nodeProperties(stack).MainNode).toEqual({ Ref: 'N' });
      expect(nodeProperties(stack).NodeRangeProperties[0].TargetNodes).toEqual({ 'Fn::Join': ['', ['0:', { Ref: 'N' }]] });
      expect(nodeProperties(stack).NumNodes).toBe(8);
    });

    test('a token endNode without numNodes fails synthesis: the number of nodes cannot be derived from it', () => {
      const stack = newStack();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      jobWith(stack, { containers: [{ container: container(stack), startNode: 0, endNode: n }] });
      expectSynthError(stack, /numNodes must be set when an endNode is a token \(containers\[0\]: the number of nodes cannot be derived from it\), got none/);
    });

    test('a range may hold another: nested ranges pass, and the number of nodes is the highest node plus one', () => {
      const stack = newStack();
      jobWith(stack, { containers: [range(stack, 0, 7), range(stack, 4, 5)] });
      expect(nodeProperties(stack).NodeRangeProperties.map((r: any) => r.TargetNodes)).toEqual(['0:7', '4:5']);
      expect(nodeProperties(stack).NumNodes).toBe(8);
      expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('nodeRanges'))).toEqual([]);
    });

    test('ranges that overlap without one holding the other warn, and do not fail', () => {
      const stack = newStack();
      jobWith(stack, { containers: [range(stack, 0, 5), range(stack, 5, 10)] });
      Annotations.fromStack(stack).hasWarning('/Stack/JobDefinition', Match.stringLikeRegexp(
        'containers\\[0\\] and containers\\[1\\] overlap without one holding the other: Batch documents nested node ranges only, got 0:5 and 5:10'));
    });
  });

  describe('ranges', () => {
    let taskCount = 0;
    function task(stack: Stack): EcsEc2TaskDefinition {
      return new EcsEc2TaskDefinition(stack, `Task${taskCount++}`, {
        containers: [
          { name: 'worker', image, cpu: 1, memory: Size.mebibytes(1024) },
          { name: 'metrics', image: ecs.ContainerImage.fromRegistry('agent'), cpu: 1, memory: Size.mebibytes(256), essential: false },
        ],
      });
    }

    test('existing templates are unchanged: no InstanceTypes or EcsProperties for container ranges', () => {
      const stack = newStack();
      jobWith(stack, { containers: [range(stack, 0, 0), range(stack, 1, 3)] });
      const nodes = nodeProperties(stack);
      for (const r of nodes.NodeRangeProperties) {
        expect(Object.keys(r).sort()).toEqual(['Container', 'TargetNodes']);
      }
    });

    test('an open-ended range renders N: and counts one node; numNodes can be given', () => {
      // GIVEN
      const stack = newStack();
      const job = jobWith(stack, { containers: [range(stack, 0, 0)] });

      // WHEN
      job.addRange({ startNode: 1, container: container(stack) });

      // THEN
      const nodes = nodeProperties(stack);
      expect(nodes.NodeRangeProperties.map((r: any) => r.TargetNodes)).toEqual(['0:0', '1:']);
      expect(nodes.NumNodes).toBe(2);
      expect(job.ranges).toHaveLength(1);
      expect(job.containers).toHaveLength(1);

      const other = newStack();
      jobWith(other, { numNodes: 16, containers: [range(other, 0, 0)], ranges: [{ startNode: 1, container: container(other) }] });
      expect(nodeProperties(other).NumNodes).toBe(16);
    });

    test('a task range renders EcsProperties and the job instance type as InstanceTypes', () => {
      const stack = newStack();
      const workers = task(stack);
      jobWith(stack, { containers: [range(stack, 0, 0)], ranges: [{ startNode: 1, endNode: 7, task: workers }] });

      const [main, rest] = nodeProperties(stack).NodeRangeProperties;
      expect(main.InstanceTypes).toBeUndefined();
      expect(rest).toEqual({
        TargetNodes: '1:7',
        InstanceTypes: ['r4.large'],
        EcsProperties: {
          TaskProperties: [{
            Containers: [
              expect.objectContaining({ Name: 'worker', Image: 'mpi' }),
              expect.objectContaining({ Name: 'metrics', Image: 'agent', Essential: false }),
            ],
            ExecutionRoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^Task\d+ExecutionRole/), 'Arn'] },
          }],
        },
      });
    });

    test('ranges on different instance types warn; the same type does not', () => {
      const stack = newStack();
      const c7 = ec2.InstanceType.of(ec2.InstanceClass.C7G, ec2.InstanceSize.XLARGE);
      jobWith(stack, { containers: [range(stack, 0, 0)], ranges: [{ startNode: 1, task: task(stack), instanceTypes: [c7] }] });
      Annotations.fromStack(stack).hasWarning('/Stack/JobDefinition',
        Match.stringLikeRegexp('node ranges run on different instance types \\(c7g.xlarge; r4.large\\).*nodeRangeInstanceTypes'));

      const same = newStack();
      jobWith(same, { containers: [range(same, 0, 0)], ranges: [{ startNode: 1, task: task(same), instanceTypes: [instanceType] }] });
      Annotations.fromStack(same).hasNoWarning('/Stack/JobDefinition', Match.anyValue());
    });

    test('a range instance type takes the place of the job one, for containers too', () => {
      const stack = newStack();
      const c7 = ec2.InstanceType.of(ec2.InstanceClass.C7G, ec2.InstanceSize.XLARGE);
      jobWith(stack, {
        ranges: [
          { startNode: 0, endNode: 0, container: container(stack), instanceTypes: [c7] },
          { startNode: 1, task: task(stack), instanceTypes: [c7] },
        ],
      });

      const [main, workers] = nodeProperties(stack).NodeRangeProperties;
      expect(main.InstanceTypes).toEqual(['c7g.xlarge']);
      expect(main.Container.InstanceType).toBeUndefined();
      expect(workers.InstanceTypes).toEqual(['c7g.xlarge']);
    });

    test('a container range renders its log driver secret and registry credentials', () => {
      // GIVEN
      const stack = newStack();
      const token = new secretsmanager.Secret(stack, 'SplunkToken');
      const credentials = new secretsmanager.Secret(stack, 'Credentials');

      // WHEN
      jobWith(stack, {
        containers: [{
          startNode: 0,
          endNode: 1,
          container: new EcsEc2ContainerDefinition(stack, 'Main', {
            image: ecs.ContainerImage.fromRegistry('private.example.com/mpi', { credentials }),
            cpu: 1,
            memory: Size.mebibytes(1024),
            logging: ecs.LogDrivers.splunk({ url: 'https://splunk.example.com:8088', secretToken: ecs.Secret.fromSecretsManager(token) }),
          }),
        }],
      });

      // THEN
      expect(nodeProperties(stack).NodeRangeProperties[0].Container).toMatchObject({
        Image: 'private.example.com/mpi',
        RepositoryCredentials: { CredentialsParameter: { Ref: stack.getLogicalId(credentials.node.defaultChild as CfnElement) } },
        LogConfiguration: { LogDriver: 'splunk', SecretOptions: [{ Name: 'splunk-token', ValueFrom: { Ref: stack.getLogicalId(token.node.defaultChild as CfnElement) } }] },
      });
    });

    test('a task range renders every container setting and EFS volumes', () => {
      // GIVEN
      const stack = newStack();
      const linuxParameters = new LinuxParameters(stack, 'Linux', {
        initProcessEnabled: true, sharedMemorySize: Size.mebibytes(128), maxSwap: Size.gibibytes(1), swappiness: 10,
      });
      linuxParameters.addDevices({ hostPath: '/dev/infiniband/uverbs0', containerPath: '/dev/infiniband/uverbs0', permissions: [DevicePermission.READ, DevicePermission.WRITE] });
      linuxParameters.addTmpfs({ containerPath: '/scratch', size: Size.mebibytes(512), mountOptions: [TmpfsMountOption.NOSUID] });
      const secret = new secretsmanager.Secret(stack, 'Secret');
      const token = new secretsmanager.Secret(stack, 'SplunkToken');
      const credentials = new secretsmanager.Secret(stack, 'Credentials');
      const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
        fileSystemId: 'fs-12345678',
        securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
      });
      const workers = new EcsEc2TaskDefinition(stack, 'Workers', {
        containers: [{
          name: 'worker',
          image: ecs.ContainerImage.fromRegistry('private.example.com/mpi', { credentials }),
          cpu: 1,
          memory: Size.mebibytes(1024),
          environment: { RANKS: '8' },
          secrets: { PASSWORD: Secret.fromSecretsManager(secret) },
          linuxParameters,
          logging: ecs.LogDrivers.splunk({ url: 'https://splunk.example.com:8088', secretToken: ecs.Secret.fromSecretsManager(token) }),
          readonlyRootFilesystem: true,
          user: 'mpi',
          volumes: [
            EcsVolume.efs({ name: 'data', containerPath: '/data', readonly: true, fileSystem, rootDirectory: '/runs', enableTransitEncryption: true, transitEncryptionPort: 2049 }),
            EcsVolume.efs({ name: 'home', containerPath: '/home', fileSystem, enableTransitEncryption: true, accessPointId: 'fsap-0123456789abcdef0', useJobRole: false }),
          ],
        }],
      });

      // WHEN
      jobWith(stack, { containers: [range(stack, 0, 0)], ranges: [{ startNode: 1, endNode: 3, task: workers }] });

      // THEN
      const [taskProperties] = nodeProperties(stack).NodeRangeProperties[1].EcsProperties.TaskProperties;
      const id = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
      expect(taskProperties.Containers).toEqual([{
        Name: 'worker',
        Image: 'private.example.com/mpi',
        RepositoryCredentials: { CredentialsParameter: { Ref: id(credentials) } },
        Environment: [{ Name: 'RANKS', Value: '8' }],
        Secrets: [{ Name: 'PASSWORD', ValueFrom: { Ref: id(secret) } }],
        LinuxParameters: {
          InitProcessEnabled: true,
          SharedMemorySize: 128,
          MaxSwap: 1024,
          Swappiness: 10,
          Devices: [{ HostPath: '/dev/infiniband/uverbs0', ContainerPath: '/dev/infiniband/uverbs0', Permissions: ['read', 'write'] }],
          Tmpfs: [{ ContainerPath: '/scratch', Size: 512, MountOptions: ['nosuid'] }],
        },
        LogConfiguration: {
          LogDriver: 'splunk',
          Options: expect.objectContaining({ 'splunk-url': 'https://splunk.example.com:8088' }),
          SecretOptions: [{ Name: 'splunk-token', ValueFrom: { Ref: id(token) } }],
        },
        MountPoints: [{ ContainerPath: '/data', SourceVolume: 'data', ReadOnly: true }, { ContainerPath: '/home', SourceVolume: 'home' }],
        ReadonlyRootFilesystem: true,
        ResourceRequirements: [{ Type: 'MEMORY', Value: '1024' }, { Type: 'VCPU', Value: '1' }],
        User: 'mpi',
      }]);
      expect(taskProperties.Volumes).toEqual([
        { Name: 'data', EfsVolumeConfiguration: { FileSystemId: 'fs-12345678', RootDirectory: '/runs', TransitEncryption: 'ENABLED', TransitEncryptionPort: 2049 } },
        {
          Name: 'home',
          EfsVolumeConfiguration: { FileSystemId: 'fs-12345678', TransitEncryption: 'ENABLED', AuthorizationConfig: { AccessPointId: 'fsap-0123456789abcdef0', Iam: 'DISABLED' } },
        },
      ]);
    });

    test('grantSubmitJob() allows SubmitJob on the queue and the job definition', () => {
      const stack = newStack();
      const job = jobWith(stack, { containers: [range(stack, 0, 0)] });
      const role = new iam.Role(stack, 'Submitter', { assumedBy: new iam.AccountRootPrincipal() });
      job.grantSubmitJob(role, JobQueue.fromJobQueueArn(stack, 'Queue', 'arn:aws:batch:us-east-1:123456789012:job-queue/q'));
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Action: 'batch:SubmitJob', Resource: [stack.resolve(job.jobDefinitionArn), 'arn:aws:batch:us-east-1:123456789012:job-queue/q'] }] },
      });
    });

    test.each<[string, (s: Stack) => Partial<MultiNodeJobDefinitionProps>, RegExp]>([
      ['six ranges', (s) => ({ containers: [0, 1, 2, 3, 4, 5].map((n) => range(s, n, n)) }),
        /MultiNodeJobDefinition 'Stack\/JobDefinition': containers must hold at most 5 node ranges \(node groups\), got 6/],
      ['a range of neither container nor task', () => ({ ranges: [{ startNode: 0 }] }),
        /ranges\[0\] must have either a container or a task, got neither/],
      ['a range of both a container and a task', (s) => ({ ranges: [{ startNode: 0, container: container(s), task: task(s) }] }),
        /ranges\[0\] must have either a container or a task, got both/],
      ['a Fargate task', (s) => ({
        ranges: [{ startNode: 0, task: new EcsFargateTaskDefinition(s, 'Fargate', { containers: [{ name: 'a', image, cpu: 0.25, memory: Size.mebibytes(512) }] }) }],
      }), /ranges\[0\]\.task must be an EC2 task, as multi-node jobs do not run on Fargate, got an EcsFargateTaskDefinition/],
      ['an ECS Managed Instances task', (s) => ({
        ranges: [{ startNode: 0, task: new EcsManagedInstancesTaskDefinition(s, 'Mi', { containers: [{ name: 'a', image, cpu: 1, memory: Size.mebibytes(512) }] }) }],
      }), /ranges\[0\]\.task must be an EC2 task, as jobs on ECS Managed Instances must be of type container, not multinode, got an EcsManagedInstancesTaskDefinition/],
      ['two instance types', (s) => ({ ranges: [{ startNode: 0, container: container(s), instanceTypes: [instanceType, instanceType] }] }),
        /ranges\[0\]\.instanceTypes must hold exactly one instance type, the number Batch takes, got 2/],
      ['no instance type', (s) => ({ ranges: [{ startNode: 0, container: container(s), instanceTypes: [] }] }),
        /ranges\[0\]\.instanceTypes must hold exactly one instance type, the number Batch takes, got 0/],
      ['numNodes not reaching the open range', (s) => ({ numNodes: 2, containers: [range(s, 0, 1)], ranges: [{ startNode: 2, container: container(s) }] }),
        /ranges\[0\]\.startNode must be below numNodes \(2\) for a range without an endNode, got 2/],
      ['numNodes above the nodes the closed ranges cover', (s) => ({ numNodes: 5, containers: [range(s, 0, 3)] }),
        /containers must cover every node from 0 to 4, got no range for node 4/],
      ['a main node beyond numNodes', (s) => ({ numNodes: 4, mainNode: 4, containers: [range(s, 0, 0)], ranges: [{ startNode: 1, container: container(s) }] }),
        /mainNode must be one of the nodes, 0 to 3, got 4/],
      ['a main node beyond the nodes an open range counts', (s) => ({ mainNode: 2, containers: [range(s, 0, 0)], ranges: [{ startNode: 1, container: container(s) }] }),
        /mainNode must be one of the nodes, 0 to 1, got 2/],
    ])('%s fails synthesis', (_name, props, message) => {
      const stack = newStack();
      jobWith(stack, props(stack));
      expectSynthError(stack, message);
    });

    test.each([0, 1.5])('numNodes %d is rejected at construction', (numNodes) => {
      expectValidationError(() => jobWith(newStack(), { numNodes }), /numNodes must be a whole number at least 1, got/);
    });

    test('a token end beside a huge start fails validation, not resolution (was: EncodedRepresentationUnknownNumber)', () => {
      const stack = newStack();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      jobWith(stack, { ranges: [{ startNode: 0, endNode: n, container: container(stack) }, { startNode: -4.97419513341446e+301, container: container(stack) }] });
      expectSynthError(stack, /ranges\[1\]\.startNode must be a whole number at least 0, got -4\.97419513341446e\+301/);
    });

    test.each<[string, (s: Stack) => Partial<MultiNodeJobDefinitionProps>, string[], number]>([
      ['a range inside an open one', (s) => ({ ranges: [{ startNode: 0, container: container(s) }, { startNode: 2, endNode: 3, container: container(s) }] }), ['0:', '2:3'], 4],
      ['a one-node range at the start of an open one', (s) => ({ ranges: [{ startNode: 0, container: container(s) }, { startNode: 0, endNode: 0, container: container(s) }] }), ['0:', '0:0'], 1],
    ])('%s passes: ranges may nest', (_name, props, targets, numNodes) => {
      const stack = newStack();
      jobWith(stack, props(stack));
      expect(nodeProperties(stack).NodeRangeProperties.map((r: any) => r.TargetNodes)).toEqual(targets);
      expect(nodeProperties(stack).NumNodes).toBe(numNodes);
    });

    test('a range beyond numNodes warns: its last nodes never run', () => {
      const stack = newStack();
      jobWith(stack, { numNodes: 3, containers: [range(stack, 0, 4)] });
      Annotations.fromStack(stack).hasWarning('/Stack/JobDefinition', Match.stringLikeRegexp('containers\\[0\\] reaches beyond the last node \\(2\\)'));
    });

    test('five ranges pass', () => {
      const stack = newStack();
      const ranges: MultiNodeRange[] = [0, 1, 2, 3].map((n) => ({ startNode: n, endNode: n, container: container(stack) }));
      jobWith(stack, { ranges: [...ranges, { startNode: 4, task: task(stack) }] });
      expect(nodeProperties(stack).NodeRangeProperties).toHaveLength(5);
    });
  });
});
