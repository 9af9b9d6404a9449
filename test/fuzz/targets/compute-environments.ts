import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import {
  AllocationStrategy, EcsMachineImageType, EksAccessEntryDesiredState, EksMachineImageType, FargateComputeEnvironment, JobQueue,
  ManagedEc2EcsComputeEnvironment, ManagedEc2EksComputeEnvironment, UnmanagedComputeEnvironment,
} from '../../../lib';
import { anyNum, cases, Ctx, duration, FuzzTarget, Gen, gen, isWild, list, name, num, opt, optional, str, stringOf } from '../harness';
import { arn } from './common';

/** The VPC of a case: imported (cheap) most of the time, sometimes a real one. */
type VpcKind = 'imported' | 'new';

function makeVpc(ctx: Ctx, kind: VpcKind): ec2.IVpc {
  if (kind === 'new') {
    return new ec2.Vpc(ctx.stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  }
  return ec2.Vpc.fromVpcAttributes(ctx.stack, 'Vpc', {
    vpcId: 'vpc-12345678',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-11111111', 'subnet-22222222'],
    publicSubnetIds: ['subnet-33333333', 'subnet-44444444'],
  });
}

type Subnets = 'default' | 'private' | 'public' | 'explicit' | 'empty';

function makeSubnets(ctx: Ctx, kind: Subnets | undefined): ec2.SubnetSelection | undefined {
  switch (kind) {
    case 'private': return { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
    case 'public': return { subnetType: ec2.SubnetType.PUBLIC };
    case 'explicit': return { subnets: [ec2.Subnet.fromSubnetId(ctx.stack, ctx.id('Subnet'), 'subnet-99999999')] };
    case 'empty': return {};
    default: return undefined;
  }
}

type RoleKind = 'imported' | 'new' | 'token';

function makeRole(ctx: Ctx, kind: RoleKind | undefined, service: string): iam.IRole | undefined {
  switch (kind) {
    case 'imported': return iam.Role.fromRoleArn(ctx.stack, ctx.id('Role'), 'arn:aws:iam::123456789012:role/existing');
    case 'new': return new iam.Role(ctx.stack, ctx.id('Role'), { assumedBy: new iam.ServicePrincipal(service) });
    case 'token': return iam.Role.fromRoleArn(ctx.stack, ctx.id('Role'), ctx.param('String').valueAsString);
    default: return undefined;
  }
}

const roleKind = () => optional(fc.constantFrom<RoleKind>('imported', 'new', 'token'));

interface ManagedCase {
  vpc: VpcKind;
  computeEnvironmentName?: Gen<string>;
  enabled?: boolean;
  serviceRole?: RoleKind;
  maxvCpus?: Gen<number>;
  replaceComputeEnvironment?: boolean;
  securityGroups?: number;
  spot?: boolean;
  terminateOnUpdate?: boolean;
  updateTimeout?: Gen<Duration>;
  updateToLatestImageVersion?: boolean;
  vpcSubnets?: Subnets;
  /** Link the compute environment to a job queue. */
  queued: boolean;
  imports: Gen<string>[];
}

const managedCase = (resourceType: string) => ({
  vpc: fc.oneof({ weight: 19, arbitrary: fc.constant<VpcKind>('imported') }, { weight: 1, arbitrary: fc.constant<VpcKind>('new') }),
  computeEnvironmentName: optional(name()),
  enabled: optional(fc.boolean()),
  serviceRole: roleKind(),
  // Plausible: minvCpus (at most 256) never exceeds maxvCpus (256 or more, 256 by default).
  maxvCpus: optional(isWild() ? num(0, 10000) : num(256, 10000)),
  replaceComputeEnvironment: optional(fc.boolean()),
  securityGroups: optional(fc.integer({ min: 0, max: 3 })),
  spot: optional(fc.boolean()),
  terminateOnUpdate: optional(fc.boolean()),
  updateTimeout: optional(isWild()
    ? fc.oneof(duration(21600), fc.integer({ min: 0, max: 7300 }).map((m) => gen(`Duration.minutes(${m})`, () => Duration.minutes(m))))
    : duration(21600)),
  updateToLatestImageVersion: optional(fc.boolean()),
  vpcSubnets: optional(fc.constantFrom<Subnets>('default', 'private', 'public', 'explicit', 'empty')),
  queued: fc.boolean(),
  imports: list(arn(resourceType), 2),
});

function managedProps(ctx: Ctx, c: ManagedCase) {
  const vpc = makeVpc(ctx, c.vpc);
  return {
    vpc,
    computeEnvironmentName: opt(ctx, c.computeEnvironmentName),
    enabled: c.enabled,
    serviceRole: makeRole(ctx, c.serviceRole, 'batch.amazonaws.com'),
    maxvCpus: opt(ctx, c.maxvCpus),
    replaceComputeEnvironment: c.replaceComputeEnvironment,
    securityGroups: c.securityGroups === undefined ? undefined
      : Array.from({ length: c.securityGroups }, (_, i) => ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, ctx.id('Sg'), `sg-${String(i).padStart(8, "0")}`)),
    spot: c.spot,
    terminateOnUpdate: c.terminateOnUpdate,
    updateTimeout: opt(ctx, c.updateTimeout),
    updateToLatestImageVersion: c.updateToLatestImageVersion,
    vpcSubnets: makeSubnets(ctx, c.vpcSubnets),
  };
}

const INSTANCE_CLASSES = [ec2.InstanceClass.M5, ec2.InstanceClass.C5, ec2.InstanceClass.R5, ec2.InstanceClass.T3, ec2.InstanceClass.G4DN, ec2.InstanceClass.M6G, ec2.InstanceClass.P3];
// Plausible cases draw x86 classes only: one compute environment's types share a CPU architecture.
const instanceClass = () => fc.constantFrom(...INSTANCE_CLASSES.filter((c) => isWild() || c !== ec2.InstanceClass.M6G));
const instanceType = (): fc.Arbitrary<Gen<ec2.InstanceType>> => fc.oneof(
  fc.tuple(instanceClass(), fc.constantFrom(ec2.InstanceSize.LARGE, ec2.InstanceSize.XLARGE, ec2.InstanceSize.XLARGE4))
    .map(([cls, size]) => (() => ec2.InstanceType.of(cls, size)) as Gen<ec2.InstanceType>),
  fc.constantFrom('m5.large', 'optimal', 'c5', 'p4d.24xlarge').map((t) => (() => new ec2.InstanceType(t)) as Gen<ec2.InstanceType>),
);

type InstanceAdd = { kind: 'class'; value: ec2.InstanceClass } | { kind: 'type'; value: Gen<ec2.InstanceType> };
const instanceAdd = (): fc.Arbitrary<InstanceAdd> => fc.oneof(
  instanceClass().map((value) => ({ kind: 'class' as const, value })),
  instanceType().map((value) => ({ kind: 'type' as const, value })),
);

type LaunchTemplateKind = 'new' | 'byId' | 'byName';

function makeLaunchTemplate(ctx: Ctx, kind: LaunchTemplateKind | undefined): ec2.ILaunchTemplate | undefined {
  switch (kind) {
    case 'new': return new ec2.LaunchTemplate(ctx.stack, 'LaunchTemplate', {});
    case 'byId': return ec2.LaunchTemplate.fromLaunchTemplateAttributes(ctx.stack, 'LaunchTemplate', { launchTemplateId: 'lt-0123456789abcdef0', versionNumber: '2' });
    case 'byName': return ec2.LaunchTemplate.fromLaunchTemplateAttributes(ctx.stack, 'LaunchTemplate', { launchTemplateName: 'my-template' });
    default: return undefined;
  }
}

interface Ec2Case extends ManagedCase {
  allocationStrategy?: AllocationStrategy;
  images?: Array<{ type?: number; image: 'none' | 'ecsOptimized' | 'generic' }>;
  instanceClasses?: ec2.InstanceClass[];
  instanceRole?: RoleKind;
  instanceTypes?: Gen<ec2.InstanceType>[];
  launchTemplate?: LaunchTemplateKind;
  minvCpus?: Gen<number>;
  placementGroup?: 'new' | 'imported';
  spotBidPercentage?: Gen<number>;
  spotFleetRole?: RoleKind;
  useOptimalInstanceClasses?: boolean;
  adds: InstanceAdd[];
}

const ec2Case = (resourceType: string) => ({
  ...managedCase(resourceType),
  allocationStrategy: optional(fc.constantFrom(...Object.values(AllocationStrategy) as AllocationStrategy[])),
  images: optional(list(fc.record({ type: optional(fc.integer({ min: 0, max: 5 })), image: fc.constantFrom('none' as const, 'ecsOptimized' as const, 'generic' as const) }), 3)
),
  instanceClasses: optional(list(instanceClass(), 3)),
  instanceRole: roleKind(),
  instanceTypes: optional(list(instanceType(), 3)),
  launchTemplate: optional(fc.constantFrom<LaunchTemplateKind>('new', 'byId', 'byName')),
  minvCpus: optional(isWild() ? num(0, 10000) : num(0, 256)),
  placementGroup: optional(fc.constantFrom('new' as const, 'imported' as const)),
  spotBidPercentage: optional(num(0, 100)),
  spotFleetRole: roleKind(),
  useOptimalInstanceClasses: optional(fc.boolean()),
  adds: list(instanceAdd(), 3),
});

function makeImage(ctx: Ctx, kind: 'none' | 'ecsOptimized' | 'generic'): ec2.IMachineImage | undefined {
  switch (kind) {
    case 'ecsOptimized': return ec2.MachineImage.fromSsmParameter('/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id');
    case 'generic': return ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-12345678' });
    default: return undefined;
  }
}

const SPOT_STRATEGIES = [AllocationStrategy.SPOT_CAPACITY_OPTIMIZED, AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED];

/**
 * Makes a drawn EC2 case plausible: the Spot settings (bid percentage, fleet role, Spot allocation
 * strategies) only on Spot environments, on EKS no BEST_FIT, which EKS environments do not take,
 * and some instance type or class whenever the optimal ones are turned off.
 */
function plausibleEc2<C extends Ec2Case>(eks: boolean): (c: C) => C {
  return (c) => {
    const strategy = c.allocationStrategy;
    const spotOnly = strategy !== undefined && SPOT_STRATEGIES.includes(strategy);
    const instances = (c.instanceTypes?.length ?? 0) + (c.instanceClasses?.length ?? 0) + c.adds.length;
    return {
      ...c,
      useOptimalInstanceClasses: c.useOptimalInstanceClasses === false && instances === 0 ? undefined : c.useOptimalInstanceClasses,
      spotBidPercentage: c.spot ? c.spotBidPercentage : undefined,
      spotFleetRole: c.spot ? c.spotFleetRole : undefined,
      allocationStrategy: (spotOnly && !c.spot) || (eks && strategy === AllocationStrategy.BEST_FIT) ? undefined : strategy,
    };
  };
}

function ec2Props(ctx: Ctx, c: Ec2Case) {
  return {
    ...managedProps(ctx, c),
    allocationStrategy: c.allocationStrategy,
    instanceClasses: c.instanceClasses,
    instanceRole: makeRole(ctx, c.instanceRole, 'ec2.amazonaws.com'),
    instanceTypes: c.instanceTypes?.map((t) => t(ctx)),
    launchTemplate: makeLaunchTemplate(ctx, c.launchTemplate),
    minvCpus: opt(ctx, c.minvCpus),
    placementGroup: c.placementGroup === 'new' ? new ec2.PlacementGroup(ctx.stack, 'Placement')
      : c.placementGroup === 'imported' ? ec2.PlacementGroup.fromPlacementGroupName(ctx.stack, 'Placement', 'pg') : undefined,
    spotBidPercentage: opt(ctx, c.spotBidPercentage),
    useOptimalInstanceClasses: c.useOptimalInstanceClasses,
  };
}

function applyAdds(ce: { addInstanceClass(c: ec2.InstanceClass): void; addInstanceType(t: ec2.InstanceType): void }, ctx: Ctx, adds: InstanceAdd[]): void {
  for (const a of adds) {
    if (a.kind === 'class') {
      ce.addInstanceClass(a.value);
    } else {
      ce.addInstanceType(a.value(ctx));
    }
  }
}

function queue(ctx: Ctx, ce: any, queued: boolean): void {
  if (queued) {
    new JobQueue(ctx.stack, 'Queue', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });
  }
}

