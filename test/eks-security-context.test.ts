import { CfnParameter, Lazy, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as fc from 'fast-check';
import {
  EksContainerDefinition, EksContainerDefinitionProps, EksJobDefinition, EksNodeRange, MultiNodeEksJobDefinition, PodSecurityContext,
  SeccompProfile, SeccompProfileType,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { warningRules, warningsOf } from './util/warnings';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36');

let counter = 0;
function container(stack: Stack, props: Partial<EksContainerDefinitionProps> = {}): EksContainerDefinition {
  return new EksContainerDefinition(stack, `Container${counter++}`, { image: IMAGE, cpuReservation: 1, memoryLimit: Size.gibibytes(1), ...props });
}

function properties(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0].Properties;
}

/** The pods of the one job definition of the stack: the single-node pod, or every node range's. */
function pods(stack: Stack): any[] {
  const props = properties(stack);
  return props.EksProperties !== undefined
    ? [props.EksProperties.PodProperties]
    : props.NodeProperties.NodeRangeProperties.map((r: any) => r.EksProperties.PodProperties);
}

const SECURE = {
  capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
  seccompProfile: SeccompProfile.localhost('profiles/audit.json'),
};
const SECURE_RENDERED = {
  Capabilities: { Add: ['NET_BIND_SERVICE'], Drop: ['ALL'] },
  SeccompProfile: { LocalhostProfile: 'profiles/audit.json', Type: 'Localhost' },
};
const POD_CONTEXT: PodSecurityContext = {
  fsGroup: 2000, runAsUser: 1000, runAsGroup: 3000, runAsNonRoot: true, seccompProfile: SeccompProfile.localhost('profiles/pod.json'),
};
const POD_CONTEXT_RENDERED = {
  FsGroup: 2000, RunAsUser: 1000, RunAsGroup: 3000, RunAsNonRoot: true, SeccompProfile: { LocalhostProfile: 'profiles/pod.json', Type: 'Localhost' },
};

/** A job definition of each kind whose pods have a container and an init container with `props`. */
const KINDS: Array<[string, (stack: Stack, props: Partial<EksContainerDefinitionProps>, pod?: PodSecurityContext) => void]> = [
  ['EksJobDefinition', (stack, props, pod) => new EksJobDefinition(stack, 'Job', {
    container: container(stack, { name: 'main', ...props }),
    initContainers: [container(stack, { name: 'init', ...props })],
    podSecurityContext: pod,
  })],
  ['MultiNodeEksJobDefinition', (stack, props, pod) => new MultiNodeEksJobDefinition(stack, 'Job', {
    nodeRanges: [0, 1].map((n): EksNodeRange => ({
      startNode: n, endNode: n,
      container: container(stack, { name: 'main', ...props }),
      initContainers: [container(stack, { name: 'init', ...props })],
      podSecurityContext: pod,
    })),
  })],
];

describe('SeccompProfile', () => {
  test.each([
    ['runtimeDefault()', SeccompProfile.runtimeDefault(), SeccompProfileType.RUNTIME_DEFAULT, undefined],
    ['unconfined()', SeccompProfile.unconfined(), SeccompProfileType.UNCONFINED, undefined],
    ['localhost()', SeccompProfile.localhost('a/b.json'), SeccompProfileType.LOCALHOST, 'a/b.json'],
  ])('%s has its type, and a path only for Localhost', (_name, profile, type, localhostProfile) => {
    expect(profile.type).toBe(type);
    expect(profile.localhostProfile).toBe(localhostProfile);
    expect(SeccompProfile.isSeccompProfile(profile)).toBe(true);
  });

  test('isSeccompProfile() tells a profile from a look-alike object', () => {
    expect(SeccompProfile.isSeccompProfile({ type: 'RuntimeDefault' })).toBe(false);
    expect(SeccompProfile.isSeccompProfile(undefined)).toBe(false);
  });
});

describe('EKS security contexts rendering', () => {
  test.each(KINDS)('%s: capabilities and seccomp profiles render on containers and init containers, the pod context on the pod', (_kind, build) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    build(stack, SECURE, POD_CONTEXT);

    // THEN
    for (const pod of pods(stack)) {
      expect(pod.Containers[0].SecurityContext).toEqual({ RunAsNonRoot: true, ...SECURE_RENDERED });
      expect(pod.InitContainers[0].SecurityContext).toEqual({ RunAsNonRoot: true, ...SECURE_RENDERED });
      expect(pod.SecurityContext).toEqual(POD_CONTEXT_RENDERED);
    }
  });

  test.each(KINDS)('%s: members of the security context render in the order the newest L1 gives them', (_kind, build) => {
    const stack = newStack();
    build(stack, { ...SECURE, privileged: false, allowPrivilegeEscalation: false, runAsUser: 1000 }, POD_CONTEXT);
    for (const pod of pods(stack)) {
      for (const c of [pod.Containers[0], pod.InitContainers[0]]) {
        expect(Object.keys(c.SecurityContext)).toEqual(
          ['AllowPrivilegeEscalation', 'Capabilities', 'Privileged', 'RunAsNonRoot', 'RunAsUser', 'SeccompProfile']);
      }
      expect(Object.keys(pod.SecurityContext)).toEqual(['FsGroup', 'RunAsGroup', 'RunAsNonRoot', 'RunAsUser', 'SeccompProfile']);
    }
  });

  test.each(KINDS)('%s: without the new settings, nothing of them renders', (_kind, build) => {
    const stack = newStack();
    build(stack, {});
    for (const pod of pods(stack)) {
      expect(pod.Containers[0].SecurityContext).toEqual({ RunAsNonRoot: true });
      expect(pod.InitContainers[0].SecurityContext).toEqual({ RunAsNonRoot: true });
      expect(pod.SecurityContext).toBeUndefined();
    }
  });

  test('a single-container pod renders the new members under what the L1 renders, and no other member', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new EksJobDefinition(stack, 'Job', {
      container: container(stack, { ...SECURE, readonlyRootFilesystem: true }),
      podSecurityContext: { fsGroup: 100 },
    });

    // THEN
    const pod = pods(stack)[0];
    expect(Object.keys(pod)).toEqual(['Containers', 'SecurityContext']);
    expect(pod.Containers[0].SecurityContext).toEqual({ ReadOnlyRootFilesystem: true, RunAsNonRoot: true, ...SECURE_RENDERED });
    expect(pod.SecurityContext).toEqual({ FsGroup: 100 });
  });

  test.each([
    ['empty lists', { add: [], drop: [] }],
    ['an empty struct', {}],
  ])('capabilities with %s render nothing', (_name, capabilities) => {
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', { container: container(stack, { capabilities }), podSecurityContext: {} });
    const pod = pods(stack)[0];
    expect(pod.Containers[0].SecurityContext).toEqual({ RunAsNonRoot: true });
    expect(pod.SecurityContext).toBeUndefined();
  });

  test('only add, or only drop, renders only that list', () => {
    const stack = newStack();
    const job = new EksJobDefinition(stack, 'Job', { container: container(stack, { name: 'a', capabilities: { drop: ['ALL'] } }) });
    job.addContainer(container(stack, { name: 'b', capabilities: { add: ['SYS_PTRACE'] } }));
    const pod = pods(stack)[0];
    expect(pod.Containers[0].SecurityContext.Capabilities).toEqual({ Drop: ['ALL'] });
    expect(pod.Containers[1].SecurityContext.Capabilities).toEqual({ Add: ['SYS_PTRACE'] });
  });

  test('tokens render: a whole capability list, a capability, a profile path and the pod ids', () => {
    // GIVEN
    const stack = newStack();
    const list = new CfnParameter(stack, 'Caps', { type: 'CommaDelimitedList' }).valueAsList;
    const cap = new CfnParameter(stack, 'Cap').valueAsString;
    const path = new CfnParameter(stack, 'Path').valueAsString;
    const id = new CfnParameter(stack, 'Id', { type: 'Number' }).valueAsNumber;

    // WHEN
    new EksJobDefinition(stack, 'Job', {
      container: container(stack, { capabilities: { add: list, drop: [cap] }, seccompProfile: SeccompProfile.localhost(path) }),
      podSecurityContext: { fsGroup: id, runAsUser: id, runAsGroup: id, seccompProfile: SeccompProfile.localhost(path) },
    });

    // THEN
    const pod = pods(stack)[0];
    expect(pod.Containers[0].SecurityContext).toEqual({
      RunAsNonRoot: true,
      Capabilities: { Add: { Ref: 'Caps' }, Drop: [{ Ref: 'Cap' }] },
      SeccompProfile: { LocalhostProfile: { Ref: 'Path' }, Type: 'Localhost' },
    });
    expect(pod.SecurityContext).toEqual({
      FsGroup: { Ref: 'Id' }, RunAsUser: { Ref: 'Id' }, RunAsGroup: { Ref: 'Id' },
      SeccompProfile: { LocalhostProfile: { Ref: 'Path' }, Type: 'Localhost' },
    });
  });

  test('the limits themselves pass: 64 capabilities of 128 characters, a profile path of 4095 characters, ids 0 and 2147483647', () => {
    const stack = newStack();
    const names = Array.from({ length: 64 }, (_, i) => `${i}`.padStart(128, 'X'));
    new EksJobDefinition(stack, 'Job', {
      container: container(stack, { capabilities: { add: names, drop: names }, seccompProfile: SeccompProfile.localhost('p'.repeat(4095)) }),
      podSecurityContext: { fsGroup: 0, runAsUser: 2147483647, runAsGroup: 0 },
    });
    const pod = pods(stack)[0];
    expect(pod.Containers[0].SecurityContext.Capabilities.Add).toHaveLength(64);
    expect(pod.SecurityContext).toEqual({ FsGroup: 0, RunAsUser: 2147483647, RunAsGroup: 0 });
  });

  test('any whole pod id from 0 to 2147483647 renders as given; any other number is rejected', () => {
    fc.assert(fc.property(
      fc.constantFrom<'fsGroup' | 'runAsUser' | 'runAsGroup'>('fsGroup', 'runAsUser', 'runAsGroup'),
      fc.integer({ min: 0, max: 2147483647 }),
      fc.oneof(fc.integer({ min: -(2 ** 40), max: -1 }), fc.integer({ min: 2147483648, max: 2 ** 40 }), fc.double({ min: 0.01, max: 1e6, noInteger: true })),
      (member, valid, invalid) => {
        const stack = newStack();
        // a pod user of 0 needs containers that may run as root
        new EksJobDefinition(stack, 'Job', { container: container(stack, { runAsRoot: true }), podSecurityContext: { [member]: valid } });
        const rendered = pods(stack)[0].SecurityContext;
        expect(rendered).toEqual({ [member.charAt(0).toUpperCase() + member.slice(1)]: valid });

        const other = newStack();
        expectValidationError(() => new EksJobDefinition(other, 'Job', { container: container(other), podSecurityContext: { [member]: invalid } }),
          new RegExp(`podSecurityContext\\.${member} must be a whole number between 0 and 2147483647, got `));
      }));
  });
});

