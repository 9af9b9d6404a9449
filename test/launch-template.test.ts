import { CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import {
  ContainerInsights, EksMachineImageType, LaunchTemplateOverride, LaunchTemplateVersion, ManagedEc2EcsComputeEnvironment,
  ManagedEc2EksComputeEnvironment, UserdataType,
} from '../lib';
import { expectSynthError, expectValidationError, stackWithVpc } from './util';

type Env = ManagedEc2EcsComputeEnvironment | ManagedEc2EksComputeEnvironment;
type Make = (stack: Stack, vpc: ec2.IVpc, props: any) => Env;

const ENVIRONMENTS: Array<[string, Make]> = [
  ['ManagedEc2EcsComputeEnvironment', (stack, vpc, props) => new ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, ...props })],
  ['ManagedEc2EksComputeEnvironment', (stack, vpc, props) => new ManagedEc2EksComputeEnvironment(stack, 'CE', {
    vpc,
    eksCluster: eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'cluster' }),
    kubernetesNamespace: 'batch',
    ...props,
  })],
];

function computeResources(stack: Stack): any {
  return Object.values(Template.fromStack(stack).findResources('AWS::Batch::ComputeEnvironment'))[0].Properties.ComputeResources;
}

function template(stack: Stack, id = 'Template'): ec2.LaunchTemplate {
  return new ec2.LaunchTemplate(stack, id);
}

const M5 = ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE);
const M5_XL = ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.XLARGE);
const C5 = ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.LARGE);

describe('LaunchTemplateVersion', () => {
  test.each([
    ['latest()', LaunchTemplateVersion.latest(), '$Latest'],
    ['defaultVersion()', LaunchTemplateVersion.defaultVersion(), '$Default'],
    ['of(3)', LaunchTemplateVersion.of(3), '3'],
  ])('%s renders %s', (_name, version, expected) => {
    expect(version.version).toEqual(expected);
    expect(LaunchTemplateVersion.isLaunchTemplateVersion(version)).toBe(true);
  });

  test('a version number from a Lazy renders as a string (was: a number, which the L1 rejects)', () => {
    const { stack } = stackWithVpc();
    const version = LaunchTemplateVersion.of(Lazy.number({ produce: () => 7 }));
    expect(stack.resolve(version.version)).toEqual('7');
  });

  test('the template attributes render as GetAtt', () => {
    const { stack } = stackWithVpc();
    const lt = template(stack);
    const id = stack.getLogicalId(lt.node.defaultChild as any);
    expect(stack.resolve(LaunchTemplateVersion.latestVersionNumberOf(lt).version)).toEqual({ 'Fn::GetAtt': [id, 'LatestVersionNumber'] });
    expect(stack.resolve(LaunchTemplateVersion.defaultVersionNumberOf(lt).version)).toEqual({ 'Fn::GetAtt': [id, 'DefaultVersionNumber'] });
  });
});

