import { Duration, Size, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as fc from 'fast-check';
import {
  CapacityLimit, CapacityOptionType, EcsManagedInstancesComputeEnvironment, JobQueue, JobQueueType, LaunchTemplateVersion,
  ManagedEc2EcsComputeEnvironment, QuotaShare, QuotaShareSchedulingPolicy, ResourceSharing, ServiceEnvironment,
} from '../../../lib';
import { cases, Ctx, FuzzTarget, Gen, isWild, list, name, num, opt, optional, plain, str, stringOf } from '../harness';
import { arn } from './common';

/**
 * A Duration of `amount` in `unit`, or undefined: aws-cdk-lib refuses to create negative
 * durations (in the caller's code, before the library sees them), so those are left out.
 */
function durationOf(ctx: Ctx, amount: Gen<number> | undefined, unit: 'seconds' | 'minutes'): Duration | undefined {
  if (amount === undefined) {
    return undefined;
  }
  const value = amount(ctx);
  if (!Token.isUnresolved(value) && value < 0) {
    return undefined;
  }
  return unit === 'seconds' ? Duration.seconds(value) : Duration.minutes(value);
}

/** A Size of `amount` GiB, or undefined when negative (as for durations). */
function gibibytesOf(ctx: Ctx, amount: Gen<number> | undefined): Size | undefined {
  const value = amount?.(ctx);
  return value === undefined || (!Token.isUnresolved(value) && value < 0) ? undefined : Size.gibibytes(value);
}

/** A capacity unit: NUM_INSTANCES or a SageMaker instance type, sometimes odd. */
const unit = () => str(fc.constantFrom('ml.m5.large', 'ml.g5.xlarge', 'ml.p4d.24xlarge'));

interface LimitCase { unit?: Gen<string>; max: Gen<number> }

const limit = (min: number): fc.Arbitrary<LimitCase> => fc.record({ unit: optional(unit()), max: num(min, 10000) });

function makeLimit(ctx: Ctx, l: LimitCase): CapacityLimit {
  return l.unit ? CapacityLimit.ofInstanceType(l.unit(ctx), l.max(ctx)) : CapacityLimit.instances(l.max(ctx));
}

interface ServiceEnvironmentCase {
  name?: Gen<string>;
  limits: LimitCase[];
  adds: LimitCase[];
  enabled?: boolean;
  imports: Gen<string>[];
}

export const serviceEnvironmentTarget: FuzzTarget<ServiceEnvironmentCase> = {
  name: 'ServiceEnvironment',
  arbitrary: cases(() => fc.record({
    name: optional(name()),
    limits: isWild() ? list(limit(0), 3) : fc.array(limit(0), { minLength: 1, maxLength: 3 }),
    adds: list(limit(0), 2),
    enabled: optional(fc.boolean()),
    imports: list(arn('service-environment'), 2),
  })),
  build(ctx: Ctx, c: ServiceEnvironmentCase) {
    const env = new ServiceEnvironment(ctx.stack, 'Env', {
      serviceEnvironmentName: opt(ctx, c.name),
      capacityLimits: c.limits.map((l) => makeLimit(ctx, l)),
      enabled: c.enabled,
    });
    c.adds.forEach((l) => env.addCapacityLimit(makeLimit(ctx, l)));
    void ctx.stack.resolve(env.serviceEnvironmentName);
    const queue = new JobQueue(ctx.stack, 'Queue', { jobQueueType: JobQueueType.SAGEMAKER_TRAINING });
    queue.addServiceEnvironment(env, 1);
    for (const a of c.imports) {
      const imported = ServiceEnvironment.fromServiceEnvironmentArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.serviceEnvironmentName);
      queue.addServiceEnvironment(imported, queue.serviceEnvironments.length + 1);
    }
  },
};

interface QuotaShareCase {
  name?: Gen<string>;
  limits: LimitCase[];
  sharing?: 'reserve' | 'lend' | 'borrow';
  borrowLimit?: Gen<number>;
  inSharePreemption?: boolean;
  enabled?: boolean;
  shares: number;
  imports: Gen<string>[];
}