/** A profile not made by the factories, as JavaScript may give one. */
const lookAlike = (type: string, localhostProfile?: string) => ({ type, localhostProfile }) as unknown as SeccompProfile;

describe('EKS security contexts validation', () => {
  test.each<[string, Partial<EksContainerDefinitionProps>, RegExp]>([
    ['65 capabilities to add', { capabilities: { add: Array(65).fill('NET_ADMIN') } }, /capabilities\.add must hold at most 64 capabilities, got 65$/],
    ['65 capabilities to drop', { capabilities: { drop: Array(65).fill('NET_ADMIN') } }, /capabilities\.drop must hold at most 64 capabilities, got 65$/],
    ['an empty capability name', { capabilities: { drop: ['ALL', ''] } }, /capabilities\.drop\[1\] must be 1 to 128 characters, got ''$/],
    ['a capability name of 129 characters', { capabilities: { add: ['X'.repeat(129)] } }, /capabilities\.add\[0\] must be 1 to 128 characters, got 'X{129}'$/],
    ['an empty localhost profile', { seccompProfile: SeccompProfile.localhost('') }, /seccompProfile\.localhostProfile must be 1 to 4095 characters, got 0 characters$/],
    ['a localhost profile of 4096 characters', { seccompProfile: SeccompProfile.localhost('p'.repeat(4096)) }, /seccompProfile\.localhostProfile must be 1 to 4095 characters, got 4096 characters$/],
    ['an absolute localhost profile', { seccompProfile: SeccompProfile.localhost('/etc/seccomp.json') }, /seccompProfile\.localhostProfile must be a relative path, got '\/etc\/seccomp\.json'$/],
    ['a localhost profile that climbs out', { seccompProfile: SeccompProfile.localhost('a/../../b.json') }, /seccompProfile\.localhostProfile must not contain a '\.\.' element, got 'a\/\.\.\/\.\.\/b\.json'$/],
    ['a profile of an unknown type', { seccompProfile: lookAlike('Strict') }, /seccompProfile\.type must be one of RuntimeDefault, Localhost, Unconfined, got 'Strict'$/],
    ['a Localhost profile without a path', { seccompProfile: lookAlike('Localhost') }, /seccompProfile\.localhostProfile must be set for a Localhost profile, got none$/],
    ['a RuntimeDefault profile with a path', { seccompProfile: lookAlike('RuntimeDefault', 'a.json') }, /seccompProfile\.localhostProfile must be set only for a Localhost profile, got 'a\.json'$/],
  ])('a container with %s is rejected', (_name, props, pattern) => {
    expectValidationError(() => container(newStack(), props), new RegExp(`^EksContainerDefinition 'Stack/Container\\d+': ${pattern.source}`));
  });

  test.each<[string, PodSecurityContext, RegExp]>([
    ['a negative fsGroup', { fsGroup: -1 }, /podSecurityContext\.fsGroup must be a whole number between 0 and 2147483647, got -1$/],
    ['a runAsUser above 2147483647', { runAsUser: 2147483648 }, /podSecurityContext\.runAsUser must be a whole number between 0 and 2147483647, got 2147483648$/],
    ['a fractional runAsGroup', { runAsGroup: 1.5 }, /podSecurityContext\.runAsGroup must be a whole number between 0 and 2147483647, got 1\.5$/],
    ['an absolute localhost profile', { seccompProfile: SeccompProfile.localhost('/x.json') }, /podSecurityContext\.seccompProfile\.localhostProfile must be a relative path, got '\/x\.json'$/],
    ['a profile of an unknown type', { seccompProfile: lookAlike('localhost', 'x.json') }, /podSecurityContext\.seccompProfile\.type must be one of RuntimeDefault, Localhost, Unconfined, got 'localhost'$/],
  ])('a pod security context with %s is rejected, on a job definition and on a node range', (_name, context, pattern) => {
    const stack = newStack();
    expectValidationError(() => new EksJobDefinition(stack, 'Job', { container: container(stack), podSecurityContext: context }),
      new RegExp(`^EksJobDefinition 'Stack/Job': ${pattern.source}`));
    const multi = new MultiNodeEksJobDefinition(stack, 'Multi');
    expectValidationError(() => multi.addNodeRange({ startNode: 0, container: container(stack), podSecurityContext: context }),
      new RegExp(`^MultiNodeEksJobDefinition 'Stack/Multi': nodeRanges\\[0\\]\\.${pattern.source}`));
  });

  test('every problem is reported at once', () => {
    expectValidationError(() => container(newStack(), { capabilities: { add: [''], drop: Array(65).fill('A') }, seccompProfile: SeccompProfile.localhost('') }),
      /add\[0\] must be 1 to 128[^]*drop must hold at most 64[^]*localhostProfile must be 1 to 4095/);
  });

  test('tokens are not judged', () => {
    const stack = newStack();
    const lazy = Lazy.string({ produce: () => '' });
    const number = Lazy.number({ produce: () => -1 });
    expect(() => new EksJobDefinition(stack, 'Job', {
      container: container(stack, { capabilities: { add: Lazy.list({ produce: () => Array(65).fill('A') }), drop: [lazy] }, seccompProfile: SeccompProfile.localhost(lazy) }),
      podSecurityContext: { fsGroup: number, runAsUser: number, runAsGroup: number, seccompProfile: SeccompProfile.localhost(lazy) },
    })).not.toThrow();
  });
});