const ECS_IMAGE_TYPES = Object.values(EcsMachineImageType) as EcsMachineImageType[];
const EKS_IMAGE_TYPES = Object.values(EksMachineImageType) as EksMachineImageType[];

export const managedEc2EcsTarget: FuzzTarget<Ec2Case> = {
  name: 'ManagedEc2EcsComputeEnvironment',
  arbitrary: cases(() => fc.record(ec2Case('compute-environment')).map(isWild() ? (c) => c : plausibleEc2(false))),
  build(ctx, c) {
    const ce = new ManagedEc2EcsComputeEnvironment(ctx.stack, 'Ce', {
      ...ec2Props(ctx, c),
      images: c.images?.map((i) => ({ imageType: i.type === undefined ? undefined : ECS_IMAGE_TYPES[i.type % ECS_IMAGE_TYPES.length], image: makeImage(ctx, i.image) })),
      spotFleetRole: makeRole(ctx, c.spotFleetRole, 'spotfleet.amazonaws.com'),
    });
    applyAdds(ce, ctx, c.adds);
    void [ce.instanceClasses.length, ce.instanceTypes.length, ce.connections.securityGroups.length];
    queue(ctx, ce, c.queued);
    for (const a of c.imports) {
      const imported = ManagedEc2EcsComputeEnvironment.fromManagedEc2EcsComputeEnvironmentArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.computeEnvironmentName);
    }
  },
};

