import * as cdk from 'aws-cdk-lib';
import { App, PropertyInjectors, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as batch from '../../lib';
import { applyPropertyInjectors } from '../../lib/private/property-injection';
import { synth } from '../util';

/** An injector that sets `defaults` on the props of the class with id `constructUniqueId`. */
function injector(constructUniqueId: string, defaults: Record<string, unknown>) {
  return { constructUniqueId, inject: (props: any) => ({ ...defaults, ...props }) };
}

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');

describe('property injection', () => {
  test('every resource and container class has its id', () => {
    const classes: Record<string, { PROPERTY_INJECTION_ID: string }> = {
      ConsumableResource: batch.ConsumableResource,
      EcsEc2ContainerDefinition: batch.EcsEc2ContainerDefinition,
      EcsEc2TaskDefinition: batch.EcsEc2TaskDefinition,
      EcsFargateContainerDefinition: batch.EcsFargateContainerDefinition,
      EcsFargateTaskDefinition: batch.EcsFargateTaskDefinition,
      EcsJobDefinition: batch.EcsJobDefinition,
      EcsManagedInstancesComputeEnvironment: batch.EcsManagedInstancesComputeEnvironment,
      EcsMultiContainerJobDefinition: batch.EcsMultiContainerJobDefinition,
      EksContainerDefinition: batch.EksContainerDefinition,
      EksJobDefinition: batch.EksJobDefinition,
      FairshareSchedulingPolicy: batch.FairshareSchedulingPolicy,
      FargateComputeEnvironment: batch.FargateComputeEnvironment,
      JobQueue: batch.JobQueue,
      ManagedEc2EcsComputeEnvironment: batch.ManagedEc2EcsComputeEnvironment,
      ManagedEc2EksComputeEnvironment: batch.ManagedEc2EksComputeEnvironment,
      MultiNodeEksJobDefinition: batch.MultiNodeEksJobDefinition,
      MultiNodeJobDefinition: batch.MultiNodeJobDefinition,
      QuotaShare: batch.QuotaShare,
      QuotaShareSchedulingPolicy: batch.QuotaShareSchedulingPolicy,
      ServiceEnvironment: batch.ServiceEnvironment,
      UnmanagedComputeEnvironment: batch.UnmanagedComputeEnvironment,
    };
    for (const [name, cls] of Object.entries(classes)) {
      expect(cls.PROPERTY_INJECTION_ID).toBe(`@aws-cdk.aws-batch-alpha.${name}`);
    }
  });

  test.each<[string, string, Record<string, unknown>, (stack: Stack) => void, string, Record<string, unknown>]>([
    ['JobQueue', batch.JobQueue.PROPERTY_INJECTION_ID, { priority: 42 },
      (stack) => new batch.JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: new batch.UnmanagedComputeEnvironment(stack, 'CE'), order: 1 }] }),
      'AWS::Batch::JobQueue', { Priority: 42 }],
    ['EcsJobDefinition', batch.EcsJobDefinition.PROPERTY_INJECTION_ID, { skipDeregisterOnUpdate: true },
      (stack) => new batch.EcsJobDefinition(stack, 'Job', {
        container: new batch.EcsEc2ContainerDefinition(stack, 'C', { image: IMAGE, cpu: 1, memory: Size.mebibytes(512) }),
      }),
      'AWS::Batch::JobDefinition', { ResourceRetentionPolicy: { SkipDeregisterOnUpdate: true } }],
    ['EcsEc2ContainerDefinition', batch.EcsEc2ContainerDefinition.PROPERTY_INJECTION_ID, { privileged: true },
      (stack) => new batch.EcsJobDefinition(stack, 'Job', {
        container: new batch.EcsEc2ContainerDefinition(stack, 'C', { image: IMAGE, cpu: 1, memory: Size.mebibytes(512) }),
      }),
      'AWS::Batch::JobDefinition', { ContainerProperties: { Privileged: true } }],
    ['ManagedEc2EksComputeEnvironment', batch.ManagedEc2EksComputeEnvironment.PROPERTY_INJECTION_ID, { maxvCpus: 64 },
      (stack) => new batch.ManagedEc2EksComputeEnvironment(stack, 'CE', {
        vpc: new ec2.Vpc(stack, 'Vpc'), kubernetesNamespace: 'batch',
        eksCluster: eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' }),
      }),
      'AWS::Batch::ComputeEnvironment', { ComputeResources: { MaxvCpus: 64 } }],
    ['ConsumableResource', batch.ConsumableResource.PROPERTY_INJECTION_ID, { resourceType: batch.ConsumableResourceType.NON_REPLENISHABLE },
      (stack) => new batch.ConsumableResource(stack, 'R', { totalQuantity: 1 }),
      'AWS::Batch::ConsumableResource', { ResourceType: 'NON_REPLENISHABLE' }],
    ['ServiceEnvironment', batch.ServiceEnvironment.PROPERTY_INJECTION_ID, { serviceEnvironmentName: 'injected' },
      (stack) => new batch.ServiceEnvironment(stack, 'Training', { capacityLimits: [batch.CapacityLimit.instances(4)] }),
      'AWS::Batch::ServiceEnvironment', { ServiceEnvironmentName: 'injected' }],
    ['EcsManagedInstancesComputeEnvironment', batch.EcsManagedInstancesComputeEnvironment.PROPERTY_INJECTION_ID, { maxvCpus: 96 },
      (stack) => new batch.EcsManagedInstancesComputeEnvironment(stack, 'CE', { vpc: new ec2.Vpc(stack, 'Vpc') }),
      'AWS::Batch::ComputeEnvironment', { ComputeResources: { MaxvCpus: 96 } }],
  ])('an injector registered on the app for %s applies its defaults', (_name, id, defaults, build, type, expected) => {
    // GIVEN
    const app = new App();
    PropertyInjectors.of(app).add(injector(id, defaults));
    const stack = new Stack(app, 'Stack');
    // WHEN
    build(stack);
    // THEN
    synth(stack).hasResourceProperties(type, expected);
  });

  test('the nearest injector wins, and the props given still override it', () => {
    const app = new App();
    PropertyInjectors.of(app).add(injector(batch.JobQueue.PROPERTY_INJECTION_ID, { priority: 1, jobQueueName: 'from-app' }));
    const stack = new Stack(app, 'Stack');
    PropertyInjectors.of(stack).add(injector(batch.JobQueue.PROPERTY_INJECTION_ID, { priority: 7 }));
    const ce = new batch.UnmanagedComputeEnvironment(stack, 'CE');
    new batch.JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }], jobQueueName: 'given' });
    synth(stack).hasResourceProperties('AWS::Batch::JobQueue', { Priority: 7, JobQueueName: 'given' });
  });

  test("injectors for aws-cdk-lib's stable classes do not apply", () => {
    const app = new App();
    PropertyInjectors.of(app).add(injector('aws-cdk-lib.aws-batch.JobQueue', { priority: 99 }));
    const stack = new Stack(app, 'Stack');
    const ce = new batch.UnmanagedComputeEnvironment(stack, 'CE');
    new batch.JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });
    synth(stack).hasResourceProperties('AWS::Batch::JobQueue', { Priority: 1 });
  });

  test('injected props are validated like given ones', () => {
    const app = new App();
    PropertyInjectors.of(app).add(injector(batch.JobQueue.PROPERTY_INJECTION_ID, { priority: 5000 }));
    const stack = new Stack(app, 'Stack');
    expect(() => new batch.JobQueue(stack, 'Queue')).toThrow(/JobQueue 'Stack\/Queue': priority must be a whole number between 0 and 1000, got 5000/);
  });

  test('without property injection in aws-cdk-lib (as in 2.95.1) the props pass through', () => {
    const original = Object.getOwnPropertyDescriptor(cdk, 'PropertyInjectors')!;
    const app = new App();
    PropertyInjectors.of(app).add(injector(batch.JobQueue.PROPERTY_INJECTION_ID, { priority: 7 }));
    const props = { priority: 3 };
    try {
      Object.defineProperty(cdk, 'PropertyInjectors', { value: undefined, configurable: true });
      expect(applyPropertyInjectors(batch.JobQueue.PROPERTY_INJECTION_ID, props, app, 'Queue')).toBe(props);
    } finally {
      Object.defineProperty(cdk, 'PropertyInjectors', original);
    }
    expect(applyPropertyInjectors(batch.JobQueue.PROPERTY_INJECTION_ID, {}, app, 'Queue')).toEqual({ priority: 7 });
  });
});