describe('a pod user of 0 (root)', () => {
  test('fails synthesis while a container that sets no user of its own must run as a non-root user: Kubernetes never starts it', () => {
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', { container: container(stack, { name: 'main' }), podSecurityContext: { runAsUser: 0 } });
    expectSynthError(stack, /EksJobDefinition 'Stack\/Job': podSecurityContext\.runAsUser must not be 0 \(root\) while a container that sets no runAsUser of its own must run as a non-root user \(runAsRoot is not true: containers\[0\]; Kubernetes refuses to start it\), got 0/);
  });

  test('fails synthesis for an init container added later, and names it', () => {
    const stack = newStack();
    const job = new EksJobDefinition(stack, 'Job', { container: container(stack, { name: 'main', runAsRoot: true }), podSecurityContext: { runAsUser: 0 } });
    job.addInitContainer(container(stack, { name: 'init' }));
    expectSynthError(stack, /runAsRoot is not true: initContainers\[0\]; Kubernetes refuses/);
  });

  test('fails synthesis in a node range, named by its index', () => {
    const stack = newStack();
    new MultiNodeEksJobDefinition(stack, 'Job', {
      nodeRanges: [
        { startNode: 0, endNode: 0, container: container(stack, { name: 'main' }) },
        { startNode: 1, endNode: 1, container: container(stack, { name: 'main' }), podSecurityContext: { runAsUser: 0 } },
      ],
    });
    expectSynthError(stack, /nodeRanges\[1\]\.podSecurityContext\.runAsUser must not be 0 \(root\) .*nodeRanges\[1\]\.containers\[0\]/);
  });

  test.each<[string, Partial<EksContainerDefinitionProps>]>([
    ['may run as root', { runAsRoot: true }],
    ['sets a user of its own', { runAsUser: 1000 }],
    ['sets a token user of its own', { runAsUser: Lazy.number({ produce: () => 1000 }) }],
  ])('passes when every container %s', (_name, props) => {
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', {
      container: container(stack, { name: 'main', ...props }),
      initContainers: [container(stack, { name: 'init', ...props })],
      podSecurityContext: { runAsUser: 0, runAsNonRoot: true },
    });
    expect(pods(stack)[0].SecurityContext).toEqual({ RunAsUser: 0, RunAsNonRoot: true });
  });
});

