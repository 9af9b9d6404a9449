import { CfnParameter, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import {
  AllocationStrategy, EksMachineImageType, ManagedEc2EksComputeEnvironment, ManagedEc2EksComputeEnvironmentProps,
} from '../lib';
import { expectSynthError, expectValidationError, stackWithVpc } from './util';

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
