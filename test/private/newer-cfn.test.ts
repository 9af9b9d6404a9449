import { App, CfnParameter, Lazy, Stack, TreeInspector } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { Construct } from 'constructs';
import {
  JobDefinitionL1, JobQueueL1, newerResource, omitWhenEmpty, renderNewerListOnceFilled, renderNewerProperties, renderNewerProperty,
  renderNewerPropertyLazily, rendersNothing,
} from '../../lib/private/newer-cfn';

// These tests also run on aws-cdk-lib 2.95.1 (see test/floor/): the mechanism must render the same there.

/**
 * An env-agnostic stack 'Stack' without aws-cdk-lib's template validation: these tests render
 * properties that no resource schema has (`Newer`, `NotAnL1Property`), which it would report.
 */
function newStack(app = new App({ builtinCloudFormationValidation: false } as any)): Stack {
  return new Stack(app, 'Stack');
}

/** A container job definition whose typed L1 props set an image and a command. */
function containerJobDefinition() {
  const stack = newStack();
  const resource = new JobDefinitionL1(stack, 'JobDefinition', {
    type: 'container',
    containerProperties: { image: 'busybox', command: ['echo', 'hi'] },
  });
  return { stack, resource };
}

/** The one job definition's `Properties`. */
function propertiesOf(stack: Stack): any {
  const resources = Object.values(Template.fromStack(stack).findResources('AWS::Batch::JobDefinition'));
  expect(resources).toHaveLength(1);
  return resources[0].Properties;
}

describe('rendersNothing()', () => {
  test.each([
    ['undefined', undefined, true],
    ['null', null, true],
    ['an empty list', [], true],
    ['an object of undefined members', { A: undefined, B: undefined }, true],
    ['an empty object', {}, true],
    ['a list with an element', [1], false],
    ['an object with one defined member', { A: undefined, B: 0 }, false],
    ['false', false, false],
    ['zero', 0, false],
    ['an empty string', '', false],
  ])('%s: %p', (_name, value, expected) => {
    expect(rendersNothing(value)).toBe(expected);
  });
});