describe('EKS security context warnings', () => {
  test('a capability named with the CAP_ prefix passes with a warning that names it', () => {
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', { container: container(stack, { capabilities: { add: ['CAP_NET_ADMIN', 'SYS_TIME'], drop: ['cap_sys_admin'] } }) });
    const warnings = warningsOf(stack).filter((w) => w.id === '@aws-cdk/aws-batch-alpha:eksCapabilityPrefix');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/^capabilities\.add\[0\] 'CAP_NET_ADMIN', capabilities\.drop\[0\] 'cap_sys_admin': capability names are given without the 'CAP_' prefix/);
    expect(pods(stack)[0].Containers[0].SecurityContext.Capabilities).toEqual({ Add: ['CAP_NET_ADMIN', 'SYS_TIME'], Drop: ['cap_sys_admin'] });
  });

  test.each([
    ['runtimeDefault()', SeccompProfile.runtimeDefault()],
    ['localhost()', SeccompProfile.localhost('a.json')],
  ])('a %s seccomp profile on a privileged container passes with a warning: it always runs unconfined', (_name, seccompProfile) => {
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', { container: container(stack, { privileged: true, seccompProfile }) });
    expect(warningRules(stack)).toEqual(['eksSeccompProfilePrivileged']);
    expect(pods(stack)[0].Containers[0].SecurityContext.SeccompProfile.Type).toBe(seccompProfile.type);
  });

  test('a pod runAsNonRoot of false passes with a warning naming the containers that still must run as a non-root user', () => {
    const stack = newStack();
    const job = new EksJobDefinition(stack, 'Job', { container: container(stack, { name: 'main', runAsRoot: true }), podSecurityContext: { runAsNonRoot: false } });
    job.addInitContainer(container(stack, { name: 'init' }));
    const warnings = warningsOf(stack);
    expect(warnings.map((w) => w.id)).toEqual(['@aws-cdk/aws-batch-alpha:eksPodRunAsNonRootOverridden']);
    expect(warnings[0].message).toMatch(/^podSecurityContext\.runAsNonRoot false does not apply to initContainers\[0\]: a container's own setting overrides the pod's/);
  });

  test('a pod runAsNonRoot of false in a node range is warned about with the range named', () => {
    const stack = newStack();
    new MultiNodeEksJobDefinition(stack, 'Job', {
      nodeRanges: [{ startNode: 0, endNode: 0, container: container(stack, { name: 'main' }), podSecurityContext: { runAsNonRoot: false } }],
    });
    expect(warningsOf(stack).map((w) => w.message)).toEqual([expect.stringMatching(/^nodeRanges\[0\]\.podSecurityContext\.runAsNonRoot false does not apply to nodeRanges\[0\]\.containers\[0\]/)]);
  });

  test('settings the Pod Security Standards forbid pass without a warning: namespaces enforce them, not the API', () => {
    // GIVEN capabilities beyond NET_BIND_SERVICE, none dropped, unconfined profiles on pod and container, a privileged container
    const stack = newStack();
    new EksJobDefinition(stack, 'Job', {
      container: container(stack, { name: 'main', privileged: true, capabilities: { add: ['SYS_ADMIN'] }, seccompProfile: SeccompProfile.unconfined() }),
      podSecurityContext: { seccompProfile: SeccompProfile.unconfined(), runAsNonRoot: true },
    });

    // THEN
    expect(warningRules(stack)).toEqual([]);
  });
});