interface EksCase extends Ec2Case {
  kubernetesNamespace: Gen<string>;
  cluster: 'imported' | 'token';
  accessEntryDesiredState?: EksAccessEntryDesiredState;
}

const NAMESPACE_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-';

export const managedEc2EksTarget: FuzzTarget<EksCase> = {
  name: 'ManagedEc2EksComputeEnvironment',
  arbitrary: cases(() => fc.record({
    ...ec2Case('compute-environment'),
    // Plausible namespaces: lower-case DNS labels, not reserved ('default', 'kube-' prefixes).
    kubernetesNamespace: isWild()
      ? str(fc.oneof(stringOf(NAMESPACE_CHARS, 1, 20), fc.constantFrom('default', 'kube-system', 'batch', 'a'.repeat(64))))
      : str(fc.oneof(stringOf('abcdefghijklmnopqrstuvwxyz0123456789', 1, 20).map((n) => `ns-${n}`), fc.constantFrom('batch', 'jobs'))),
    cluster: fc.constantFrom('imported' as const, 'token' as const),
    // every state is valid on an imported cluster, whose authentication mode the library cannot know
    accessEntryDesiredState: optional(fc.constantFrom(...Object.values(EksAccessEntryDesiredState))),
  }).map(isWild() ? (c) => c : plausibleEc2(true))),
  build(ctx, c) {
    const eksCluster = eks.Cluster.fromClusterAttributes(ctx.stack, 'Cluster', {
      clusterName: c.cluster === 'token' ? ctx.param('String').valueAsString : 'my-cluster',
    });
    const { spotFleetRole: _ignored, ...rest } = { ...ec2Props(ctx, c), spotFleetRole: undefined };
    const ce = new ManagedEc2EksComputeEnvironment(ctx.stack, 'Ce', {
      ...rest,
      eksCluster,
      kubernetesNamespace: c.kubernetesNamespace(ctx),
      images: c.images?.map((i) => ({ imageType: i.type === undefined ? undefined : EKS_IMAGE_TYPES[i.type % EKS_IMAGE_TYPES.length], image: makeImage(ctx, i.image) })),
      accessEntryDesiredState: c.accessEntryDesiredState,
    });
    applyAdds(ce, ctx, c.adds);
    queue(ctx, ce, c.queued);
  },
};

