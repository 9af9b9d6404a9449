import { CfnParameter, Stack, Tags, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  AllocationStrategy, EksAccessEntryDesiredState, EksMachineImageType, ManagedEc2EksComputeEnvironment, ManagedEc2EksComputeEnvironmentProps,
} from '../lib';
import { expectSynthError, expectValidationError, stackWithVpc } from './util';
import { warningsOf } from './util/warnings';

function build(props: Partial<ManagedEc2EksComputeEnvironmentProps> = {}) {
  const { stack, vpc } = stackWithVpc();
  const eksCluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'batch-cluster' });
  const ce = new ManagedEc2EksComputeEnvironment(stack, 'CE', { vpc, eksCluster, kubernetesNamespace: 'batch', ...props });
  return { stack, ce, eksCluster };
}

function properties(stack: ReturnType<typeof build>['stack']): any {
  return Object.values(Template.fromStack(stack).findResources('AWS::Batch::ComputeEnvironment'))[0].Properties;
}

describe('ManagedEc2EksComputeEnvironment', () => {
  test('renders the cluster and namespace, with the EC2 defaults', () => {
    const { stack, ce, eksCluster } = build();
    expect(ce.eksCluster).toBe(eksCluster);
    expect(ce.kubernetesNamespace).toEqual('batch');
    expect(ce.allocationStrategy).toEqual(AllocationStrategy.BEST_FIT_PROGRESSIVE);
    const props = properties(stack);
    expect(props.EksConfiguration).toEqual({
      EksClusterArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':eks:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':cluster/batch-cluster']] },
      KubernetesNamespace: 'batch',
    });
    expect(props.ComputeResources).toMatchObject({
      Type: 'EC2',
      AllocationStrategy: 'BEST_FIT_PROGRESSIVE',
      InstanceTypes: ['optimal'],
      MinvCpus: 0,
      InstanceRole: { 'Fn::GetAtt': ['CEInstanceProfileF34B754D', 'Arn'] },
    });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::InstanceProfile', 1);
  });

  test('images default to EKS_AL2', () => {
    const { stack, ce } = build({ images: [{}, { imageType: EksMachineImageType.EKS_AL2_NVIDIA }] });
    expect(ce.images).toHaveLength(2);
    expect(properties(stack).ComputeResources.Ec2Configuration).toEqual([{ ImageType: 'EKS_AL2' }, { ImageType: 'EKS_AL2_NVIDIA' }]);
  });

  test('spot defaults to SPOT_PRICE_CAPACITY_OPTIMIZED', () => {
    const { stack, ce } = build({ spot: true });
    expect(ce.allocationStrategy).toEqual(AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED);
    expect(properties(stack).ComputeResources).toMatchObject({ Type: 'SPOT', AllocationStrategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED' });
  });

  test('addInstanceType() and addInstanceClass() after construction', () => {
    const { stack, ce } = build({ useOptimalInstanceClasses: false });
    ce.addInstanceType(new ec2.InstanceType('m5.large'));
    ce.addInstanceClass(ec2.InstanceClass.C5);
    expect(properties(stack).ComputeResources.InstanceTypes).toEqual(['m5.large', 'c5']);
  });

  test('Tags.of() tags the environment and the instances', () => {
    const { stack, ce } = build();
    Tags.of(ce).add('k', 'v');
    const props = properties(stack);
    expect(props.Tags).toEqual({ k: 'v' });
    expect(props.ComputeResources.Tags).toEqual({ k: 'v' });
  });

  test('mixing ARM and x86 fails at synthesis', () => {
    const { stack, ce } = build();
    ce.addInstanceClass(ec2.InstanceClass.M6G);
    expectSynthError(stack, /ManagedEc2EksComputeEnvironment 'Stack\/CE': instance types and classes must all have one CPU architecture, got arm64 \['m6g'\] and x86_64 \['optimal'\]/);
  });

  describe('validation', () => {
    test.each<[string, Partial<ManagedEc2EksComputeEnvironmentProps>, RegExp]>([
      ['BEST_FIT', { allocationStrategy: AllocationStrategy.BEST_FIT }, /allocationStrategy must not be BEST_FIT: EKS compute environments do not support it/],
      ['BEST_FIT with spot', { spot: true, allocationStrategy: AllocationStrategy.BEST_FIT }, /allocationStrategy must not be BEST_FIT/],
      ['a spot strategy without spot', { allocationStrategy: AllocationStrategy.SPOT_CAPACITY_OPTIMIZED }, /allocationStrategy SPOT_CAPACITY_OPTIMIZED needs spot: true, got spot: false/],
      ['a bid percentage without spot', { spotBidPercentage: 50 }, /spotBidPercentage needs spot: true, got spotBidPercentage 50 and spot: false/],
      ['a bid percentage above 100', { spot: true, spotBidPercentage: 101 }, /spotBidPercentage must be a whole number between 0 and 100, got 101/],
      ['minvCpus above maxvCpus', { minvCpus: 9, maxvCpus: 8 }, /minvCpus must not exceed maxvCpus, got minvCpus 9 and maxvCpus 8/],
      ['the default namespace', { kubernetesNamespace: 'default' }, /kubernetesNamespace must not be 'default' or start with 'kube-', got 'default'/],
      ['a kube- namespace', { kubernetesNamespace: 'kube-system' }, /kubernetesNamespace must not be 'default' or start with 'kube-', got 'kube-system'/],
      ['a namespace of 64 characters', { kubernetesNamespace: 'n'.repeat(64) }, /kubernetesNamespace must be 1 to 63 lower-case letters, digits and hyphens/],
      ['an upper-case namespace', { kubernetesNamespace: 'Batch' }, /kubernetesNamespace must be 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit, got 'Batch'/],
      ['a namespace ending in a hyphen', { kubernetesNamespace: 'batch-' }, /kubernetesNamespace must be 1 to 63/],
      ['an empty namespace', { kubernetesNamespace: '' }, /kubernetesNamespace must be 1 to 63/],
    ])('%s is rejected', (_name, props, message) => {
      expectValidationError(() => build(props), new RegExp(`^ManagedEc2EksComputeEnvironment 'Stack/CE': [\\s\\S]*${message.source}`));
    });

    test('a namespace of 63 characters passes', () => {
      const { ce } = build({ kubernetesNamespace: `a${'-'.repeat(61)}z` });
      expect(ce.kubernetesNamespace).toHaveLength(63);
    });

    test('a token namespace passes', () => {
      const { stack } = stackWithVpc();
      const ns = new CfnParameter(stack, 'Ns').valueAsString;
      const eksCluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' });
      new ManagedEc2EksComputeEnvironment(stack, 'CE', { vpc: new ec2.Vpc(stack, 'V'), eksCluster, kubernetesNamespace: ns });
      expect(properties(stack).EksConfiguration.KubernetesNamespace).toEqual({ Ref: 'Ns' });
    });
  });
});

describe('ManagedEc2EksComputeEnvironment access entry', () => {
  /** An `eks.Cluster` made with the given authentication mode (a prop aws-cdk-lib 2.95.1's cluster does not have). */
  function clusterIn(stack: Stack, authenticationMode: string): eks.ICluster {
    return new eks.Cluster(stack, 'Cluster', {
      version: eks.KubernetesVersion.of('1.30'),
      defaultCapacity: 0,
      kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(stack, 'Kubectl', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1'),
      authenticationMode,
    } as eks.ClusterProps);
  }
  /** Whether the installed aws-cdk-lib's `eks.Cluster` has an authentication mode at all (2.95.1's has none). */
  const clustersKnowTheirMode = 'AuthenticationMode' in eks;

  test.each(Object.values(EksAccessEntryDesiredState))('%s renders EksConfiguration.AccessEntry.DesiredState', (state) => {
    // GIVEN / WHEN
    const { stack, ce } = build({ accessEntryDesiredState: state });

    // THEN
    expect(ce.accessEntryDesiredState).toEqual(state);
    const eksConfiguration = properties(stack).EksConfiguration;
    expect(Object.keys(eksConfiguration)).toEqual(['AccessEntry', 'EksClusterArn', 'KubernetesNamespace']);
    expect(eksConfiguration.AccessEntry).toEqual({ DesiredState: state });
  });

  test('nothing is rendered when no state is given', () => {
    const { stack, ce } = build();
    expect(ce.accessEntryDesiredState).toBeUndefined();
    expect(properties(stack).EksConfiguration.AccessEntry).toBeUndefined();
  });

  test('a token state passes and renders', () => {
    const { stack } = stackWithVpc();
    const state = new CfnParameter(stack, 'State').valueAsString as EksAccessEntryDesiredState;
    const eksCluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' });
    new ManagedEc2EksComputeEnvironment(stack, 'CE', { vpc: new ec2.Vpc(stack, 'V'), eksCluster, kubernetesNamespace: 'batch', accessEntryDesiredState: state });
    expect(properties(stack).EksConfiguration.AccessEntry).toEqual({ DesiredState: { Ref: 'State' } });
  });

  test('DISABLED on an eks.Cluster whose authentication mode is API is rejected (on an aws-cdk-lib whose clusters have a mode)', () => {
    // GIVEN
    const { stack, vpc } = stackWithVpc();
    const eksCluster = clusterIn(stack, 'API');

    // WHEN
    const create = () => new ManagedEc2EksComputeEnvironment(stack, 'CE', {
      vpc, eksCluster, kubernetesNamespace: 'batch', accessEntryDesiredState: EksAccessEntryDesiredState.DISABLED,
    });

    // THEN
    if (clustersKnowTheirMode) {
      expectValidationError(create, new RegExp("^ManagedEc2EksComputeEnvironment 'Stack/CE': accessEntryDesiredState must be ENABLED or "
        + 'INHERIT_FROM_CLUSTER on a cluster whose authentication mode is API, got DISABLED$'));
    } else {
      expect(create).not.toThrow();
    }
  });

  // (the clusters' own templates differ between aws-cdk-lib versions: these cases are built, not synthesized)
  test.each<[string, string | undefined, EksAccessEntryDesiredState]>([
    ['a token on an API cluster', 'API', Token.asString({ Ref: 'State' }) as EksAccessEntryDesiredState],
    ['ENABLED on an API cluster', 'API', EksAccessEntryDesiredState.ENABLED],
    ['INHERIT_FROM_CLUSTER on an API cluster', 'API', EksAccessEntryDesiredState.INHERIT_FROM_CLUSTER],
    ['DISABLED on an API_AND_CONFIG_MAP cluster', 'API_AND_CONFIG_MAP', EksAccessEntryDesiredState.DISABLED],
    ['DISABLED on a CONFIG_MAP cluster', 'CONFIG_MAP', EksAccessEntryDesiredState.DISABLED],
    ['DISABLED on an imported cluster (its mode is unknown)', undefined, EksAccessEntryDesiredState.DISABLED],
  ])('%s passes', (_name, mode, accessEntryDesiredState) => {
    const { stack, vpc } = stackWithVpc();
    const eksCluster = mode === undefined ? eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' }) : clusterIn(stack, mode);
    const ce = new ManagedEc2EksComputeEnvironment(stack, 'CE', { vpc, eksCluster, kubernetesNamespace: 'batch', accessEntryDesiredState });
    expect(ce.accessEntryDesiredState).toBe(accessEntryDesiredState);
  });

  describe('environments of one cluster that ask for different states', () => {
    type State = EksAccessEntryDesiredState | undefined;
    function environments(states: State[], clusters: (stack: Stack) => eks.ICluster[]) {
      const { stack, vpc } = stackWithVpc();
      const targets = clusters(stack);
      states.forEach((accessEntryDesiredState, i) => new ManagedEc2EksComputeEnvironment(stack, `CE${i}`, {
        vpc, eksCluster: targets[Math.min(i, targets.length - 1)], kubernetesNamespace: 'batch', accessEntryDesiredState,
      }));
      return stack;
    }
    const oneCluster = (stack: Stack) => [eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' })];
    const { ENABLED, DISABLED, INHERIT_FROM_CLUSTER } = EksAccessEntryDesiredState;

    test('ENABLED next to an environment without a state warns, naming the other', () => {
      // GIVEN / WHEN
      const stack = environments([ENABLED, undefined], oneCluster);

      // THEN
      const warnings = warningsOf(stack);
      expect(warnings.map((w) => [w.path, w.id])).toEqual([['/Stack/CE0', '@aws-cdk/aws-batch-alpha:eksAccessEntryStatesDiffer']]);
      expect(warnings[0].message).toMatch(/^accessEntryDesiredState is ENABLED, but 'Stack\/CE1' \(not given \(INHERIT_FROM_CLUSTER\)\) of the same cluster differ: Batch creates or deletes the access entry only when every compute environment of the cluster asks for the same state/);
    });

    test('ENABLED next to DISABLED and INHERIT_FROM_CLUSTER: each warns, naming the others', () => {
      const warnings = warningsOf(environments([ENABLED, DISABLED, INHERIT_FROM_CLUSTER], oneCluster));
      expect(warnings.map((w) => w.path)).toEqual(['/Stack/CE0', '/Stack/CE1', '/Stack/CE2']);
      expect(warnings[1].message).toMatch(/^accessEntryDesiredState is DISABLED, but 'Stack\/CE0' \(ENABLED\), 'Stack\/CE2' \(INHERIT_FROM_CLUSTER\) of the same cluster differ/);
    });

    test.each<[string, State[], (stack: Stack) => eks.ICluster[]]>([
      ['the same state everywhere', [DISABLED, DISABLED, DISABLED], oneCluster],
      ['no state anywhere', [undefined, undefined], oneCluster],
      ['INHERIT_FROM_CLUSTER next to no state (what Batch applies)', [INHERIT_FROM_CLUSTER, undefined], oneCluster],
      ['different states on different clusters', [ENABLED, DISABLED], (stack) => [
        eks.Cluster.fromClusterAttributes(stack, 'A', { clusterName: 'a' }), eks.Cluster.fromClusterAttributes(stack, 'B', { clusterName: 'b' }),
      ]],
    ])('%s: no warning', (_name, states, clusters) => {
      expect(warningsOf(environments(states, clusters))).toEqual([]);
    });

    test('two imports of one cluster ARN are one cluster', () => {
      const arn = 'arn:aws:eks:us-east-1:123456789012:cluster/c';
      const stack = environments([ENABLED, DISABLED], (s) => [
        eks.Cluster.fromClusterAttributes(s, 'A', { clusterName: 'c' }), eks.Cluster.fromClusterAttributes(s, 'B', { clusterName: 'c' }),
      ].map((c) => Object.assign(Object.create(c), { clusterArn: arn })));
      expect(warningsOf(stack).map((w) => w.id)).toEqual(Array(2).fill('@aws-cdk/aws-batch-alpha:eksAccessEntryStatesDiffer'));
    });

    test('environments of one cluster in two stacks of the app are compared', () => {
      const { stack, vpc } = stackWithVpc();
      const other = new Stack(stack.node.root as any, 'Other');
      const eksCluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' });
      new ManagedEc2EksComputeEnvironment(stack, 'CE', { vpc, eksCluster, kubernetesNamespace: 'batch', accessEntryDesiredState: ENABLED });
      new ManagedEc2EksComputeEnvironment(other, 'CE', { vpc: new ec2.Vpc(other, 'Vpc'), eksCluster, kubernetesNamespace: 'batch', accessEntryDesiredState: DISABLED });
      expect(warningsOf(stack).map((w) => w.message)).toEqual([expect.stringMatching(/but 'Other\/CE' \(DISABLED\)/)]);
      expect(warningsOf(other).map((w) => w.message)).toEqual([expect.stringMatching(/but 'Stack\/CE' \(ENABLED\)/)]);
    });

    test('a token state is not compared', () => {
      const { stack, vpc } = stackWithVpc();
      const state = new CfnParameter(stack, 'State').valueAsString as EksAccessEntryDesiredState;
      const eksCluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' });
      new ManagedEc2EksComputeEnvironment(stack, 'CE0', { vpc, eksCluster, kubernetesNamespace: 'batch', accessEntryDesiredState: state });
      new ManagedEc2EksComputeEnvironment(stack, 'CE1', { vpc, eksCluster, kubernetesNamespace: 'batch', accessEntryDesiredState: ENABLED });
      expect(warningsOf(stack)).toEqual([]);
    });
  });
});