describe.each(ENVIRONMENTS)('%s launch templates and EC2 settings', (_name, make) => {
  test('nothing new is rendered by default', () => {
    const { stack, vpc } = stackWithVpc();
    make(stack, vpc, { launchTemplate: template(stack) });
    const resources = computeResources(stack);
    expect(Object.keys(resources.LaunchTemplate)).toEqual(['LaunchTemplateId']);
    expect(resources.ScalingPolicy).toBeUndefined();
    expect(resources.Ec2KeyPair).toBeUndefined();
  });

  test('a version pinned to the template\'s latest version number', () => {
    const { stack, vpc } = stackWithVpc();
    const lt = template(stack);
    const env = make(stack, vpc, { launchTemplate: lt, launchTemplateVersion: LaunchTemplateVersion.latestVersionNumberOf(lt) });
    expect(env.launchTemplateVersion?.version).toBeDefined();
    const id = stack.getLogicalId(lt.node.defaultChild as any);
    expect(computeResources(stack).LaunchTemplate).toEqual({
      LaunchTemplateId: { Ref: id },
      Version: { 'Fn::GetAtt': [id, 'LatestVersionNumber'] },
    });
  });

  test.each([
    ['$Latest', LaunchTemplateVersion.latest()],
    ['7', LaunchTemplateVersion.of(7)],
  ])('version %s of a template imported by name', (expected, version) => {
    const { stack, vpc } = stackWithVpc();
    const lt = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'Imported', { launchTemplateName: 'nodes' });
    make(stack, vpc, { launchTemplate: lt, launchTemplateVersion: version });
    expect(computeResources(stack).LaunchTemplate).toEqual({ LaunchTemplateName: 'nodes', Version: expected });
  });

  test('overrides per instance type, also added later, with their own template and version', () => {
    const { stack, vpc } = stackWithVpc();
    const big = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'Big', { launchTemplateName: 'big' });
    const env = make(stack, vpc, {
      launchTemplate: template(stack),
      instanceClasses: [ec2.InstanceClass.M5],
      instanceTypes: [C5],
      launchTemplateOverrides: [{ launchTemplate: big, targetInstanceTypes: [M5_XL], version: LaunchTemplateVersion.latest() }],
    });
    const gpu = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'Gpu', { launchTemplateId: 'lt-0123456789abcdef0' });
    env.addLaunchTemplateOverride({ launchTemplate: gpu, targetInstanceTypes: [C5] });
    env.launchTemplateOverrides.pop();

    expect(env.launchTemplateOverrides).toHaveLength(2);
    expect(computeResources(stack).LaunchTemplate.Overrides).toEqual([
      { LaunchTemplateName: 'big', TargetInstanceTypes: ['m5.xlarge'], Version: '$Latest' },
      { LaunchTemplateId: 'lt-0123456789abcdef0', TargetInstanceTypes: ['c5.large'] },
    ]);
  });

  test('the same template whether the first override is given or added later', () => {
    const templateOf = (addLater: boolean): string => {
      const { stack, vpc } = stackWithVpc();
      const big = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'Big', { launchTemplateName: 'big' });
      const override: LaunchTemplateOverride = { launchTemplate: big, targetInstanceTypes: [M5_XL] };
      const env = make(stack, vpc, {
        launchTemplate: template(stack),
        instanceTypes: [M5_XL, C5],
        minScaleDownDelay: Duration.minutes(30),
        launchTemplateOverrides: addLater ? undefined : [override],
      });
      if (addLater) {
        env.addLaunchTemplateOverride(override);
      }
      env.addLaunchTemplateOverride({ launchTemplate: big, targetInstanceTypes: [C5] });
      return JSON.stringify(Template.fromStack(stack).toJSON());
    };
    const given = templateOf(false);
    expect(given).toContain('"Overrides":[{"LaunchTemplateName":"big","TargetInstanceTypes":["m5.xlarge"]},{"LaunchTemplateName":"big","TargetInstanceTypes":["c5.large"]}]');
    expect(given).toContain('"ScalingPolicy":{"MinScaleDownDelayMinutes":30}');
    // byte for byte
    expect(templateOf(true)).toEqual(given);
  });

  test('without overrides, no Overrides', () => {
    const { stack, vpc } = stackWithVpc();
    make(stack, vpc, { launchTemplate: template(stack), launchTemplateOverrides: [] });
    expect(computeResources(stack).LaunchTemplate.Overrides).toBeUndefined();
    expect(Object.keys(computeResources(stack).LaunchTemplate)).toContain('LaunchTemplateId');
  });

  test('ec2KeyPair and minScaleDownDelay', () => {
    const { stack, vpc } = stackWithVpc();
    const env = make(stack, vpc, { ec2KeyPair: 'ops', minScaleDownDelay: Duration.minutes(30) });
    expect(env.ec2KeyPair).toEqual('ops');
    expect(env.minScaleDownDelay?.toMinutes()).toEqual(30);
    const resources = computeResources(stack);
    expect(resources.Ec2KeyPair).toEqual('ops');
    expect(resources.ScalingPolicy).toEqual({ MinScaleDownDelayMinutes: 30 });
  });

  test.each([
    [Duration.minutes(0), 0],
    [Duration.hours(1), 60],
    [Duration.days(7), 10080],
  ])('minScaleDownDelay %s renders %d minutes', (delay, minutes) => {
    const { stack, vpc } = stackWithVpc();
    make(stack, vpc, { minScaleDownDelay: delay });
    expect(computeResources(stack).ScalingPolicy).toEqual({ MinScaleDownDelayMinutes: minutes });
  });

  test.each([
    ['a version without a launch template', { launchTemplateVersion: LaunchTemplateVersion.latest() },
      /launchTemplateVersion needs launchTemplate, got version '\$Latest' and no launch template/],
    ['version 0', { launchTemplate: 'lt', launchTemplateVersion: LaunchTemplateVersion.of(0) },
      /launchTemplateVersion must be a whole number at least 1, got 0/],
    ['a delay of 10 minutes', { minScaleDownDelay: Duration.minutes(10) },
      /minScaleDownDelay must be 0 or a whole number of minutes between 20 and 10080, got 10 minutes/],
    ['a delay of 8 days', { minScaleDownDelay: Duration.days(8) }, /minScaleDownDelay must be 0 or a whole number of minutes between 20 and 10080, got 8 days/],
    ['a delay of 90 seconds', { minScaleDownDelay: Duration.seconds(1290) }, /minScaleDownDelay must be 0 or a whole number of minutes/],
  ])('%s is rejected at construction', (_name, props: any, pattern) => {
    const { stack, vpc } = stackWithVpc();
    const given = props.launchTemplate === 'lt' ? { ...props, launchTemplate: template(stack) } : props;
    expectValidationError(() => make(stack, vpc, given), pattern);
  });

  test.each<[string, (stack: Stack) => any, RegExp]>([
    ['overrides without a launch template',
      (s) => ({ instanceTypes: [M5], launchTemplateOverrides: [{ launchTemplate: template(s, 'O'), targetInstanceTypes: [M5] }] }),
      /launchTemplateOverrides need launchTemplate/],
    ['eleven overrides', (s) => ({
      launchTemplate: template(s),
      instanceClasses: [ec2.InstanceClass.M5],
      launchTemplateOverrides: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', 'metal', '3xlarge', '6xlarge']
        .map((size) => ({ launchTemplate: template(s, `O${size}`), targetInstanceTypes: [new ec2.InstanceType(`m5.${size}`)] })),
    }), /launchTemplateOverrides must hold at most 10 overrides, got 11/],
    ['no target type', (s) => ({ launchTemplate: template(s), launchTemplateOverrides: [{ launchTemplate: template(s, 'O'), targetInstanceTypes: [] }] }),
      /launchTemplateOverrides\[0\]\.targetInstanceTypes must name at least one instance type, got none/],
    ['a type not among the environment\'s', (s) => ({
      launchTemplate: template(s), instanceTypes: [M5], launchTemplateOverrides: [{ launchTemplate: template(s, 'O'), targetInstanceTypes: [C5] }],
    }), /launchTemplateOverrides\[0\]\.targetInstanceTypes\[0\] must be among the environment's instance types and classes, got 'c5\.large'; the environment has \['m5\.large', 'optimal'\]/],
    ['a family when only a type of it is in the environment', (s) => ({
      launchTemplate: template(s), instanceTypes: [M5], launchTemplateOverrides: [{ launchTemplate: template(s, 'O'), targetInstanceTypes: [new ec2.InstanceType('m5')] }],
    }), /targetInstanceTypes\[0\] must be among the environment's instance types and classes, got 'm5'/],
    ['optimal', (s) => ({
      launchTemplate: template(s), launchTemplateOverrides: [{ launchTemplate: template(s, 'O'), targetInstanceTypes: [new ec2.InstanceType('optimal')] }],
    }), /targetInstanceTypes\[0\] must be an instance type or family, not 'optimal'/],
    ['a type and its family in two overrides', (s) => ({
      launchTemplate: template(s),
      instanceClasses: [ec2.InstanceClass.M5],
      launchTemplateOverrides: [
        { launchTemplate: template(s, 'A'), targetInstanceTypes: [new ec2.InstanceType('m5')] },
        { launchTemplate: template(s, 'B'), targetInstanceTypes: [M5] },
      ],
    }), /launchTemplateOverrides\[1\]\.targetInstanceTypes\[0\] 'm5\.large' overlaps 'm5' of launchTemplateOverrides\[0\]\.targetInstanceTypes\[0\]/],
    ['an override version 0', (s) => ({
      launchTemplate: template(s), instanceTypes: [M5],
      launchTemplateOverrides: [{ launchTemplate: template(s, 'O'), targetInstanceTypes: [M5], version: LaunchTemplateVersion.of(0) }],
    }), /launchTemplateOverrides\[0\]\.version must be a whole number at least 1, got 0/],
  ])('%s fails synthesis', (_name, props, pattern) => {
    const { stack, vpc } = stackWithVpc();
    make(stack, vpc, props(stack));
    expectSynthError(stack, pattern);
  });

  test('an instance type added later makes an override valid', () => {
    const { stack, vpc } = stackWithVpc();
    const override = template(stack, 'O');
    const env = make(stack, vpc, { launchTemplate: template(stack), launchTemplateOverrides: [{ launchTemplate: override, targetInstanceTypes: [C5] }] });
    env.addInstanceType(C5);
    expect(computeResources(stack).LaunchTemplate.Overrides).toEqual([
      { LaunchTemplateId: { Ref: stack.getLogicalId(override.node.defaultChild as any) }, TargetInstanceTypes: ['c5.large'] },
    ]);
  });

  test('tokens pass', () => {
    const { stack, vpc } = stackWithVpc();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    const type = new CfnParameter(stack, 'Type').valueAsString;
    const key = new CfnParameter(stack, 'Key').valueAsString;
    make(stack, vpc, {
      launchTemplate: template(stack),
      launchTemplateVersion: LaunchTemplateVersion.of(n),
      instanceTypes: [M5],
      launchTemplateOverrides: [{ launchTemplate: template(stack, 'O'), targetInstanceTypes: [new ec2.InstanceType(type)] }],
      ec2KeyPair: key,
      minScaleDownDelay: Duration.minutes(n),
    });
    const resources = computeResources(stack);
    expect(resources.LaunchTemplate.Version).toEqual({ Ref: 'N' });
    expect(resources.LaunchTemplate.Overrides[0].TargetInstanceTypes).toEqual([{ Ref: 'Type' }]);
    expect(resources.Ec2KeyPair).toEqual({ Ref: 'Key' });
    expect(resources.ScalingPolicy).toEqual({ MinScaleDownDelayMinutes: { Ref: 'N' } });
  });

  test('a token delay in seconds is rejected', () => {
    const { stack, vpc } = stackWithVpc();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expectValidationError(() => make(stack, vpc, { minScaleDownDelay: Duration.seconds(n) }),
      /minScaleDownDelay must be created with Duration\.minutes\(\) when its value is unresolved/);
  });
});

