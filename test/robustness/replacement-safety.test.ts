/**
 * Replacement safety: CloudFormation replaces a compute environment whose `Type` changes, so the
 * case of `Type` is part of the contract. Upstream renders `managed` and `unmanaged` in lower
 * case; "fixing" that to `MANAGED` would replace every deployed environment on upgrade.
 *
 * Every kind of compute environment is checked: those upstream has against the upstream alpha
 * itself, the newer kinds against the value upstream uses for managed environments.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as batch from '../../lib';
import { BatchModule, bothTemplates, synthWith, upstream } from '../util/upstream';

type Build = (lib: BatchModule, stack: Stack) => void;

const vpcOf = (stack: Stack) => new ec2.Vpc(stack, 'Vpc');

/** The kinds upstream 2.95.1 has, written against its API so that both libraries build them. */
const UPSTREAM_KINDS: Array<[string, Build]> = [
  ['ManagedEc2EcsComputeEnvironment', (lib, stack) => new lib.ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc: vpcOf(stack) })],
  ['ManagedEc2EcsComputeEnvironment (Spot)', (lib, stack) => new lib.ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc: vpcOf(stack), spot: true })],
  ['ManagedEc2EksComputeEnvironment', (lib, stack) => new lib.ManagedEc2EksComputeEnvironment(stack, 'CE', {
    vpc: vpcOf(stack),
    eksCluster: eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'cluster' }),
    kubernetesNamespace: 'batch',
  })],
  ['FargateComputeEnvironment', (lib, stack) => new lib.FargateComputeEnvironment(stack, 'CE', { vpc: vpcOf(stack) })],
  ['FargateComputeEnvironment (Spot)', (lib, stack) => new lib.FargateComputeEnvironment(stack, 'CE', { vpc: vpcOf(stack), spot: true })],
  ['UnmanagedComputeEnvironment', (lib, stack) => new lib.UnmanagedComputeEnvironment(stack, 'CE')],
];

/** Kinds newer than upstream, with every new setting that touches the environment's top level. */
const NEWER_KINDS: Array<[string, (stack: Stack) => void]> = [
  ['EcsManagedInstancesComputeEnvironment', (stack) => new batch.EcsManagedInstancesComputeEnvironment(stack, 'CE', {
    vpc: vpcOf(stack), capacityOptionType: batch.CapacityOptionType.SPOT, propagateTags: true,
  })],
  ['ManagedEc2EcsComputeEnvironment with the newer settings', (stack) => new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
    vpc: vpcOf(stack),
    containerInsights: batch.ContainerInsights.ENABLED,
    launchTemplate: new ec2.LaunchTemplate(stack, 'Template'),
    launchTemplateVersion: batch.LaunchTemplateVersion.latest(),
    ec2KeyPair: 'ops',
  })],
];

function typesOf(template: any): string[] {
  return Object.values<any>(template.Resources)
    .filter((r) => r.Type === 'AWS::Batch::ComputeEnvironment')
    .map((r) => r.Properties.Type);
}

describe('a compute environment\'s Type renders as upstream renders it', () => {
  test.each(UPSTREAM_KINDS)('%s', (_name, build) => {
    const { ours, upstream } = bothTemplates(build);
    expect(typesOf(ours)).toHaveLength(1);
    expect(typesOf(ours)).toEqual(typesOf(upstream));
    expect(typesOf(ours)[0]).toMatch(/^(managed|unmanaged)$/);
  });

  test.each(NEWER_KINDS)('%s renders managed, as upstream does for managed environments', (_name, build) => {
    const upstreamManaged = typesOf(synthWith(upstream, (lib, stack) => new lib.FargateComputeEnvironment(stack, 'CE', { vpc: vpcOf(stack) })));
    const template = synthWith(batch, (_lib, stack) => build(stack));
    expect(typesOf(template)).toEqual(upstreamManaged);
    expect(upstreamManaged).toEqual(['managed']);
  });
});