/**
 * A plausible Fargate case: no update policy settings (Batch cannot update Fargate environments
 * with one), and a security group when a list is given. `updateToLatestImageVersion` stays: Fargate
 * ignores it with a warning, and rejecting it would be a wrong rejection.
 */
function plausibleFargate(c: ManagedCase): ManagedCase {
  return {
    ...c,
    terminateOnUpdate: undefined,
    updateTimeout: undefined,
    securityGroups: c.securityGroups === 0 ? 1 : c.securityGroups,
  };
}

export const fargateTarget: FuzzTarget<ManagedCase> = {
  name: 'FargateComputeEnvironment',
  arbitrary: cases(() => fc.record(managedCase('compute-environment')).map(isWild() ? (c) => c : plausibleFargate)),
  build(ctx, c) {
    const ce = new FargateComputeEnvironment(ctx.stack, 'Ce', managedProps(ctx, c));
    void ce.connections.securityGroups.length;
    queue(ctx, ce, c.queued);
    for (const a of c.imports) {
      const imported = FargateComputeEnvironment.fromFargateComputeEnvironmentArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.computeEnvironmentName);
    }
  },
};

interface UnmanagedCase {
  computeEnvironmentName?: Gen<string>;
  enabled?: boolean;
  serviceRole?: RoleKind;
  unmanagedvCpus?: Gen<number>;
  queued: boolean;
  imports: Gen<string>[];
}

export const unmanagedTarget: FuzzTarget<UnmanagedCase> = {
  name: 'UnmanagedComputeEnvironment',
  arbitrary: cases(() => fc.record({
    computeEnvironmentName: optional(name()),
    enabled: optional(fc.boolean()),
    serviceRole: roleKind(),
    unmanagedvCpus: optional(anyNum()),
    queued: fc.boolean(),
    imports: list(arn('compute-environment'), 2),
  })),
  build(ctx, c) {
    const ce = new UnmanagedComputeEnvironment(ctx.stack, 'Ce', {
      computeEnvironmentName: opt(ctx, c.computeEnvironmentName),
      enabled: c.enabled,
      serviceRole: makeRole(ctx, c.serviceRole, 'batch.amazonaws.com'),
      unmanagedvCpus: opt(ctx, c.unmanagedvCpus),
    });
    queue(ctx, ce, c.queued);
    for (const a of c.imports) {
      const imported = UnmanagedComputeEnvironment.fromUnmanagedComputeEnvironmentArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.computeEnvironmentName);
    }
  },
};
