import { CfnParameter, Duration, Lazy, Size, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  CapacityOptionType, CapacityReservationPreference, EcsManagedInstancesComputeEnvironment, JobQueue, ManagedInstancesMonitoring,
} from '../lib';
import { expectSynthError, expectValidationError, stackWithVpc } from './util';
import { warningRules, warningsOf } from './util/warnings';

const ARN = 'arn:aws:batch:us-east-1:123456789012:compute-environment/mi';

function computeResources(template: Template): any {
  const envs = template.findResources('AWS::Batch::ComputeEnvironment');
  return Object.values(envs)[0].Properties.ComputeResources;
}

describe('EcsManagedInstancesComputeEnvironment', () => {
  test('defaults: managed, ECS_MANAGED_INSTANCES, 256 vCPUs, created roles, the private subnets, a new security group', () => {
    // GIVEN
    const { stack, vpc } = stackWithVpc();

    // WHEN
    const env = new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc });

    // THEN
    expect(env.capacityOptionType).toBeUndefined();
    expect(env.updateToLatestImageVersion).toBe(false);
    const template = Template.fromStack(stack);
    const ce = Object.values(template.findResources('AWS::Batch::ComputeEnvironment'))[0];
    expect(ce.Properties).toEqual({
      Type: 'managed',
      State: 'ENABLED',
      ReplaceComputeEnvironment: false,
      ComputeResources: {
        Type: 'ECS_MANAGED_INSTANCES',
        MaxvCpus: 256,
        ManagedInstancesProvider: {
          InfrastructureRoleArn: { 'Fn::GetAtt': ['MIInfrastructureRole7C58D9BF', 'Arn'] },
          InstanceLaunchTemplate: {
            Ec2InstanceProfileArn: { 'Fn::GetAtt': ['MIInstanceProfile9731DD2B', 'Arn'] },
            NetworkConfiguration: {
              Subnets: [{ Ref: 'VpcPrivateSubnet1Subnet536B997A' }, { Ref: 'VpcPrivateSubnet2Subnet3788AAA1' }],
              SecurityGroups: [{ 'Fn::GetAtt': ['MISecurityGroupDF716698', 'GroupId'] }],
            },
          },
        },
      },
    });
    expect(ce.DependsOn).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: Match.stringLikeRegexp('^ecsInstanceRole'),
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Effect: 'Allow' }] },
    });
  });

  test('renders every setting', () => {
    const { stack, vpc } = stackWithVpc();
    const infrastructureRole = iam.Role.fromRoleArn(stack, 'Infra', 'arn:aws:iam::123456789012:role/infra');
    const instanceRole = iam.Role.fromRoleArn(stack, 'Inst', 'arn:aws:iam::123456789012:role/ecsInstanceRoleMine');
    const env = new EcsManagedInstancesComputeEnvironment(stack, 'MI', {
      vpc,
      maxvCpus: 64,
      infrastructureRole,
      instanceRole,
      capacityOptionType: CapacityOptionType.RESERVED,
      capacityReservations: {
        reservationGroupArn: 'arn:aws:resource-groups:us-east-1:123456789012:group/reservations',
        preference: CapacityReservationPreference.RESERVATIONS_FIRST,
      },
      fipsEnabled: true,
      instanceMetadataTagsPropagation: true,
      allowedInstanceTypes: [new ec2.InstanceType('c6i.*')],
      useLocalStorage: true,
      storageSize: Size.gibibytes(100),
      monitoring: ManagedInstancesMonitoring.DETAILED,
      scaleInAfter: Duration.minutes(10),
      propagateTags: true,
      computeEnvironmentName: 'mi_env',
      enabled: false,
    });
    env.addAllowedInstanceType(ec2.InstanceType.of(ec2.InstanceClass.M6I, ec2.InstanceSize.XLARGE));
    env.allowedInstanceTypes.pop();

    expect(env.infrastructureRole).toBe(infrastructureRole);
    expect(env.instanceRole).toBe(instanceRole);
    expect(env.allowedInstanceTypes.map(String)).toEqual(['c6i.*', 'm6i.xlarge']);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeEnvironmentName: 'mi_env',
      State: 'DISABLED',
      ComputeResources: {
        Type: 'ECS_MANAGED_INSTANCES',
        MaxvCpus: 64,
        ManagedInstancesProvider: {
          InfrastructureRoleArn: 'arn:aws:iam::123456789012:role/infra',
          InstanceLaunchTemplate: {
            CapacityOptionType: 'RESERVED',
            CapacityReservations: {
              ReservationGroupArn: 'arn:aws:resource-groups:us-east-1:123456789012:group/reservations',
              ReservationPreference: 'RESERVATIONS_FIRST',
            },
            FipsEnabled: true,
            InstanceMetadataTagsPropagation: true,
            InstanceRequirements: { AllowedInstanceTypes: ['c6i.*', 'm6i.xlarge'] },
            LocalStorageConfiguration: { UseLocalStorage: true },
            Monitoring: 'DETAILED',
            StorageConfiguration: { StorageSizeGiB: 100 },
          },
          InfrastructureOptimization: { ScaleInAfter: 600 },
          PropagateTags: 'CAPACITY_PROVIDER',
        },
      },
    });
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.hasResourceProperties('AWS::IAM::InstanceProfile', { Roles: ['ecsInstanceRoleMine'] });
  });

  test.each([
    ['spot: true', { spot: true }, 'SPOT'],
    ['capacityOptionType SPOT', { capacityOptionType: CapacityOptionType.SPOT }, 'SPOT'],
    ['capacityOptionType ON_DEMAND', { capacityOptionType: CapacityOptionType.ON_DEMAND }, 'ON_DEMAND'],
  ])('%s renders CapacityOptionType %s', (_name, props, expected) => {
    const { stack, vpc } = stackWithVpc();
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, ...props });
    expect(computeResources(Template.fromStack(stack)).ManagedInstancesProvider.InstanceLaunchTemplate.CapacityOptionType).toEqual(expected);
  });

  test.each([
    [false, 'NONE'],
    [true, 'CAPACITY_PROVIDER'],
  ])('propagateTags %s renders %s', (propagateTags, expected) => {
    const { stack, vpc } = stackWithVpc();
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, propagateTags });
    expect(computeResources(Template.fromStack(stack)).ManagedInstancesProvider.PropagateTags).toEqual(expected);
  });

  test('infrastructureOptimization: false renders ScaleInAfter -1', () => {
    const { stack, vpc } = stackWithVpc();
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, infrastructureOptimization: false });
    expect(computeResources(Template.fromStack(stack)).ManagedInstancesProvider.InfrastructureOptimization).toEqual({ ScaleInAfter: -1 });
  });

  test('Tags.of() tags the environment', () => {
    const { stack, vpc } = stackWithVpc();
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc });
    Tags.of(stack).add('team', 'ml');
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', { Tags: { team: 'ml' } });
  });

  test('update settings render an update policy only when given', () => {
    const { stack, vpc } = stackWithVpc();
    new EcsManagedInstancesComputeEnvironment(stack, 'Plain', { vpc });
    new EcsManagedInstancesComputeEnvironment(stack, 'Updating', { vpc, terminateOnUpdate: true, updateTimeout: Duration.minutes(15) });
    const envs = Object.values(Template.fromStack(stack).findResources('AWS::Batch::ComputeEnvironment'));
    expect(envs.map((e: any) => e.Properties.UpdatePolicy)).toEqual([undefined, { TerminateJobsOnUpdate: true, JobExecutionTimeoutMinutes: 15 }]);
  });

  test('updateToLatestImageVersion: true is a warning and is not rendered', () => {
    const { stack, vpc } = stackWithVpc();
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, updateToLatestImageVersion: true });
    expect(computeResources(Template.fromStack(stack)).UpdateToLatestImageVersion).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Stack/MI', Match.stringLikeRegexp('updateToLatestImageVersion is ignored'));
  });

  test('a queue of managed instances environments renders', () => {
    const { stack, vpc } = stackWithVpc();
    const env = new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc });
    new JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: env, order: 1 }] });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobQueue', {
      ComputeEnvironmentOrder: [{ ComputeEnvironment: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MI'), 'ComputeEnvironmentArn'] }, Order: 1 }],
    });
  });

  test('fromEcsManagedInstancesComputeEnvironmentArn() parses the name', () => {
    const { stack } = stackWithVpc();
    const env = EcsManagedInstancesComputeEnvironment.fromEcsManagedInstancesComputeEnvironmentArn(stack, 'Imported', ARN);
    expect(env.computeEnvironmentName).toEqual('mi');
    expect(env.env).toEqual({ account: '123456789012', region: 'us-east-1' });
    expectValidationError(() => EcsManagedInstancesComputeEnvironment.fromEcsManagedInstancesComputeEnvironmentArn(stack, 'Bad', 'mi'),
      /EcsManagedInstancesComputeEnvironment 'Stack\/Bad': ecsManagedInstancesComputeEnvironmentArn must be an ARN/);
  });

  test.each([
    ['spot with ON_DEMAND', { spot: true, capacityOptionType: CapacityOptionType.ON_DEMAND },
      /capacityOptionType must be SPOT or unset with spot: true, got ON_DEMAND/],
    ['scaleInAfter with infrastructureOptimization false', { infrastructureOptimization: false, scaleInAfter: Duration.seconds(5) },
      /scaleInAfter must not be set with infrastructureOptimization: false, got 5 seconds/],
    ['scaleInAfter over an hour', { scaleInAfter: Duration.seconds(3601) }, /scaleInAfter must be a whole number of seconds between 0 and 3600, got 1 hour 1 second/],
    ['a fractional scaleInAfter', { scaleInAfter: Duration.millis(1500) }, /scaleInAfter must be a whole number of seconds between 0 and 3600/],
    ['a token scaleInAfter in minutes', { scaleInAfter: Duration.minutes(Number(Token.asNumber({ Ref: 'X' }))) },
      /scaleInAfter must be created with Duration\.seconds\(\) when its value is unresolved/],
    ['a storage size of 0', { storageSize: Size.gibibytes(0) }, /storageSize must be a whole number of GiB, at least 1, got 0 GiB/],
    ['a storage size in MiB', { storageSize: Size.mebibytes(1536) }, /storageSize must be a whole number of GiB, at least 1, got 1\.5 GiB/],
    ['a name with a space', { computeEnvironmentName: 'a b' }, /computeEnvironmentName must be 1 to 128 characters/],
  ])('%s is rejected at construction', (_name, props, pattern) => {
    const { stack, vpc } = stackWithVpc();
    expectValidationError(() => new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, ...props as any }),
      new RegExp(`EcsManagedInstancesComputeEnvironment 'Stack/MI': .*${pattern.source}`));
  });

  test.each([
    ['401 allowed instance types', Array.from({ length: 401 }, (_, i) => new ec2.InstanceType(`m${i}.large`)),
      /allowedInstanceTypes must hold at most 400 instance types, got 401/],
    ['a name of 31 characters', [new ec2.InstanceType('x'.repeat(31))], /allowedInstanceTypes\[0\] must be 1 to 30 characters/],
  ])('%s fails synthesis', (_name, allowedInstanceTypes, pattern) => {
    const { stack, vpc } = stackWithVpc();
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, allowedInstanceTypes });
    expectSynthError(stack, pattern);
  });

  test('token settings pass', () => {
    const { stack, vpc } = stackWithVpc();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    const type = new CfnParameter(stack, 'Type').valueAsString;
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', {
      vpc,
      maxvCpus: n,
      storageSize: Size.gibibytes(n),
      scaleInAfter: Duration.seconds(n),
      allowedInstanceTypes: [new ec2.InstanceType(type)],
    });
    const resources = computeResources(Template.fromStack(stack));
    expect(resources.MaxvCpus).toEqual({ Ref: 'N' });
    expect(resources.ManagedInstancesProvider.InstanceLaunchTemplate.StorageConfiguration).toEqual({ StorageSizeGiB: { Ref: 'N' } });
    expect(resources.ManagedInstancesProvider.InfrastructureOptimization).toEqual({ ScaleInAfter: { Ref: 'N' } });
    expect(resources.ManagedInstancesProvider.InstanceLaunchTemplate.InstanceRequirements).toEqual({ AllowedInstanceTypes: [{ Ref: 'Type' }] });
  });
});

