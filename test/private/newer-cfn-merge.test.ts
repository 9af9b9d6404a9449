import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { JobDefinitionL1, Placement, renderNewerPropertyLazily } from '../../lib/private/newer-cfn';

// How newer values merge under what the typed props render: where their members go, and lists.
// These tests also run on aws-cdk-lib 2.95.1 (see test/floor/), whose L1 renders only the members it knows.

function newStack(): Stack {
  return new Stack(new App({ builtinCloudFormationValidation: false } as any), 'Stack');
}

/** A job definition whose pod has a container with a security context, and the value at `path` once rendered. */
function podWith(newer: () => unknown, placement: Placement, path = 'EksProperties.PodProperties') {
  const stack = newStack();
  const resource = new JobDefinitionL1(stack, 'Resource', {
    type: 'container',
    eksProperties: {
      podProperties: {
        containers: [
          { image: 'busybox', securityContext: { privileged: false, runAsUser: 1 } },
          { image: 'other', securityContext: { runAsNonRoot: true } },
        ],
        dnsPolicy: 'Default',
        serviceAccountName: 'jobs',
      },
    },
  });
  renderNewerPropertyLazily(resource, path, newer, placement);
  return Object.values(Template.fromStack(stack).findResources('AWS::Batch::JobDefinition'))[0].Properties.EksProperties.PodProperties;
}

describe('where the members a newer value adds go', () => {
  test('AFTER_TYPED: after the typed members (or in the place of one the L1 renders as undefined)', () => {
    const pod = podWith(() => ({ ShareProcessNamespace: true, ImagePullSecrets: [{ Name: 's' }] }), Placement.AFTER_TYPED);
    expect(pod).toEqual({
      Containers: expect.any(Array), DnsPolicy: 'Default', ServiceAccountName: 'jobs', ShareProcessNamespace: true, ImagePullSecrets: [{ Name: 's' }],
    });
    const keys = Object.keys(pod);
    // the typed members keep their order; each added one comes after them, unless the L1 names it (newer L1s do)
    expect(keys.filter((k) => ['Containers', 'DnsPolicy', 'ServiceAccountName'].includes(k))).toEqual(['Containers', 'DnsPolicy', 'ServiceAccountName']);
    expect(keys.indexOf('ShareProcessNamespace')).toBeGreaterThan(keys.indexOf('DnsPolicy'));
  });

  test('ALPHABETICAL: in alphabetical order among the typed members, at every depth, as the newest L1 renders them', () => {
    const pod = podWith(() => ({
      ShareProcessNamespace: true,
      ImagePullSecrets: [{ Name: 's' }],
      Containers: [{ SecurityContext: { AllowPrivilegeEscalation: false } }, {}],
    }), Placement.ALPHABETICAL);
    expect(Object.keys(pod)).toEqual(['Containers', 'DnsPolicy', 'ImagePullSecrets', 'ServiceAccountName', 'ShareProcessNamespace']);
    expect(Object.keys(pod.Containers[0].SecurityContext)).toEqual(['AllowPrivilegeEscalation', 'Privileged', 'RunAsUser']);
    expect(pod.Containers[1]).toEqual({ Image: 'other', SecurityContext: { RunAsNonRoot: true } });
  });

  test('AS_LISTED: in the newer value\'s own order, which may name typed members; the others follow', () => {
    const pod = podWith(() => ({ ShareProcessNamespace: true, ServiceAccountName: 'ignored', ImagePullSecrets: [{ Name: 's' }] }), Placement.AS_LISTED);
    expect(Object.keys(pod)).toEqual(['ShareProcessNamespace', 'ServiceAccountName', 'ImagePullSecrets', 'Containers', 'DnsPolicy']);
    expect(pod.ServiceAccountName).toBe('jobs');
  });
});

describe('lists merge element by element', () => {
  test('at the same index; where both have a value the typed one wins; the typed list keeps its length', () => {
    const pod = podWith(() => ([
      { Image: 'ignored', SecurityContext: { AllowPrivilegeEscalation: true } },
      { Name: 'second' },
      { Image: 'beyond the typed list' },
    ]), Placement.AFTER_TYPED, 'EksProperties.PodProperties.Containers');
    expect(pod.Containers).toEqual([
      { Image: 'busybox', SecurityContext: { Privileged: false, RunAsUser: 1, AllowPrivilegeEscalation: true } },
      { Image: 'other', SecurityContext: { RunAsNonRoot: true }, Name: 'second' },
    ]);
  });

  test('a typed list of values wins whole over a newer one', () => {
    const stack = newStack();
    const resource = new JobDefinitionL1(stack, 'Resource', { type: 'container', containerProperties: { image: 'busybox', command: ['a'] } });
    renderNewerPropertyLazily(resource, 'ContainerProperties.Command', () => ['b', 'c']);
    expect(Object.values(Template.fromStack(stack).findResources('AWS::Batch::JobDefinition'))[0].Properties.ContainerProperties.Command).toEqual(['a']);
  });

  test('where the typed props render no list, the newer list is rendered as it is', () => {
    const pod = podWith(() => ({ InitContainers: [{ Image: 'init', Env: [] }, {}] }), Placement.AFTER_TYPED);
    expect(pod.InitContainers).toEqual([{ Image: 'init', Env: [] }, {}]);
  });
});

test('newer values registered on one resource merge in the order registered, each under what came before', () => {
  const stack = newStack();
  const resource = new JobDefinitionL1(stack, 'Resource', { type: 'container', containerProperties: { image: 'busybox' } });
  renderNewerPropertyLazily(resource, 'ContainerProperties', () => ({ B: 1, A: { X: 1 } }));
  renderNewerPropertyLazily(resource, 'ContainerProperties.A', () => ({ X: 2, Y: 2 }));
  renderNewerPropertyLazily(resource, 'ContainerProperties', () => Lazy.any({ produce: () => ({ C: 3 }) }));
  const container = Object.values(Template.fromStack(stack).findResources('AWS::Batch::JobDefinition'))[0].Properties.ContainerProperties;
  expect(container).toEqual({ Image: 'busybox', B: 1, A: { X: 1, Y: 2 }, C: 3 });
  expect(Object.keys(container)).toEqual(['Image', 'B', 'A', 'C']);
});
