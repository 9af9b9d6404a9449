import { App, CfnParameter, CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { Construct } from 'constructs';
import { newerResource, renderNewerListOnceFilled, renderNewerProperty, renderNewerPropertyLazily, rendersNothing } from '../../lib/private/newer-cfn';

// These tests also run on aws-cdk-lib 2.95.1 (see test/floor/): the mechanism must render the same there.

/**
 * An env-agnostic stack 'Stack' without aws-cdk-lib's template validation: these tests render
 * properties that no resource schema has (`Newer`, `NotAnL1Property`), which it would report.
 */
function newStack(): Stack {
  return new Stack(new App({ builtinCloudFormationValidation: false }), 'Stack');
}

/** A container job definition whose typed L1 props set an image and a command. */
function containerJobDefinition() {
  const stack = newStack();
  const resource = new CfnJobDefinition(stack, 'JobDefinition', {
    type: 'container',
    containerProperties: { image: 'busybox', command: ['echo', 'hi'] },
  });
  return { stack, resource };
}

/** The one job definition's `Properties`. */
function propertiesOf(stack: ReturnType<typeof newStack>): any {
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
  test('renders a nested property next to the typed ones', () => {
    const { stack, resource } = containerJobDefinition();
    renderNewerProperty(resource, 'ContainerProperties.RepositoryCredentials', { CredentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:creds' });
    expect(propertiesOf(stack).ContainerProperties).toEqual({
      Image: 'busybox',
      Command: ['echo', 'hi'],
      RepositoryCredentials: { CredentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:creds' },
    });
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

  test('leaves out undefined members and list elements at any depth (aws-cdk-lib 2.95.1 would render them as null or deletions)', () => {
    const { stack, resource } = containerJobDefinition();
    renderNewerProperty(resource, 'Newer', { Kept: 1, Left: undefined, List: [1, undefined, { Image: undefined, Name: 'a' }] });
    renderNewerProperty(resource, 'ContainerProperties.Newer', { Image: undefined });
    const properties = propertiesOf(stack);
    expect(properties.Newer).toEqual({ Kept: 1, List: [1, { Name: 'a' }] });
    expect(properties.ContainerProperties).toEqual({ Image: 'busybox', Command: ['echo', 'hi'] });
  });

  test.each([
    ['undefined', undefined],
    ['an empty list', []],
    ['an object of undefined members', { CredentialsParameter: undefined }],
  ])('renders nothing for %s', (_name, value) => {
    const { stack, resource } = containerJobDefinition();
    renderNewerProperty(resource, 'ContainerProperties.RepositoryCredentials', value);
    expect(propertiesOf(stack)).toEqual({
      Type: 'container',
      ContainerProperties: { Image: 'busybox', Command: ['echo', 'hi'] },
    });
  });

  test('merges into one element of a list the typed props render', () => {
    const stack = newStack();
    const resource = new CfnJobDefinition(stack, 'JobDefinition', {
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
    expect(propertiesOf(stack).NodeProperties.NodeRangeProperties).toEqual([
      { TargetNodes: '0:0', Container: { Image: 'a' } },
      { TargetNodes: '1:1', Container: { Image: 'b', RepositoryCredentials: { CredentialsParameter: 'creds' } } },
    ]);
  });
});

describe('renderNewerPropertyLazily()', () => {
  test('renders the state at synthesis, not at the call', () => {
    const { stack, resource } = containerJobDefinition();
    const names: string[] = [];
    renderNewerPropertyLazily(resource, 'ContainerProperties.Newer', () => names.map((Name) => ({ Name })));
    names.push('a', 'b');
    expect(propertiesOf(stack).ContainerProperties.Newer).toEqual([{ Name: 'a' }, { Name: 'b' }]);
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
    new CfnJobDefinition(stack, 'Typed', { type: 'container', containerProperties: { image: 'busybox' } });
    const resource = new CfnJobDefinition(stack, 'JobDefinition', { type: 'container' });
    renderNewerPropertyLazily(resource, 'ContainerProperties.RepositoryCredentials', () => value);
    renderNewerPropertyLazily(resource, 'NodeProperties', () => value);
    const template = Template.fromStack(stack);
    expect(template.toJSON().Resources.JobDefinition.Properties).toEqual({ Type: 'container' });
    expect(template.toJSON().Resources.Typed.Properties).toEqual({ Type: 'container', ContainerProperties: { Image: 'busybox' } });
  });

  test('resolves the tokens the result holds', () => {
    const { stack, resource } = containerJobDefinition();
    const secret = new CfnParameter(stack, 'Secret').valueAsString;
    renderNewerPropertyLazily(resource, 'ContainerProperties.RepositoryCredentials', () => ({ CredentialsParameter: secret }));
    expect(propertiesOf(stack).ContainerProperties.RepositoryCredentials).toEqual({ CredentialsParameter: { Ref: 'Secret' } });
  });
});

describe('renderNewerListOnceFilled()', () => {
  const render = (names: string[]) => names.map((Name) => ({ Name }));

  test('while the list is empty: no override, and the resource is handed back', () => {
    const { stack, resource } = containerJobDefinition();
    expect(renderNewerListOnceFilled(resource, 'ContainerProperties.Newer', [], render)).toBe(resource);
    expect((resource as any).rawOverrides).toEqual({});
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
    expect(propertiesOf(stack).ContainerProperties.Newer).toEqual([{ Name: 'a' }, { Name: 'b' }]);
  });

  test('a list filled before the call is registered at once', () => {
    const { stack, resource } = containerJobDefinition();
    expect(renderNewerListOnceFilled(resource, 'ContainerProperties.Newer', ['x'], render)).toBeUndefined();
    expect(propertiesOf(stack).ContainerProperties.Newer).toEqual([{ Name: 'x' }]);
  });
});

describe('newerResource()', () => {
  test('renders a resource type by name, leaving out undefined properties', () => {
    const stack = newStack();
    const scope = new Construct(stack, 'Thing');
    const secret = new CfnParameter(stack, 'Name').valueAsString;
    const resource = newerResource(scope, 'Resource', 'AWS::Batch::ConsumableResource', {
      ConsumableResourceName: secret,
      ResourceType: 'REPLENISHABLE',
      TotalQuantity: 5,
      Tags: undefined,
    });
    expect(resource).toBeInstanceOf(CfnResource);
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
});