describe('EcsManagedInstancesComputeEnvironment capacity tags', () => {
  test('renders no CapacityTags without capacity tags', () => {
    // GIVEN
    const { stack, vpc } = stackWithVpc();

    // WHEN
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, capacityTags: {} });

    // THEN
    expect(computeResources(Template.fromStack(stack)).CapacityTags).toBeUndefined();
  });

  test('renders the given tags and those added after construction, a repeated key replaced, without a warning', () => {
    // GIVEN
    const { stack, vpc } = stackWithVpc();
    const env = new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, capacityTags: { team: 'genomics', stage: 'dev' } });

    // WHEN
    env.addCapacityTag('cost-center', 'research');
    env.addCapacityTag('stage', 'prod');

    // THEN
    expect(computeResources(Template.fromStack(stack)).CapacityTags).toEqual({ 'team': 'genomics', 'stage': 'prod', 'cost-center': 'research' });
    expect(warningRules(stack)).toEqual([]);
  });

  test('addCapacityTag() alone renders CapacityTags after the capacity provider settings', () => {
    const { stack, vpc } = stackWithVpc();
    const env = new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, propagateTags: false });
    env.addCapacityTag('team', 'genomics');
    const resources = computeResources(Template.fromStack(stack));
    expect(Object.keys(resources)).toEqual(['Type', 'MaxvCpus', 'ManagedInstancesProvider', 'CapacityTags']);
    expect(resources.CapacityTags).toEqual({ team: 'genomics' });
    expect(resources.ManagedInstancesProvider.PropagateTags).toEqual('NONE');
  });

  test('token keys, values and a token map pass and render, unchecked', () => {
    // GIVEN
    const { stack, vpc } = stackWithVpc();
    const value = new CfnParameter(stack, 'Value').valueAsString;
    const key = Lazy.string({ produce: () => 'aws:' + 'k'.repeat(200) });

    // WHEN
    const env = new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, capacityTags: { team: value } });
    env.addCapacityTag(key, 'v');
    new EcsManagedInstancesComputeEnvironment(stack, 'Whole', { vpc, capacityTags: Lazy.any({ produce: () => ({ a: 'b' }) }) as any });

    // THEN
    const envs = Object.values(Template.fromStack(stack).findResources('AWS::Batch::ComputeEnvironment'));
    expect(envs[0].Properties.ComputeResources.CapacityTags).toEqual({ 'team': { Ref: 'Value' }, ['aws:' + 'k'.repeat(200)]: 'v' });
    expect(envs[1].Properties.ComputeResources.CapacityTags).toEqual({ a: 'b' });
    expect(warningRules(stack)).toEqual([]);
  });

  test('addCapacityTag() on capacity tags given as one token fails', () => {
    const { stack, vpc } = stackWithVpc();
    const env = new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, capacityTags: Lazy.any({ produce: () => ({ a: 'b' }) }) as any });
    expectValidationError(() => env.addCapacityTag('team', 'genomics'),
      /EcsManagedInstancesComputeEnvironment 'Stack\/MI': addCapacityTag\(\) must not be called when capacityTags is given as one token, got the key 'team'/);
  });

  test.each<[string, { [key: string]: string }, string, RegExp]>([
    ['51 tags', Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])), 'capacityTagsQuota',
      /capacityTags holds 51 tags: other AWS Batch resources take at most 50/],
    ['a key of 129 characters', { ['k'.repeat(129)]: 'v' }, 'capacityTagRestrictions', /has a key of 129 characters \(1 to 128 on other Batch tags\)/],
    ['an empty key', { '': 'v' }, 'capacityTagRestrictions', /capacityTags\[''\] has a key of 0 characters/],
    ['a value of 257 characters', { team: 'v'.repeat(257) }, 'capacityTagRestrictions', /capacityTags\['team'\] has a value of 257 characters \(at most 256/],
    ['a key starting with aws: in any case', { 'AWS:team': 'v' }, 'capacityTagRestrictions', /has a key starting with the prefix aws:, which AWS reserves/],
    ['a value starting with aws:', { team: 'aws:x' }, 'capacityTagRestrictions', /has a value starting with the prefix aws:/],
  ])('%s passes with a warning (the Batch tag restrictions are not documented for capacity tags)', (_name, capacityTags, rule, pattern) => {
    // GIVEN
    const { stack, vpc } = stackWithVpc();

    // WHEN
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, capacityTags });

    // THEN
    const warnings = warningsOf(stack);
    expect(warnings.map((w) => w.id)).toEqual([`@aws-cdk/aws-batch-alpha:${rule}`]);
    expect(warnings[0].message).toMatch(pattern);
    expect(computeResources(Template.fromStack(stack)).CapacityTags).toEqual(capacityTags);
  });

  test('50 tags, a key of 128 and a value of 256 characters pass silently', () => {
    const { stack, vpc } = stackWithVpc();
    const capacityTags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']));
    new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, capacityTags: { ...capacityTags, ['k'.repeat(128)]: 'v'.repeat(256) } });
    expect(warningRules(stack)).toEqual([]);
  });

  test('a 51st tag added after construction warns', () => {
    const { stack, vpc } = stackWithVpc();
    const env = new EcsManagedInstancesComputeEnvironment(stack, 'MI', {
      vpc, capacityTags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])),
    });
    env.addCapacityTag('k50', 'v');
    expect(warningRules(stack)).toEqual(['capacityTagsQuota']);
  });

  test('keys of 1 to 128 and values of 0 to 256 characters pass silently, longer ones warn (property-based)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 140 }), fc.integer({ min: 0, max: 270 }), (keyLength, valueLength) => {
      const { stack, vpc } = stackWithVpc();
      new EcsManagedInstancesComputeEnvironment(stack, 'MI', { vpc, capacityTags: { ['k'.repeat(keyLength)]: 'v'.repeat(valueLength) } });
      const ok = keyLength <= 128 && valueLength <= 256;
      expect(warningRules(stack)).toEqual(ok ? [] : ['capacityTagRestrictions']);
    }), { numRuns: 20 });
  });
});
