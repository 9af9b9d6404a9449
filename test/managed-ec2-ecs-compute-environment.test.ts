import { CfnParameter, Duration, Lazy, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import {
  AllocationStrategy, EcsMachineImageType, ManagedEc2EcsComputeEnvironment, ManagedEc2EcsComputeEnvironmentProps,
} from '../lib';
import { expectSynthError, expectValidationError, stackWithVpc } from './util';
import { warningRules, warningsOf } from './util/warnings';

const KIND = /^ManagedEc2EcsComputeEnvironment 'Stack\/CE': /;

function build(props: Partial<ManagedEc2EcsComputeEnvironmentProps> = {}) {
  const { stack, vpc } = stackWithVpc();
  const ce = new ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, ...props });
  return { stack, vpc, ce };
}

function computeResources(stack: ReturnType<typeof build>['stack']): any {
  return Object.values(Template.fromStack(stack).findResources('AWS::Batch::ComputeEnvironment'))[0].Properties.ComputeResources;
}

describe('ManagedEc2EcsComputeEnvironment', () => {
  test('defaults: on-demand EC2, BEST_FIT_PROGRESSIVE, optimal instances, min 0, a new instance role and profile', () => {
    const { stack, ce } = build();

    expect(ce.allocationStrategy).toEqual(AllocationStrategy.BEST_FIT_PROGRESSIVE);
    expect(ce.minvCpus).toEqual(0);
    expect(ce.instanceTypes).toEqual([]);
    expect(ce.instanceClasses).toEqual([]);
    expect(ce.useOptimalInstanceClasses).toBe(true);
    expect(ce.spotFleetRole).toBeUndefined();
    expect(ce.images).toBeUndefined();
    const template = Template.fromStack(stack);
    // the instanceRole property is the role the instance profile holds
    expect(stack.resolve(ce.instanceRole!.roleName)).toEqual({ Ref: 'CEInstanceProfileRoleB7AE11E8' });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'ec2.amazonaws.com' } }] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role']] }],
    });
    template.hasResourceProperties('AWS::IAM::InstanceProfile', { Roles: [{ Ref: 'CEInstanceProfileRoleB7AE11E8' }] });
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: {
        Type: 'EC2',
        AllocationStrategy: 'BEST_FIT_PROGRESSIVE',
        InstanceTypes: ['optimal'],
        MinvCpus: 0,
        InstanceRole: { 'Fn::GetAtt': ['CEInstanceProfileF34B754D', 'Arn'] },
      },
    });
    const resources = computeResources(stack);
    for (const absent of ['BidPercentage', 'SpotIamFleetRole', 'LaunchTemplate', 'Ec2Configuration', 'PlacementGroup', 'Tags']) {
      expect(resources).not.toHaveProperty(absent);
    }
  });

  test('renders instance role, launch template, placement group, images and vCPUs', () => {
    const { stack, vpc } = stackWithVpc();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    const launchTemplate = new ec2.LaunchTemplate(stack, 'LT');
    const placementGroup = new ec2.PlacementGroup(stack, 'PG');
    const ce = new ManagedEc2EcsComputeEnvironment(stack, 'CE', {
      vpc,
      instanceRole: role,
      launchTemplate,
      placementGroup,
      minvCpus: 4,
      maxvCpus: 8,
      images: [
        { imageType: EcsMachineImageType.ECS_AL2_NVIDIA },
        { image: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-1234' }) },
      ],
    });

    expect(ce.instanceRole).toBe(role);
    expect(ce.launchTemplate).toBe(launchTemplate);
    expect(ce.placementGroup).toBe(placementGroup);
    expect(ce.minvCpus).toEqual(4);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::InstanceProfile', { Roles: [{ Ref: Match.stringLikeRegexp('^Role') }] });
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: {
        MinvCpus: 4,
        MaxvCpus: 8,
        LaunchTemplate: { LaunchTemplateId: { Ref: Match.stringLikeRegexp('^LT') } },
        PlacementGroup: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PG'), 'GroupName'] },
        Ec2Configuration: [
          { ImageType: 'ECS_AL2_NVIDIA' },
          { ImageType: 'ECS_AL2', ImageIdOverride: Match.anyValue() },
        ],
      },
    });
  });

  test('a launch template imported by name is rendered by name', () => {
    const { stack, vpc } = stackWithVpc();
    const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'LT', { launchTemplateName: 'my-template' });
    new ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, launchTemplate });
    expect(computeResources(stack).LaunchTemplate).toEqual({ LaunchTemplateName: 'my-template' });
  });

  test('the images property is a copy of the props array', () => {
    const images = [{ imageType: EcsMachineImageType.ECS_AL2 }];
    const { ce } = build({ images });
    images.push({ imageType: EcsMachineImageType.ECS_AL2_NVIDIA });
    expect(ce.images).toHaveLength(1);
  });

  describe('instance types and classes', () => {
    test('types, then classes, then optimal', () => {
      const { stack } = build({
        instanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.M5AD, ec2.InstanceSize.LARGE)],
        instanceClasses: [ec2.InstanceClass.R4],
      });
      expect(computeResources(stack).InstanceTypes).toEqual(['m5ad.large', 'r4', 'optimal']);
    });

    test('addInstanceType() and addInstanceClass() after construction', () => {
      const { stack, ce } = build({ useOptimalInstanceClasses: false });
      ce.addInstanceType(new ec2.InstanceType('c5.xlarge'));
      ce.addInstanceClass(ec2.InstanceClass.M5);
      expect(ce.instanceTypes.map(String)).toEqual(['c5.xlarge']);
      expect(ce.instanceClasses).toEqual([ec2.InstanceClass.M5]);
      expect(computeResources(stack).InstanceTypes).toEqual(['c5.xlarge', 'm5']);
    });

    test('the instance lists are copies', () => {
      const { ce } = build();
      ce.instanceTypes.push(new ec2.InstanceType('c5.large'));
      ce.instanceClasses.push(ec2.InstanceClass.C5);
      expect(ce.instanceTypes).toEqual([]);
      expect(ce.instanceClasses).toEqual([]);
    });

    test('descriptive instance class aliases render as their EC2 family', () => {
      const { stack } = build({ useOptimalInstanceClasses: false, instanceClasses: [ec2.InstanceClass.STANDARD6_GRAVITON] });
      expect(computeResources(stack).InstanceTypes).toEqual(['m6g']);
    });

    test('no instances at all fails at synthesis', () => {
      const { stack } = build({ useOptimalInstanceClasses: false });
      expectSynthError(stack, /ManagedEc2EcsComputeEnvironment 'Stack\/CE': instanceTypes and instanceClasses must name at least one instance when useOptimalInstanceClasses is false, got none/);
    });

    test('an instance added later satisfies the check', () => {
      const { stack, ce } = build({ useOptimalInstanceClasses: false });
      ce.addInstanceClass(ec2.InstanceClass.C5);
      expect(computeResources(stack).InstanceTypes).toEqual(['c5']);
    });

    test.each([
      ['A1 with optimal', { instanceClasses: [ec2.InstanceClass.A1] }, /arm64 \['a1'\] and x86_64 \['optimal'\]; 'optimal' is x86_64/],
      ['a Graviton type with an x86 class', {
        useOptimalInstanceClasses: false,
        instanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.C7G, ec2.InstanceSize.LARGE)],
        instanceClasses: [ec2.InstanceClass.C5],
      }, /instance types and classes must all have one CPU architecture, got arm64 \['c7g.large'\] and x86_64 \['c5'\]$/],
    ])('%s fails at synthesis', (_name, props, message) => {
      const { stack } = build(props);
      expectSynthError(stack, message);
    });

    test('an ARM class added later is checked too', () => {
      const { stack, ce } = build({ useOptimalInstanceClasses: false, instanceClasses: [ec2.InstanceClass.M5] });
      ce.addInstanceClass(ec2.InstanceClass.M6G);
      expectSynthError(stack, /got x86_64 \['m5'\] and arm64 \['m6g'\]/);
    });

    test('ARM only passes', () => {
      const { stack, ce } = build({ useOptimalInstanceClasses: false, instanceClasses: [ec2.InstanceClass.A1] });
      ce.addInstanceType(new ec2.InstanceType('m7g.large'));
      expect(computeResources(stack).InstanceTypes).toEqual(['m7g.large', 'a1']);
    });

    test('token instance types are not checked', () => {
      const { stack, vpc } = stackWithVpc();
      const type = new CfnParameter(stack, 'Type').valueAsString;
      new ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, instanceTypes: [new ec2.InstanceType(type)], instanceClasses: [ec2.InstanceClass.A1], useOptimalInstanceClasses: false });
      expect(computeResources(stack).InstanceTypes).toEqual([{ Ref: 'Type' }, 'a1']);
    });
  });

  describe('Spot', () => {
    test('spot defaults to SPOT_PRICE_CAPACITY_OPTIMIZED without a fleet role', () => {
      const { stack, ce } = build({ spot: true });
      expect(ce.spot).toBe(true);
      expect(ce.allocationStrategy).toEqual(AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED);
      expect(ce.spotFleetRole).toBeUndefined();
      const resources = computeResources(stack);
      expect(resources.Type).toEqual('SPOT');
      expect(resources.AllocationStrategy).toEqual('SPOT_PRICE_CAPACITY_OPTIMIZED');
      expect(resources).not.toHaveProperty('SpotIamFleetRole');
    });

    test('spot with a bid percentage', () => {
      const { stack, ce } = build({ spot: true, spotBidPercentage: 20 });
      expect(ce.spotBidPercentage).toEqual(20);
      expect(computeResources(stack).BidPercentage).toEqual(20);
    });

    test('spot with BEST_FIT creates a fleet role with the Spot Fleet tagging policy', () => {
      const { stack, ce } = build({ spot: true, allocationStrategy: AllocationStrategy.BEST_FIT });
      const template = Template.fromStack(stack);
      const fleetRoles = template.findResources('AWS::IAM::Role', {
        Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'spotfleet.amazonaws.com' } }] } },
      });
      // the spotFleetRole property is that role, the one the compute environment uses
      expect(Object.keys(fleetRoles)).toHaveLength(1);
      const fleetRoleArn = { 'Fn::GetAtt': [Object.keys(fleetRoles)[0], 'Arn'] };
      expect(stack.resolve(ce.spotFleetRole!.roleArn)).toEqual(fleetRoleArn);
      expect(computeResources(stack).SpotIamFleetRole).toEqual(fleetRoleArn);
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'spotfleet.amazonaws.com' } }] },
        ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole']] }],
      });
      expect(computeResources(stack).SpotIamFleetRole).toEqual({ 'Fn::GetAtt': ['CESpotFleetRoleF7151646', 'Arn'] });
    });

    test('a given fleet role is used', () => {
      const { stack, vpc } = stackWithVpc();
      const spotFleetRole = iam.Role.fromRoleArn(stack, 'Fleet', 'arn:aws:iam::123456789012:role/fleet');
      const ce = new ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, spot: true, spotFleetRole });
      expect(ce.spotFleetRole).toBe(spotFleetRole);
      expect(computeResources(stack).SpotIamFleetRole).toEqual('arn:aws:iam::123456789012:role/fleet');
    });

    test('on-demand BEST_FIT creates no fleet role', () => {
      const { stack, ce } = build({ allocationStrategy: AllocationStrategy.BEST_FIT });
      expect(ce.spotFleetRole).toBeUndefined();
      Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
    });
  });

  describe('validation', () => {
    const fleetRole = () => new iam.Role(stackWithVpc().stack, 'R', { assumedBy: new iam.ServicePrincipal('spotfleet.amazonaws.com') });
    test.each<[string, Partial<ManagedEc2EcsComputeEnvironmentProps>, RegExp]>([
      ['negative minvCpus', { minvCpus: -1 }, /minvCpus must be a whole number at least 0, got -1/],
      ['fractional minvCpus', { minvCpus: 0.5 }, /minvCpus must be a whole number at least 0, got 0.5/],
      ['minvCpus above maxvCpus', { minvCpus: 10, maxvCpus: 5 }, /minvCpus must not exceed maxvCpus, got minvCpus 10 and maxvCpus 5/],
      ['minvCpus above the default maxvCpus', { minvCpus: 257 }, /minvCpus must not exceed maxvCpus, got minvCpus 257 and maxvCpus 256/],
      ['SPOT_CAPACITY_OPTIMIZED without spot', { allocationStrategy: AllocationStrategy.SPOT_CAPACITY_OPTIMIZED }, /allocationStrategy SPOT_CAPACITY_OPTIMIZED needs spot: true, got spot: false/],
      ['SPOT_PRICE_CAPACITY_OPTIMIZED without spot', { spot: false, allocationStrategy: AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED }, /allocationStrategy SPOT_PRICE_CAPACITY_OPTIMIZED needs spot: true/],
      ['a bid without spot', { spotBidPercentage: 50 }, /spotBidPercentage needs spot: true, got spotBidPercentage 50 and spot: false/],
      ['a negative bid', { spot: true, spotBidPercentage: -1 }, /spotBidPercentage must be a whole number between 0 and 100, got -1$/],
      ['a bid above 100', { spot: true, spotBidPercentage: 101 }, /spotBidPercentage must be a whole number between 0 and 100, got 101$/],
      ['a fractional bid', { spot: true, spotBidPercentage: 50.5 }, /spotBidPercentage must be a whole number between 0 and 100, got 50.5$/],
      ['a fleet role without spot', { spotFleetRole: undefined }, /spotFleetRole needs spot: true, got spot: false/],
    ])('%s is rejected', (name, props, message) => {
      const given = name === 'a fleet role without spot' ? { spotFleetRole: fleetRole() } : props;
      expect(() => build(given)).toThrow(KIND);
      expectValidationError(() => build(given), message);
    });

    test('every problem is reported at once', () => {
      expectValidationError(() => build({ minvCpus: -1, spotBidPercentage: 500 }),
        /minvCpus must be a whole number at least 0, got -1\n.*spotBidPercentage needs spot: true[\s\S]*spotBidPercentage must be a whole number between 0 and 100, got 500/);
    });

    test('spotBidPercentage: 0 to 100 pass, others fail (property-based)', () => {
      fc.assert(fc.property(fc.integer({ min: -50, max: 200 }), (spotBidPercentage) => {
        const create = () => build({ spot: true, spotBidPercentage });
        if (spotBidPercentage >= 0 && spotBidPercentage <= 100) {
          expect(create().ce.spotBidPercentage).toEqual(spotBidPercentage);
        } else {
          expectValidationError(create, /spotBidPercentage must be a whole number between 0 and 100/);
        }
      }), { numRuns: 30 });
    });

    test('a bid of 0 is rendered, with a warning (no AWS page gives a minimum)', () => {
      const { stack } = build({ spot: true, spotBidPercentage: 0 });
      expect(computeResources(stack).BidPercentage).toEqual(0);
      expect(warningsOf(stack)).toEqual([{
        path: '/Stack/CE',
        id: '@aws-cdk/aws-batch-alpha:spotBidPercentageZero',
        message: 'spotBidPercentage is 0: Batch documents no minimum, but no Spot instance is offered at 0% of the On-Demand price, '
          + 'so this compute environment may never launch one',
      }]);
    });

    test('a bid of 1 gives no warning', () => {
      expect(warningRules(build({ spot: true, spotBidPercentage: 1 }).stack)).toEqual([]);
    });

    test('minvCpus up to maxvCpus pass, above fail (property-based)', () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 512 }), fc.integer({ min: 0, max: 512 }), (minvCpus, maxvCpus) => {
        const create = () => build({ minvCpus, maxvCpus });
        if (minvCpus <= maxvCpus) {
          expect(create().ce.minvCpus).toEqual(minvCpus);
        } else {
          expectValidationError(create, /minvCpus must not exceed maxvCpus/);
        }
      }), { numRuns: 30 });
    });

    test('tokens pass unvalidated', () => {
      const { stack, vpc } = stackWithVpc();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      new ManagedEc2EcsComputeEnvironment(stack, 'CE', {
        vpc, spot: true, minvCpus: n, maxvCpus: 4, spotBidPercentage: n,
        allocationStrategy: Lazy.string({ produce: () => 'BEST_FIT' }) as AllocationStrategy,
      });
      expect(computeResources(stack)).toMatchObject({ MinvCpus: { Ref: 'N' }, BidPercentage: { Ref: 'N' }, AllocationStrategy: 'BEST_FIT' });
    });
  });

  test('Tags.of() tags the instances too', () => {
    const { stack, ce } = build();
    Tags.of(ce).add('super', 'salamander');
    expect(computeResources(stack).Tags).toEqual({ super: 'salamander' });
  });

  describe('fromManagedEc2EcsComputeEnvironmentArn()', () => {
    const ARN = 'arn:aws:batch:us-west-2:111122223333:compute-environment/my-ce';

    test('parses the name and environment', () => {
      const { stack } = stackWithVpc();
      const ce = ManagedEc2EcsComputeEnvironment.fromManagedEc2EcsComputeEnvironmentArn(stack, 'Imported', ARN);
      expect(ce.computeEnvironmentArn).toEqual(ARN);
      expect(ce.computeEnvironmentName).toEqual('my-ce');
      expect(ce.env.region).toEqual('us-west-2');
      expect(ce.env.account).toEqual('111122223333');
      expect(ce.enabled).toBe(true);
      expect(ce.instanceTypes).toEqual([]);
      expect(ce.securityGroups).toEqual([]);
      expect(ce.connections.securityGroups).toEqual([]);
    });

    test('adding instances to an import is an error', () => {
      const { stack } = stackWithVpc();
      const ce = ManagedEc2EcsComputeEnvironment.fromManagedEc2EcsComputeEnvironmentArn(stack, 'Imported', ARN);
      expect(() => ce.addInstanceClass(ec2.InstanceClass.C5)).toThrow(/'Stack\/Imported': cannot add an instance class to an imported compute environment/);
      expect(() => ce.addInstanceType(new ec2.InstanceType('c5.large'))).toThrow(/cannot add an instance type to an imported compute environment/);
    });

    test('a token ARN yields a name split at deploy time', () => {
      const { stack } = stackWithVpc();
      const arn = new CfnParameter(stack, 'Arn').valueAsString;
      const ce = ManagedEc2EcsComputeEnvironment.fromManagedEc2EcsComputeEnvironmentArn(stack, 'Imported', arn);
      expect(stack.resolve(ce.computeEnvironmentName)).toEqual({
        'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'Arn' }] }] }] }],
      });
    });
  });
});

describe('robustness', () => {
  test('two generic images do not collide', () => {
    const { stack } = build({
      images: [
        { image: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-11111111' }) },
        { image: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-22222222' }), imageType: EcsMachineImageType.ECS_AL2_NVIDIA },
      ],
    });
    const config = computeResources(stack).Ec2Configuration;
    expect(config).toHaveLength(2);
    expect(config[0].ImageIdOverride).not.toEqual(config[1].ImageIdOverride);
    expect(Object.keys(Template.fromStack(stack).toJSON().Mappings)).toHaveLength(2);
  });

  test('a token updateTimeout must be in minutes', () => {
    const { stack, vpc } = stackWithVpc();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expectValidationError(() => new ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, updateTimeout: Duration.hours(n) }),
      /^ManagedEc2EcsComputeEnvironment 'Stack\/CE': updateTimeout must be created with Duration.minutes\(\) when its value is unresolved, got Duration.hours\(<token>\)$/);
  });
});