describe('EKS-only and ECS-only settings', () => {
  const eksEnv = ENVIRONMENTS[1][1];
  const ecsEnv = ENVIRONMENTS[0][1];

  test('an EKS override renders its userdataType', () => {
    const { stack, vpc } = stackWithVpc();
    const override: LaunchTemplateOverride = { launchTemplate: template(stack, 'O'), targetInstanceTypes: [M5], userdataType: UserdataType.EKS_NODEADM };
    eksEnv(stack, vpc, { launchTemplate: template(stack), instanceTypes: [M5], launchTemplateOverrides: [override] });
    expect(computeResources(stack).LaunchTemplate.Overrides[0].UserdataType).toEqual('EKS_NODEADM');
  });

  test('an ECS override with a userdataType fails synthesis', () => {
    const { stack, vpc } = stackWithVpc();
    ecsEnv(stack, vpc, {
      launchTemplate: template(stack),
      instanceTypes: [M5],
      launchTemplateOverrides: [{ launchTemplate: template(stack, 'O'), targetInstanceTypes: [M5], userdataType: UserdataType.EKS_BOOTSTRAP_SH }],
    });
    expectSynthError(stack, /ManagedEc2EcsComputeEnvironment 'Stack\/CE': launchTemplateOverrides\[0\]\.userdataType must not be set: it is for EKS compute environments, got EKS_BOOTSTRAP_SH/);
  });

  test('EKS images render their Kubernetes version', () => {
    const { stack, vpc } = stackWithVpc();
    eksEnv(stack, vpc, { images: [{ imageType: EksMachineImageType.EKS_AL2, imageKubernetesVersion: '1.30' }] });
    expect(computeResources(stack).Ec2Configuration).toEqual([{ ImageType: 'EKS_AL2', ImageKubernetesVersion: '1.30' }]);
  });

  test.each([ContainerInsights.ENABLED, ContainerInsights.ENHANCED, ContainerInsights.DISABLED])('ECS Container Insights %s', (setting) => {
    const { stack, vpc } = stackWithVpc();
    const env = ecsEnv(stack, vpc, { containerInsights: setting }) as ManagedEc2EcsComputeEnvironment;
    expect(env.containerInsights).toEqual(setting);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', { EcsSettings: { ContainerInsights: setting } });
  });

  test('no Container Insights setting renders no EcsSettings', () => {
    const { stack, vpc } = stackWithVpc();
    ecsEnv(stack, vpc, {});
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', { EcsSettings: Match.absent() });
  });
});