describe('renderNewerProperty()', () => {
  test('renders a nested property next to the typed ones, after them', () => {
    const { stack, resource } = containerJobDefinition();
    renderNewerProperty(resource, 'ContainerProperties.RepositoryCredentials', { CredentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:creds' });
    const properties = propertiesOf(stack);
    expect(properties.ContainerProperties).toEqual({
      Image: 'busybox',
      Command: ['echo', 'hi'],
      RepositoryCredentials: { CredentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:creds' },
    });
    expect(Object.keys(properties.ContainerProperties).pop()).toBe('RepositoryCredentials');
  });

  test('renders a property that no aws-cdk-lib L1 class knows, so the installed version does not matter', () => {
    const { stack, resource } = containerJobDefinition();
    renderNewerProperty(resource, 'ContainerProperties.NotAnL1Property', [{ Name: 'a', Count: 2 }]);
    renderNewerProperty(resource, 'NotAnL1Property', true);
    const properties = propertiesOf(stack);
    expect(properties.ContainerProperties.NotAnL1Property).toEqual([{ Name: 'a', Count: 2 }]);
    expect(properties.NotAnL1Property).toBe(true);
  });

  test('resolves the tokens in the value', () => {
    const { stack, resource } = containerJobDefinition();
    const secret = new CfnParameter(stack, 'Secret').valueAsString;
    const count = new CfnParameter(stack, 'Count', { type: 'Number' }).valueAsNumber;
    renderNewerProperty(resource, 'ContainerProperties.RepositoryCredentials', { CredentialsParameter: secret });
    renderNewerProperty(resource, 'Newer', { Count: count, Lazy: Lazy.string({ produce: () => 'late' }) });
    const properties = propertiesOf(stack);
    expect(properties.ContainerProperties.RepositoryCredentials).toEqual({ CredentialsParameter: { Ref: 'Secret' } });
    expect(properties.Newer).toEqual({ Count: { Ref: 'Count' }, Lazy: 'late' });
  });

  test('leaves out undefined members and list elements at any depth, and objects that hold nothing', () => {
    const { stack, resource } = containerJobDefinition();
    renderNewerProperty(resource, 'Newer', { Kept: 1, Left: undefined, List: [1, undefined, { Image: undefined, Name: 'a' }], Empty: { A: {} } });
    renderNewerProperty(resource, 'ContainerProperties.Newer', { Image: undefined });
    const properties = propertiesOf(stack);
    expect(properties.Newer).toEqual({ Kept: 1, List: [1, { Name: 'a' }] });
    expect(properties.ContainerProperties).toEqual({ Image: 'busybox', Command: ['echo', 'hi'] });
  });

  test.each([
    ['undefined', undefined],
    ['an empty list', []],
    ['an object of undefined members', { CredentialsParameter: undefined }],
  ])('renders nothing for %s, and registers nothing', (_name, value) => {
    const { stack, resource } = containerJobDefinition();
    renderNewerProperty(resource, 'ContainerProperties.RepositoryCredentials', value);
    expect(resource._newer).toBeUndefined();
    expect(propertiesOf(stack)).toEqual({
      Type: 'container',
      ContainerProperties: { Image: 'busybox', Command: ['echo', 'hi'] },
    });
  });

  test('merges into one element of a list the typed props render; an index the list lacks renders nothing', () => {
    const stack = newStack();
    const resource = new JobDefinitionL1(stack, 'JobDefinition', {
      type: 'multinode',
      nodeProperties: {
        mainNode: 0,
        numNodes: 2,
        nodeRangeProperties: Lazy.any({
          produce: () => [
            { targetNodes: '0:0', container: { image: 'a' } },
            { targetNodes: '1:1', container: { image: 'b' } },
          ],
        }),
      },
    });
    renderNewerProperty(resource, 'NodeProperties.NodeRangeProperties.1.Container', { RepositoryCredentials: { CredentialsParameter: 'creds' } });
    renderNewerProperty(resource, 'NodeProperties.NodeRangeProperties.2.Container', { RepositoryCredentials: { CredentialsParameter: 'other' } });
    expect(propertiesOf(stack).NodeProperties.NodeRangeProperties).toEqual([
      { TargetNodes: '0:0', Container: { Image: 'a' } },
      { TargetNodes: '1:1', Container: { Image: 'b', RepositoryCredentials: { CredentialsParameter: 'creds' } } },
    ]);
  });

  test('renderNewerProperties() renders each member that renders something at its own path', () => {
    const { stack, resource } = containerJobDefinition();
    renderNewerProperties(resource, 'ContainerProperties', { EnableExecuteCommand: true, RepositoryCredentials: undefined });
    expect(resource._newer).toHaveLength(1);
    expect(propertiesOf(stack).ContainerProperties).toEqual({ Image: 'busybox', Command: ['echo', 'hi'], EnableExecuteCommand: true });
  });
});

describe('renderNewerPropertyLazily()', () => {
  test('renders the state at synthesis, not at the call, producing it once', () => {
    const { stack, resource } = containerJobDefinition();
    const names: string[] = [];
    let produced = 0;
    renderNewerPropertyLazily(resource, 'ContainerProperties.Newer', () => {
      produced += 1;
      return names.map((Name) => ({ Name }));
    });
    names.push('a', 'b');
    expect(produced).toBe(0);
    expect(propertiesOf(stack).ContainerProperties.Newer).toEqual([{ Name: 'a' }, { Name: 'b' }]);
    expect(produced).toBe(1);
  });

  test('merges an object into a typed property, keeping its typed members', () => {
    const { stack, resource } = containerJobDefinition();
    renderNewerPropertyLazily(resource, 'ContainerProperties', () => ({ RepositoryCredentials: { CredentialsParameter: 'creds' }, Other: undefined }));
    expect(propertiesOf(stack).ContainerProperties).toEqual({
      Image: 'busybox',
      Command: ['echo', 'hi'],
      RepositoryCredentials: { CredentialsParameter: 'creds' },
    });
  });

  test.each([
    ['undefined', undefined],
    ['an empty list', []],
    ['an empty object', {}],
    ['an object of undefined members', { A: undefined }],
  ])('renders nothing when the result is %s, not even the parents of the path', (_name, value) => {
    const stack = newStack();
    new JobDefinitionL1(stack, 'Typed', { type: 'container', containerProperties: { image: 'busybox' } });
    const resource = new JobDefinitionL1(stack, 'JobDefinition', { type: 'container', containerProperties: { image: 'busybox' } });
    renderNewerPropertyLazily(resource, 'ContainerProperties.RepositoryCredentials', () => value);
    renderNewerPropertyLazily(resource, 'NodeProperties', () => value);
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.JobDefinition.Properties).toEqual({ Type: 'container', ContainerProperties: { Image: 'busybox' } });
    expect(resources.Typed.Properties).toEqual(resources.JobDefinition.Properties);
  });

  test('resolves the tokens the result holds, references to another stack included', () => {
    const app = new App({ builtinCloudFormationValidation: false } as any);
    const producer = newStack(app);
    const secret = new CfnParameter(producer, 'Secret').valueAsString;
    const other = new JobDefinitionL1(producer, 'Other', { type: 'container' });
    const consumer = new Stack(app, 'Consumer');
    const resource = new JobDefinitionL1(consumer, 'JobDefinition', { type: 'container' });
    renderNewerPropertyLazily(resource, 'Newer', () => ({ Arn: other.ref }));
    const local = new JobDefinitionL1(producer, 'Local', { type: 'container' });
    renderNewerPropertyLazily(local, 'ContainerProperties.RepositoryCredentials', () => ({ CredentialsParameter: secret }));

    const assembly = app.synth();
    expect(assembly.getStackByName('Stack').template.Resources.Local.Properties.ContainerProperties).toEqual({
      RepositoryCredentials: { CredentialsParameter: { Ref: 'Secret' } },
    });
    expect(assembly.getStackByName('Consumer').template.Resources.JobDefinition.Properties.Newer).toEqual({
      Arn: { 'Fn::ImportValue': expect.stringMatching(/^Stack:ExportsOutputRefOther/) },
    });
    expect(Object.keys(assembly.getStackByName('Stack').template.Outputs)).toEqual([expect.stringMatching(/^ExportsOutputRefOther/)]);
  });
});

describe('renderNewerListOnceFilled()', () => {
  const render = (names: string[]) => names.map((Name) => ({ Name }));

  test('while the list is empty: nothing registered, and the resource is handed back', () => {
    const { stack, resource } = containerJobDefinition();
    expect(renderNewerListOnceFilled(resource, 'ContainerProperties.Newer', [], render)).toBe(resource);
    expect(resource._newer).toBeUndefined();
    expect(propertiesOf(stack).ContainerProperties).toEqual({ Image: 'busybox', Command: ['echo', 'hi'] });
  });

  test('once filled: registered once, and what is added later is rendered too', () => {
    const { stack, resource } = containerJobDefinition();
    const names: string[] = [];
    let pending = renderNewerListOnceFilled(resource, 'ContainerProperties.Newer', names, render);
    names.push('a');
    pending = renderNewerListOnceFilled(pending, 'ContainerProperties.Newer', names, render);
    expect(pending).toBeUndefined();
    names.push('b');
    expect(renderNewerListOnceFilled(pending, 'ContainerProperties.Newer', names, render)).toBeUndefined();
    expect(resource._newer).toHaveLength(1);
    expect(propertiesOf(stack).ContainerProperties.Newer).toEqual([{ Name: 'a' }, { Name: 'b' }]);
  });

  test('a list filled before the call is registered at once', () => {
    const { stack, resource } = containerJobDefinition();
    expect(renderNewerListOnceFilled(resource, 'ContainerProperties.Newer', ['x'], render)).toBeUndefined();
    expect(propertiesOf(stack).ContainerProperties.Newer).toEqual([{ Name: 'x' }]);
  });
});

describe('omitWhenEmpty()', () => {
  test('an empty list the L1 requires is left out; a list that holds something is rendered', () => {
    const stack = newStack();
    const service = new JobQueueL1(stack, 'Service', { computeEnvironmentOrder: [], priority: 1 });
    omitWhenEmpty(service, 'ComputeEnvironmentOrder');
    const set = new JobQueueL1(stack, 'Set', { computeEnvironmentOrder: [], priority: 1 });
    omitWhenEmpty(set, 'ComputeEnvironmentOrder');
    set.computeEnvironmentOrder = [{ computeEnvironment: 'arn', order: 1 }];
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.Service.Properties).toEqual({ Priority: 1 });
    expect(resources.Set.Properties).toEqual({ ComputeEnvironmentOrder: [{ ComputeEnvironment: 'arn', Order: 1 }], Priority: 1 });
  });
});

describe('the user\'s changes win over newer values', () => {
  function pod() {
    const stack = newStack();
    const resource = new JobDefinitionL1(stack, 'JobDefinition', {
      type: 'container',
      eksProperties: { podProperties: { containers: [{ image: 'busybox' }], dnsPolicy: 'Default' } },
    });
    renderNewerPropertyLazily(resource, 'EksProperties.PodProperties', () => ({ ShareProcessNamespace: true, HostNetwork: true, Metadata: { Labels: { a: 'b' } } }));
    return { stack, resource };
  }

  test('an override inside a lazily rendered newer value reaches the template, next to the newer members', () => {
    const { stack, resource } = pod();
    resource.addPropertyOverride('EksProperties.PodProperties.HostNetwork', false);
    resource.addPropertyOverride('EksProperties.PodProperties.Metadata.Namespace', 'jobs');
    expect(propertiesOf(stack).EksProperties.PodProperties).toEqual({
      Containers: [{ Image: 'busybox' }], DnsPolicy: 'Default', HostNetwork: false, ShareProcessNamespace: true,
      Metadata: { Labels: { a: 'b' }, Namespace: 'jobs' },
    });
  });

  test('a deletion override removes a newer value, and only it', () => {
    const { stack, resource } = pod();
    resource.addPropertyDeletionOverride('EksProperties.PodProperties.ShareProcessNamespace');
    resource.addPropertyDeletionOverride('EksProperties.PodProperties.Metadata.Labels.a');
    expect(propertiesOf(stack).EksProperties.PodProperties).toEqual({ Containers: [{ Image: 'busybox' }], DnsPolicy: 'Default', HostNetwork: true });
  });

  test('an L1 property assignment wins where it sets a value; the newer members it does not set merge under it', () => {
    const { stack, resource } = pod();
    resource.eksProperties = { podProperties: { containers: [{ image: 'other' }], hostNetwork: false } };
    expect(propertiesOf(stack).EksProperties.PodProperties).toEqual({
      Containers: [{ Image: 'other' }], HostNetwork: false, ShareProcessNamespace: true, Metadata: { Labels: { a: 'b' } },
    });
  });

  test('the newer values travel only while the template is written: the L1\'s props show none of them elsewhere', () => {
    const { stack, resource } = pod();
    const inspector = new TreeInspector();
    resource.inspect(inspector);
    expect(JSON.stringify(stack.resolve(inspector.attributes))).not.toContain('ShareProcessNamespace');
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('aws-batch-alpha:newer');
  });

  test('the L1 is still an instance of the aws-cdk-lib class, with its type', () => {
    const { resource } = pod();
    expect(resource).toBeInstanceOf(CfnJobDefinition);
    expect(resource.cfnResourceType).toBe('AWS::Batch::JobDefinition');
    expect((resource.constructor as any)[Symbol.for('jsii.rtti')].fqn).toBe('aws-cdk-lib.aws_batch.CfnJobDefinition');
  });
});

describe('newerResource()', () => {
  test('renders a resource type by name, leaving out undefined properties', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Thing');
    const name = new CfnParameter(stack, 'Name').valueAsString;
    const resource = newerResource(scope, 'Resource', 'AWS::Batch::ConsumableResource', {
      ConsumableResourceName: name,
      ResourceType: 'REPLENISHABLE',
      TotalQuantity: 5,
      Tags: undefined,
    });
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources[stack.getLogicalId(resource)]).toEqual({
      Type: 'AWS::Batch::ConsumableResource',
      Properties: { ConsumableResourceName: { Ref: 'Name' }, ResourceType: 'REPLENISHABLE', TotalQuantity: 5 },
    });
  });

  test('takes newer properties on top, like an L1 resource', () => {
    const stack = newStack();
    const resource = newerResource(stack, 'Thing', 'AWS::Batch::ConsumableResource', { TotalQuantity: 1, ResourceType: 'REPLENISHABLE' });
    renderNewerPropertyLazily(resource, 'Tags', () => ({ team: 'a' }));
    expect(Template.fromStack(stack).toJSON().Resources.Thing.Properties).toEqual({ TotalQuantity: 1, ResourceType: 'REPLENISHABLE', Tags: { team: 'a' } });
  });

  test('each property can be set after construction under its L1 name, and wins; map entries keep their names', () => {
    const stack = newStack();
    const resource: any = newerResource(stack, 'Thing', 'AWS::Batch::ServiceEnvironment', {
      CapacityLimits: [{ CapacityUnit: 'NUM_INSTANCES', MaxCapacity: 1 }],
      ServiceEnvironmentName: undefined,
      State: 'ENABLED',
      Tags: { team: 'a' },
    });
    expect(resource.state).toBeUndefined();
    resource.state = 'DISABLED';
    resource.capacityLimits = [{ capacityUnit: 'ml.m5.large', maxCapacity: 4 }];
    resource.tags = { stage: 'prod' };
    expect(resource.state).toBe('DISABLED');
    expect(Template.fromStack(stack).toJSON().Resources.Thing.Properties).toEqual({
      State: 'DISABLED',
      CapacityLimits: [{ CapacityUnit: 'ml.m5.large', MaxCapacity: 4 }],
      Tags: { stage: 'prod', team: 'a' },
    });
  });

  test('a property set to a CloudFormation intrinsic wins whole over the library\'s object', () => {
    const stack = newStack();
    const resource: any = newerResource(stack, 'Thing', 'AWS::Batch::QuotaShare', { ResourceSharingConfiguration: { Strategy: 'RESERVE' } });
    resource.resourceSharingConfiguration = new CfnParameter(stack, 'Sharing', { type: 'String' }).valueAsString;
    expect(Template.fromStack(stack).toJSON().Resources.Thing.Properties).toEqual({ ResourceSharingConfiguration: { Ref: 'Sharing' } });
  });
});
