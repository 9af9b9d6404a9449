import { App, Aws, CfnParameter, CfnResource, Size, Stack, Tags, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as batch from '../lib';
import { expectSynthError, expectValidationError, newStack, synth } from './util';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');
const SEATS_ARN = 'arn:aws:batch:us-east-1:123456789012:consumable-resource/seats';

/** `{ Ref: <logical id> }` of a construct's L1. */
function refOf(construct: { node: { defaultChild?: unknown } }): { Ref: string } {
  const l1 = construct.node.defaultChild as CfnResource;
  return { Ref: Stack.of(l1).getLogicalId(l1) };
}

function container(stack: Stack, id = 'Container'): batch.EcsEc2ContainerDefinition {
  return new batch.EcsEc2ContainerDefinition(stack, id, { image: IMAGE, cpu: 1, memory: Size.mebibytes(512) });
}

describe('ConsumableResource', () => {
  test('renders AWS::Batch::ConsumableResource with the default type', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 5 });
    // THEN
    const resources = synth(stack).findResources('AWS::Batch::ConsumableResource');
    expect(Object.values(resources)).toEqual([{ Type: 'AWS::Batch::ConsumableResource', Properties: { ResourceType: 'REPLENISHABLE', TotalQuantity: 5 } }]);
  });

  test('renders every prop, and tags added with Tags.of()', () => {
    const stack = newStack();
    new batch.ConsumableResource(stack, 'Licenses', {
      totalQuantity: 0,
      consumableResourceName: 'licenses',
      resourceType: batch.ConsumableResourceType.NON_REPLENISHABLE,
      tags: { team: 'research' },
    });
    Tags.of(stack).add('cost-center', '42');
    synth(stack).hasResourceProperties('AWS::Batch::ConsumableResource', {
      ConsumableResourceName: 'licenses',
      ResourceType: 'NON_REPLENISHABLE',
      TotalQuantity: 0,
      Tags: { 'team': 'research', 'cost-center': '42' },
    });
  });

  test('the ARN is the Ref and the name is split from it', () => {
    const stack = newStack();
    const resource = new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 5 });
    expect(stack.resolve(resource.consumableResourceArn)).toEqual(refOf(resource));
    expect(JSON.stringify(stack.resolve(resource.consumableResourceName))).toContain('Fn::Split');
    expect(resource.totalQuantity).toBe(5);
    expect(resource.resourceType).toBe(batch.ConsumableResourceType.REPLENISHABLE);
  });

  test.each<[string, number, RegExp]>([
    ['negative', -1, /ConsumableResource 'Stack\/R': totalQuantity must be a whole number between 0 and \d+, got -1/],
    ['fractional', 1.5, /totalQuantity must be a whole number between 0 and \d+, got 1.5/],
    ['beyond exact integers', 2 ** 60, /totalQuantity must be a whole number between 0/],
  ])('a %s totalQuantity is rejected', (_name, totalQuantity, message) => {
    const stack = newStack();
    expectValidationError(() => new batch.ConsumableResource(stack, 'R', { totalQuantity }), message);
  });

  test('a token totalQuantity passes and is rendered', () => {
    const stack = newStack();
    const total = new CfnParameter(stack, 'Total', { type: 'Number' }).valueAsNumber;
    new batch.ConsumableResource(stack, 'R', { totalQuantity: total });
    synth(stack).hasResourceProperties('AWS::Batch::ConsumableResource', { TotalQuantity: { Ref: 'Total' } });
  });

  test('fromConsumableResourceArn() parses the name and the environment', () => {
    const stack = newStack();
    const imported = batch.ConsumableResource.fromConsumableResourceArn(stack, 'Seats', SEATS_ARN);
    expect(imported.consumableResourceName).toBe('seats');
    expect(imported.consumableResourceArn).toBe(SEATS_ARN);
    expect(imported.env).toEqual({ account: '123456789012', region: 'us-east-1' });
    expect(imported.totalQuantity).toBeUndefined();
  });

  test('fromConsumableResourceArn() rejects a malformed ARN', () => {
    const stack = newStack();
    expectValidationError(() => batch.ConsumableResource.fromConsumableResourceArn(stack, 'Bad', 'seats'),
      /ConsumableResource 'Stack\/Bad': consumableResourceArn must be an ARN of the form/);
  });

  test.each<[string, (r: batch.IConsumableResource, g: iam.IGrantable) => void, string[]]>([
    ['read()', (r, g) => r.grants.read(g), ['batch:DescribeConsumableResource', 'batch:ListJobsByConsumableResource']],
    ['update()', (r, g) => r.grants.update(g), ['batch:UpdateConsumableResource']],
    ['actions()', (r, g) => r.grants.actions(g, ['batch:TagResource']), ['batch:TagResource']],
  ])('grants.%s allows its actions on the resource', (_name, grant, actions) => {
    const stack = newStack();
    const resource = new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 5 });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    grant(resource, role);
    synth(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions.length === 1 ? actions[0] : actions, Resource: refOf(resource) }] },
    });
  });

  test('grants.actions() takes other resource ARNs', () => {
    const stack = newStack();
    const imported = batch.ConsumableResource.fromConsumableResourceArn(stack, 'Seats', SEATS_ARN);
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    imported.grants.actions(role, ['batch:DescribeConsumableResource'], { resourceArns: [`arn:${Aws.PARTITION}:batch:*:*:consumable-resource/*`] });
    expect(JSON.stringify(synth(stack).findResources('AWS::IAM::Policy'))).toContain('consumable-resource/*');
  });
});