export const quotaShareTarget: FuzzTarget<QuotaShareCase> = {
  name: 'QuotaShare',
  arbitrary: cases(() => fc.record({
    name: optional(name()),
    limits: isWild() ? list(fc.record({ unit: unit(), max: num(1, 1000) }), 6) : fc.array(fc.record({ unit: unit(), max: num(1, 1000) }), { minLength: 1, maxLength: 5 }),
    sharing: optional(fc.constantFrom('reserve' as const, 'lend' as const, 'borrow' as const)),
    borrowLimit: optional(num(-1, 1000)),
    inSharePreemption: optional(fc.boolean()),
    enabled: optional(fc.boolean()),
    shares: fc.integer({ min: 0, max: isWild() ? 22 : 3 }),
    imports: list(arn('job-queue/q/quota-share'), 2),
  })),
  build(ctx: Ctx, c: QuotaShareCase) {
    const queue = new JobQueue(ctx.stack, 'Queue', {
      serviceEnvironments: [{ serviceEnvironment: new ServiceEnvironment(ctx.stack, 'Env', { capacityLimits: [CapacityLimit.instances(4)] }), order: 1 }],
      schedulingPolicy: new QuotaShareSchedulingPolicy(ctx.stack, 'Policy'),
    });
    const sharing = c.sharing === 'lend' ? ResourceSharing.lend()
      : c.sharing === 'borrow' ? ResourceSharing.lendAndBorrow(opt(ctx, c.borrowLimit))
        : c.sharing === 'reserve' ? ResourceSharing.reserve() : undefined;
    const share = new QuotaShare(ctx.stack, 'Share', {
      jobQueue: queue,
      quotaShareName: opt(ctx, c.name),
      capacityLimits: c.limits.map((l) => makeLimit(ctx, l)),
      resourceSharing: sharing,
      inSharePreemption: c.inSharePreemption,
      enabled: c.enabled,
    });
    void share.capacityLimits.length;
    for (let i = 0; i < c.shares; i++) {
      new QuotaShare(ctx.stack, ctx.id('More'), { jobQueue: queue, capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', 1)] });
    }
    for (const a of c.imports) {
      void ctx.stack.resolve(QuotaShare.fromQuotaShareArn(ctx.stack, ctx.id('Imported'), a(ctx)).quotaShareName);
    }
  },
};

interface ManagedInstancesCase {
  maxvCpus?: Gen<number>;
  capacityOptionType?: CapacityOptionType;
  spot?: boolean;
  allowed: Gen<string>[];
  adds: Gen<string>[];
  storageGiB?: Gen<number>;
  scaleInSeconds?: Gen<number>;
  optimization?: boolean;
  propagateTags?: boolean;
  fipsEnabled?: boolean;
  name?: Gen<string>;
  imports: Gen<string>[];
  capacityTags: Array<[Gen<string>, Gen<string>]>;
  addedCapacityTags: Array<[Gen<string>, Gen<string>]>;
}

const TAG_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.:/=+-@';
/**
 * A capacity tag: a plain key (a token key cannot be a CloudFormation map key) of 1 to 64 characters and a value of
 * up to 128, within the general Batch tag restrictions, and no `aws:` prefix.
 */
const capacityTag = () => fc.tuple(
  plain(stringOf(TAG_CHARS, 1, 64).filter((k) => !/^aws:/i.test(k))),
  str(stringOf(TAG_CHARS, 0, 128).filter((v) => !/^aws:/i.test(v))),
);

const instanceTypeName = () => str(fc.constantFrom('c6i.*', 'm6i.xlarge', 'r7i.2xlarge', 'm6*.*', 'g5.xlarge'));

function vpc(ctx: Ctx): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(ctx.stack, 'Vpc', {
    vpcId: 'vpc-12345678',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-11111111', 'subnet-22222222'],
  });
}

export const ecsManagedInstancesTarget: FuzzTarget<ManagedInstancesCase> = {
  name: 'EcsManagedInstancesComputeEnvironment',
  arbitrary: cases(() => fc.record({
    maxvCpus: optional(num(0, 10000)),
    capacityOptionType: optional(fc.constantFrom(CapacityOptionType.ON_DEMAND, CapacityOptionType.SPOT, CapacityOptionType.RESERVED)),
    spot: isWild() ? optional(fc.boolean()) : fc.constant(undefined),
    allowed: list(instanceTypeName(), 4),
    adds: list(instanceTypeName(), 2),
    storageGiB: optional(num(1, 16384)),
    scaleInSeconds: optional(num(0, 3600)),
    optimization: isWild() ? optional(fc.boolean()) : fc.constant(undefined),
    propagateTags: optional(fc.boolean()),
    fipsEnabled: optional(fc.boolean()),
    name: optional(name()),
    imports: list(arn('compute-environment'), 2),
    capacityTags: list(capacityTag(), 4),
    addedCapacityTags: list(capacityTag(), 2),
  })),
  build(ctx: Ctx, c: ManagedInstancesCase) {
    const env = new EcsManagedInstancesComputeEnvironment(ctx.stack, 'MI', {
      vpc: vpc(ctx),
      maxvCpus: opt(ctx, c.maxvCpus),
      capacityOptionType: c.capacityOptionType,
      spot: c.spot,
      allowedInstanceTypes: c.allowed.map((t) => new ec2.InstanceType(t(ctx))),
      storageSize: gibibytesOf(ctx, c.storageGiB),
      scaleInAfter: durationOf(ctx, c.scaleInSeconds, 'seconds'),
      infrastructureOptimization: c.optimization,
      propagateTags: c.propagateTags,
      fipsEnabled: c.fipsEnabled,
      computeEnvironmentName: opt(ctx, c.name),
      capacityTags: c.capacityTags.length > 0 ? Object.fromEntries(c.capacityTags.map(([k, v]) => [k(ctx), v(ctx)])) : undefined,
    });
    c.adds.forEach((t) => env.addAllowedInstanceType(new ec2.InstanceType(t(ctx))));
    c.addedCapacityTags.forEach(([k, v]) => env.addCapacityTag(k(ctx), v(ctx)));
    new JobQueue(ctx.stack, 'Queue', { computeEnvironments: [{ computeEnvironment: env, order: 1 }] });
    for (const a of c.imports) {
      void ctx.stack.resolve(EcsManagedInstancesComputeEnvironment.fromEcsManagedInstancesComputeEnvironmentArn(
        ctx.stack, ctx.id('Imported'), a(ctx)).computeEnvironmentName);
    }
  },
};

interface LaunchTemplateCase {
  version?: 'latest' | 'default' | 'number' | 'latestNumber' | 'defaultNumber';
  versionNumber: Gen<number>;
  families: Array<'m5' | 'c5' | 'r5'>;
  overrides: Array<{ target: 'family' | 'large' | 'xlarge'; family: 'm5' | 'c5' | 'r5'; latest: boolean }>;
  delayMinutes?: Gen<number>;
  keyPair?: Gen<string>;
  withTemplate: boolean;
  plausible: boolean;
}

const family = () => fc.constantFrom('m5' as const, 'c5' as const, 'r5' as const);

export const launchTemplateTarget: FuzzTarget<LaunchTemplateCase> = {
  name: 'ManagedEc2EcsComputeEnvironment launch templates',
  arbitrary: cases(() => fc.record({
    version: optional(fc.constantFrom('latest' as const, 'default' as const, 'number' as const, 'latestNumber' as const, 'defaultNumber' as const)),
    versionNumber: num(1, 1000),
    families: fc.uniqueArray(family(), { minLength: 1, maxLength: 3 }),
    overrides: list(fc.record({ target: fc.constantFrom('family' as const, 'large' as const, 'xlarge' as const), family: family(), latest: fc.boolean() }), isWild() ? 12 : 1),
    delayMinutes: optional(isWild() ? num(0, 10080) : num(20, 10080)),
    keyPair: optional(str(fc.constantFrom('ops', 'batch-key'))),
    withTemplate: isWild() ? fc.boolean() : fc.constant(true),
    plausible: fc.constant(!isWild()),
  })),
  build(ctx: Ctx, c: LaunchTemplateCase) {
    const template = c.withTemplate ? new ec2.LaunchTemplate(ctx.stack, 'Template') : undefined;
    const version = !template ? undefined
      : c.version === 'latest' ? LaunchTemplateVersion.latest()
        : c.version === 'default' ? LaunchTemplateVersion.defaultVersion()
          : c.version === 'number' ? LaunchTemplateVersion.of(c.versionNumber(ctx))
            : c.version === 'latestNumber' ? LaunchTemplateVersion.latestVersionNumberOf(template)
              : c.version === 'defaultNumber' ? LaunchTemplateVersion.defaultVersionNumberOf(template) : undefined;
    const families = c.families.map((f) => new ec2.InstanceType(f));
    // in the plausible half, overrides target the environment's first family
    const overrides = c.plausible ? c.overrides.map((o) => ({ ...o, family: c.families[0] })) : c.overrides;
    const env = new ManagedEc2EcsComputeEnvironment(ctx.stack, 'CE', {
      vpc: vpc(ctx),
      instanceTypes: families,
      launchTemplate: template,
      launchTemplateVersion: version,
      minScaleDownDelay: durationOf(ctx, c.delayMinutes, 'minutes'),
      ec2KeyPair: opt(ctx, c.keyPair),
    });
    overrides.forEach((o) => env.addLaunchTemplateOverride({
      launchTemplate: new ec2.LaunchTemplate(ctx.stack, ctx.id('Override')),
      targetInstanceTypes: [new ec2.InstanceType(o.target === 'family' ? o.family : `${o.family}.${o.target}`)],
      version: o.latest ? LaunchTemplateVersion.latest() : undefined,
    }));
    void env.launchTemplateOverrides.length;
  },
};