describe('consumable resources in job definitions', () => {
  test('every kind of job definition renders ConsumableResourceProperties, also for resources added later', () => {
    // GIVEN
    const stack = newStack();
    const licenses = new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 5 });
    const seats = batch.ConsumableResource.fromConsumableResourceArn(stack, 'Seats', SEATS_ARN);
    // WHEN
    const ecsJob = new batch.EcsJobDefinition(stack, 'Ecs', {
      container: container(stack),
      consumableResources: [{ consumableResource: licenses, quantity: 2 }],
    });
    ecsJob.addConsumableResource(seats, 100);
    const eksJob = new batch.EksJobDefinition(stack, 'Eks', {
      container: new batch.EksContainerDefinition(stack, 'EksContainer', { image: IMAGE, cpuLimit: 1, memoryLimit: Size.mebibytes(512) }),
    });
    eksJob.addConsumableResource(licenses, 5);
    // THEN
    const template = synth(stack);
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      Type: 'container',
      ConsumableResourceProperties: {
        ConsumableResourceList: [
          { ConsumableResource: refOf(licenses), Quantity: 2 },
          { ConsumableResource: SEATS_ARN, Quantity: 100 },
        ],
      },
    });
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      EksProperties: Match.anyValue(),
      ConsumableResourceProperties: { ConsumableResourceList: [{ ConsumableResource: refOf(licenses), Quantity: 5 }] },
    });
    expect(ecsJob.consumableResources.map((r) => r.quantity)).toEqual([2, 100]);
  });

  // Each kind of job definition, with the newer properties it renders besides its consumable resources.
  const KINDS: Array<[string, (stack: Stack, consumableResources?: batch.ConsumableResourceRequirement[]) => { addConsumableResource(r: batch.IConsumableResource, q: number): void }]> = [
    ['EcsJobDefinition', (stack, consumableResources) => new batch.EcsJobDefinition(stack, 'Job', {
      container: container(stack), skipDeregisterOnUpdate: true, consumableResources,
    })],
    ['EcsMultiContainerJobDefinition', (stack, consumableResources) => new batch.EcsMultiContainerJobDefinition(stack, 'Job', {
      task: new batch.EcsEc2TaskDefinition(stack, 'Task', { containers: [{ name: 'app', image: IMAGE, cpu: 1, memory: Size.mebibytes(512) }] }),
      skipDeregisterOnUpdate: true,
      consumableResources,
    })],
    ['EksJobDefinition', (stack, consumableResources) => new batch.EksJobDefinition(stack, 'Job', {
      container: new batch.EksContainerDefinition(stack, 'EksContainer', { image: IMAGE, cpuLimit: 1, memoryLimit: Size.mebibytes(512) }),
      imagePullSecrets: ['registry'],
      skipDeregisterOnUpdate: true,
      consumableResources,
    })],
    ['MultiNodeJobDefinition', (stack, consumableResources) => new batch.MultiNodeJobDefinition(stack, 'Job', {
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.LARGE),
      containers: [{ startNode: 0, endNode: 0, container: container(stack) }],
      skipDeregisterOnUpdate: true,
      consumableResources,
    })],
    ['MultiNodeEksJobDefinition', (stack, consumableResources) => new batch.MultiNodeEksJobDefinition(stack, 'Job', {
      nodeRanges: [{
        startNode: 0,
        container: new batch.EksContainerDefinition(stack, 'EksContainer', { image: IMAGE, cpuLimit: 1, memoryLimit: Size.mebibytes(512) }),
      }],
      numNodes: 1,
      skipDeregisterOnUpdate: true,
      consumableResources,
    })],
  ];

  test.each(KINDS)('%s renders the same template whether its first consumable resource is given or added later', (_kind, make) => {
    const templateOf = (addLater: boolean): string => {
      const stack = newStack();
      const licenses = new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 5 });
      const job = make(stack, addLater ? undefined : [{ consumableResource: licenses, quantity: 2 }]);
      if (addLater) {
        job.addConsumableResource(licenses, 2);
      }
      job.addConsumableResource(licenses, 3);
      return JSON.stringify(synth(stack).toJSON());
    };
    const given = templateOf(false);
    expect(given).toContain('"ConsumableResourceProperties":{"ConsumableResourceList":[{"ConsumableResource":{"Ref":');
    expect(given).toContain('"ResourceRetentionPolicy":{"SkipDeregisterOnUpdate":true}');
    // byte for byte
    expect(templateOf(true)).toEqual(given);
  });

  test('without consumable resources nothing is rendered', () => {
    const stack = newStack();
    new batch.EcsJobDefinition(stack, 'Ecs', { container: container(stack), consumableResources: [] });
    synth(stack).hasResourceProperties('AWS::Batch::JobDefinition', { ConsumableResourceProperties: Match.absent() });
  });

  test('consumableResources is a copy', () => {
    const stack = newStack();
    const job = new batch.EcsJobDefinition(stack, 'Ecs', { container: container(stack) });
    job.consumableResources.push({ consumableResource: new batch.ConsumableResource(stack, 'R', { totalQuantity: 1 }), quantity: 1 });
    expect(job.consumableResources).toEqual([]);
  });

  test('multi-node ranges render their own consumable resources', () => {
    const stack = newStack();
    const licenses = new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 8 });
    const job = new batch.MultiNodeJobDefinition(stack, 'Mnp', {
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.LARGE),
      consumableResources: [{ consumableResource: licenses, quantity: 1 }],
      containers: [{ startNode: 0, endNode: 0, container: container(stack, 'Main') }],
    });
    job.addContainer({ startNode: 1, endNode: 3, container: container(stack, 'Workers'), consumableResources: [{ consumableResource: licenses, quantity: 2 }] });
    const props = Object.values<any>(synth(stack).findResources('AWS::Batch::JobDefinition'))[0].Properties;
    expect(props.ConsumableResourceProperties).toEqual({ ConsumableResourceList: [{ ConsumableResource: refOf(licenses), Quantity: 1 }] });
    expect(props.NodeProperties.NodeRangeProperties[0].ConsumableResourceProperties).toBeUndefined();
    expect(props.NodeProperties.NodeRangeProperties[0].TargetNodes).toBe('0:0');
    expect(props.NodeProperties.NodeRangeProperties[1]).toEqual({
      TargetNodes: '1:3',
      Container: expect.objectContaining({ InstanceType: 'c5.large' }),
      ConsumableResourceProperties: { ConsumableResourceList: [{ ConsumableResource: refOf(licenses), Quantity: 2 }] },
    });
  });

  test.each<[string, number, RegExp]>([
    ['zero', 0, /EcsJobDefinition 'Stack\/Ecs': consumableResources\[0\]\.quantity must be a whole number between 1 and \d+, got 0/],
    ['fractional', 1.5, /consumableResources\[0\]\.quantity must be a whole number between 1 and \d+, got 1.5/],
    ['above the total', 6, /consumableResources\[0\]\.quantity must be at most the total quantity of consumable resource 'Stack\/Licenses', 5, got 6/],
  ])('a %s quantity fails synthesis, also when added later', (_name, quantity, message) => {
    const stack = newStack();
    const licenses = new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 5 });
    const job = new batch.EcsJobDefinition(stack, 'Ecs', { container: container(stack) });
    job.addConsumableResource(licenses, quantity);
    expectSynthError(stack, message);
  });

  test('the same resource and quantity twice fails synthesis (CloudFormation takes each list entry once); another quantity passes', () => {
    const build = (repeat: boolean) => {
      const stack = newStack();
      const licenses = new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 5 });
      const seats = batch.ConsumableResource.fromConsumableResourceArn(stack, 'Seats', SEATS_ARN);
      const job = new batch.EcsJobDefinition(stack, 'Ecs', { container: container(stack) });
      job.addConsumableResource(licenses, 1);
      job.addConsumableResource(licenses, 2);
      job.addConsumableResource(seats, 1);
      if (repeat) {
        job.addConsumableResource(batch.ConsumableResource.fromConsumableResourceArn(stack, 'SeatsAgain', SEATS_ARN), 1);
      }
      return stack;
    };
    expect(() => synth(build(false))).not.toThrow();
    const stack = build(true);
    expectSynthError(stack, /EcsJobDefinition 'Stack\/Ecs': consumableResources\[3\] must not repeat consumableResources\[2\] \(consumable resource 'Stack\/SeatsAgain', quantity 1\): each entry is taken once/);
  });

  test('a multi-node range quantity above the total fails synthesis', () => {
    const stack = newStack();
    const licenses = new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 1 });
    new batch.MultiNodeJobDefinition(stack, 'Mnp', {
      containers: [{ startNode: 0, endNode: 0, container: container(stack), consumableResources: [{ consumableResource: licenses, quantity: 2 }] }],
    });
    expectSynthError(stack, /MultiNodeJobDefinition 'Stack\/Mnp': containers\[0\]\.consumableResources\[0\]\.quantity must be at most the total quantity/);
  });

  test('an imported resource, or a token total or quantity, is checked only for the lower bound', () => {
    const stack = newStack();
    const seats = batch.ConsumableResource.fromConsumableResourceArn(stack, 'Seats', SEATS_ARN);
    const tokenTotal = new batch.ConsumableResource(stack, 'Token', { totalQuantity: new CfnParameter(stack, 'Total', { type: 'Number' }).valueAsNumber });
    const job = new batch.EcsJobDefinition(stack, 'Ecs', { container: container(stack) });
    job.addConsumableResource(seats, 1_000_000);
    job.addConsumableResource(tokenTotal, 3);
    job.addConsumableResource(new batch.ConsumableResource(stack, 'Five', { totalQuantity: 5 }), new CfnParameter(stack, 'Q', { type: 'Number' }).valueAsNumber);
    expect(() => synth(stack)).not.toThrow();
  });

  test('an imported job definition takes no consumable resource', () => {
    const stack = new Stack(new App(), 'Stack');
    const imported = batch.EcsJobDefinition.fromJobDefinitionArn(stack, 'Imported', 'arn:aws:batch:us-east-1:123456789012:job-definition/j:1') as any;
    expectValidationError(() => imported.addConsumableResource(new batch.ConsumableResource(stack, 'R', { totalQuantity: 1 }), 1),
      /EcsJobDefinition 'Stack\/Imported': cannot add a consumable resource to an imported job definition/);
  });

  test('the template is the same with aws-cdk-lib 2.276 L1 rendering ConsumableResourceProperties', () => {
    // the raw rendering gives what the newest L1 would render through its typed props
    const stack = newStack();
    const licenses = new batch.ConsumableResource(stack, 'Licenses', { totalQuantity: 5 });
    new batch.EcsJobDefinition(stack, 'Ecs', { container: container(stack), consumableResources: [{ consumableResource: licenses, quantity: 2 }] });
    const other = stack;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CfnJobDefinition } = require('aws-cdk-lib/aws-batch');
    new CfnJobDefinition(other, 'RawJob', {
      type: 'container',
      consumableResourceProperties: { consumableResourceList: [{ consumableResource: Token.asString(refOf(licenses)), quantity: 2 }] },
    });
    const template = Template.fromStack(stack).toJSON();
    const ours = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::Batch::JobDefinition' && r.Properties.Type === 'container' && r.Properties.ContainerProperties);
    expect(ours.Properties.ConsumableResourceProperties).toEqual(template.Resources.RawJob.Properties.ConsumableResourceProperties);
  });
});
