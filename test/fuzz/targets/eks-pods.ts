import { Size, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as fc from 'fast-check';
import {
  EksContainerDefinition, EksJobDefinition, EksNodeRange, EksVolume, LinuxCapabilities, MultiNodeEksJobDefinition, PodSecurityContext, SeccompProfile,
} from '../../../lib';
import { Ctx, FuzzTarget, Gen, gen, isWild, list, num, opt, optional, plain, size, str, stringOf, cases } from '../harness';

// ---- containers of a pod --------------------------------------------------------------------------

/** The volumes a pod's containers choose from: the same name is always the same kind in plausible cases. */
type VolumeKind = 'emptyDir' | 'hostPath' | 'claim' | 'secret';
const VOLUME_NAMES: Record<string, VolumeKind> = { data: 'emptyDir', logs: 'hostPath', results: 'claim', creds: 'secret' };

interface VolumeCase {
  name: string;
  /** Wild cases may give a name another kind than the other containers do. */
  kind: VolumeKind;
  mounted: boolean;
  readonly?: boolean;
  subPath?: Gen<string>;
  readonlyClaim?: boolean;
}

const subPath = (): fc.Arbitrary<Gen<string>> => (isWild()
  ? str(fc.constantFrom('a', 'a/b', '/abs', '../up', 'x/../../y', '', '..x'))
  : str(fc.constantFrom('a', 'a/b', 'runs/1', 'x..y')));

const volumeCase = (): fc.Arbitrary<VolumeCase> => {
  // read while the arbitrary is built: the function given to chain() runs when cases are drawn
  const wild = isWild();
  const rest = {
    mounted: wild ? fc.boolean() : fc.constant(true),
    readonly: optional(fc.boolean()),
    subPath: optional(subPath()),
    readonlyClaim: wild ? optional(fc.boolean()) : fc.constant(undefined),
  };
  const anyKind = fc.constantFrom<VolumeKind>('emptyDir', 'hostPath', 'claim', 'secret');
  return fc.constantFrom(...Object.keys(VOLUME_NAMES)).chain((name) => fc.record({
    name: fc.constant(name),
    kind: wild ? anyKind : fc.constant(VOLUME_NAMES[name]),
    ...rest,
  }));
};

function makeVolume(ctx: Ctx, v: VolumeCase): EksVolume {
  const common = { name: v.name, mountPath: v.mounted ? `/mnt/${v.name}` : undefined, readonly: v.mounted ? v.readonly : undefined, subPath: opt(ctx, v.subPath) };
  switch (v.kind) {
    case 'emptyDir': return EksVolume.emptyDir(common);
    case 'hostPath': return EksVolume.hostPath({ ...common, hostPath: '/var/log' });
    case 'claim': return EksVolume.persistentVolumeClaim({ ...common, claimName: 'results', readonlyClaim: v.readonlyClaim });
    default: return EksVolume.secret({ ...common, secretName: 'creds' });
  }
}

// ---- security contexts ----------------------------------------------------------------------------

/** Capability names: as Batch documents them (no `CAP_` prefix); wild ones also empty, too long or prefixed. */
const capabilityName = (): fc.Arbitrary<Gen<string>> => (isWild()
  ? str(fc.constantFrom('NET_ADMIN', 'ALL', 'CAP_SYS_TIME', '', 'X'.repeat(129), 'net_raw'))
  : str(fc.constantFrom('ALL', 'NET_BIND_SERVICE', 'NET_ADMIN', 'SYS_PTRACE', 'CHOWN', 'SETUID', 'SETGID', 'KILL', 'SYS_TIME')));

interface CapabilitiesCase {
  add?: Gen<string>[];
  drop?: Gen<string>[];
}

const capabilitiesCase = (): fc.Arbitrary<CapabilitiesCase> => fc.record({
  add: optional(list(capabilityName(), isWild() ? 66 : 64)),
  drop: optional(list(capabilityName(), isWild() ? 66 : 64)),
});

function makeCapabilities(ctx: Ctx, c: CapabilitiesCase | undefined): LinuxCapabilities | undefined {
  return c === undefined ? undefined : { add: c.add?.map((g) => g(ctx)), drop: c.drop?.map((g) => g(ctx)) };
}

/** Seccomp profiles: the three kinds, a `Localhost` one with a relative path of 1 to 4095 characters (wild: any path). */
const seccompCase = (): fc.Arbitrary<Gen<SeccompProfile>> => {
  const path = isWild()
    ? str(fc.constantFrom('audit.json', '', '/abs.json', '../up.json', 'p'.repeat(4096)))
    : str(fc.oneof(fc.constantFrom('audit.json', 'profiles/batch.json', 'a/b/c.json'), stringOf('abcxyz019-_.', 1, 40).filter((p) => p !== '..' && p !== '.')));
  return fc.oneof(
    fc.constant(gen('SeccompProfile.runtimeDefault()', () => SeccompProfile.runtimeDefault())),
    fc.constant(gen('SeccompProfile.unconfined()', () => SeccompProfile.unconfined())),
    path.map((p) => gen(`SeccompProfile.localhost(${fc.stringify(p)})`, (ctx) => SeccompProfile.localhost(p(ctx)))),
  );
};

interface PodSecurityCase {
  fsGroup?: Gen<number>;
  runAsUser?: Gen<number>;
  runAsGroup?: Gen<number>;
  runAsNonRoot?: boolean;
  seccompProfile?: Gen<SeccompProfile>;
}

const podSecurityCase = (): fc.Arbitrary<PodSecurityCase> => fc.record({
  fsGroup: optional(num(0, 2147483647)),
  runAsUser: optional(num(0, 2147483647)),
  runAsGroup: optional(num(0, 2147483647)),
  runAsNonRoot: optional(fc.boolean()),
  seccompProfile: optional(seccompCase()),
});

function makePodSecurityContext(ctx: Ctx, p: PodSecurityCase | undefined): PodSecurityContext | undefined {
  return p === undefined ? undefined : {
    fsGroup: opt(ctx, p.fsGroup), runAsUser: opt(ctx, p.runAsUser), runAsGroup: opt(ctx, p.runAsGroup),
    runAsNonRoot: p.runAsNonRoot, seccompProfile: opt(ctx, p.seccompProfile),
  };
}

interface ContainerCase {
  /** Plausible: no name, so the pod gives each container a unique one; wild: from a small pool. */
  name?: Gen<string>;
  image: string;
  cpu: Gen<number>;
  memory: Gen<Size>;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  volumes: VolumeCase[];
  addedVolumes: VolumeCase[];
  capabilities?: CapabilitiesCase;
  seccompProfile?: Gen<SeccompProfile>;
  /** Plausible: the container runs as user 1000; wild: it may take the pod's user. */
  ownUser: boolean;
}

const quarters = (): fc.Arbitrary<Gen<number>> => num(1, 64).map((q) => gen(`quarters(${fc.stringify(q)})`, (ctx) => {
  const v = q(ctx);
  return Token.isUnresolved(v) ? v : v / 4;
}));

const containerCase = (): fc.Arbitrary<ContainerCase> => fc.record({
  name: isWild() ? optional(str(fc.constantFrom('a', 'b', 'main', 'Main', '-x', 'a'.repeat(64)))) : fc.constant(undefined),
  image: fc.constantFrom('public.ecr.aws/docker/library/busybox:1.36', 'registry.example.com/team/app:1', 'python:3.12'),
  cpu: quarters(),
  memory: size(),
  privileged: optional(fc.boolean()),
  allowPrivilegeEscalation: optional(fc.boolean()),
  volumes: fc.uniqueArray(volumeCase(), { maxLength: 3, selector: (v) => v.name }),
  addedVolumes: isWild() ? list(volumeCase(), 1) : fc.constant([]),
  capabilities: optional(capabilitiesCase()),
  seccompProfile: optional(seccompCase()),
  ownUser: isWild() ? fc.boolean() : fc.constant(true),
});

function makeContainer(ctx: Ctx, c: ContainerCase, name: string): EksContainerDefinition {
  const container = new EksContainerDefinition(ctx.stack, ctx.id('Container'), {
    image: ecs.ContainerImage.fromRegistry(c.image),
    name: c.name !== undefined ? c.name(ctx) : name,
    cpuReservation: c.cpu(ctx),
    memoryLimit: c.memory(ctx),
    // a privileged container may always escalate: plausible cases never pair it with false
    privileged: c.privileged,
    allowPrivilegeEscalation: !isWildCase(c) && c.privileged === true ? true : c.allowPrivilegeEscalation,
    runAsUser: c.ownUser ? 1000 : undefined,
    capabilities: makeCapabilities(ctx, c.capabilities),
    seccompProfile: opt(ctx, c.seccompProfile),
    volumes: c.volumes.map((v) => makeVolume(ctx, v)),
  });
  for (const v of c.addedVolumes) {
    container.addVolume(makeVolume(ctx, v));
  }
  return container;
}

/** Wild container cases are the ones that may carry a name of their own. */
function isWildCase(c: ContainerCase): boolean {
  return c.name !== undefined;
}

// ---- pod settings ---------------------------------------------------------------------------------

const labelKey = () => (isWild()
  ? fc.oneof(stringOf('abcXYZ019-_./', 0, 12), fc.constantFrom('a/b/c', 'Example.com/x', 'x'.repeat(64), '-a'))
  : fc.oneof(stringOf('abcxyz', 1, 8), fc.constantFrom('app.kubernetes.io/name', 'example.com/team', 'tier_1')));
const labelValue = () => (isWild()
  ? fc.oneof(stringOf('abcXYZ019-_. ', 0, 12), fc.constant('v'.repeat(64)))
  : fc.oneof(stringOf('abcxyz019', 0, 8), fc.constantFrom('v1.2', 'a_b-c')));
const annotationValue = () => (isWild() ? fc.oneof(fc.string({ maxLength: 20 }), fc.constant('x'.repeat(256))) : fc.string({ maxLength: 40 }));
const secretName = () => (isWild() ? str(fc.constantFrom('registry', 'Registry_Creds', '', 'a.b', '-x')) : str(fc.constantFrom('registry', 'mirror.creds', 'ghcr')));
const namespace = () => (isWild() ? str(fc.constantFrom('batch', 'default', 'kube-system', 'Batch', 'a'.repeat(64))) : str(fc.constantFrom('batch', 'ml-jobs')));

interface PodCase {
  containers: ContainerCase[];
  initContainers: ContainerCase[];
  imagePullSecrets?: Gen<string>[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  kubernetesNamespace?: Gen<string>;
  shareProcessNamespace?: boolean;
  useHostNetwork?: boolean;
  podSecurityContext?: PodSecurityCase;
}

const podCase = (maxContainers: number) => fc.record({
  containers: fc.array(containerCase(), { minLength: 1, maxLength: isWild() ? 12 : maxContainers }),
  initContainers: list(containerCase(), isWild() ? 12 : 3),
  imagePullSecrets: optional(list(secretName(), 3)),
  labels: optional(fc.dictionary(labelKey(), labelValue(), { maxKeys: 3 })),
  annotations: optional(fc.dictionary(labelKey(), annotationValue(), { maxKeys: 3 })),
  kubernetesNamespace: optional(namespace()),
  shareProcessNamespace: optional(fc.boolean()),
  useHostNetwork: optional(fc.boolean()),
  podSecurityContext: optional(podSecurityCase()),
});

function makePod(ctx: Ctx, p: PodCase, prefix: string) {
  return {
    container: makeContainer(ctx, p.containers[0], `${prefix}main`),
    additionalContainers: p.containers.slice(1).map((c, i) => makeContainer(ctx, c, `${prefix}c${i}`)),
    initContainers: p.initContainers.map((c, i) => makeContainer(ctx, c, `${prefix}init${i}`)),
    imagePullSecrets: p.imagePullSecrets?.map((g) => g(ctx)),
    labels: p.labels,
    annotations: p.annotations,
    kubernetesNamespace: opt(ctx, p.kubernetesNamespace),
    shareProcessNamespace: p.shareProcessNamespace,
    useHostNetwork: p.useHostNetwork,
    podSecurityContext: makePodSecurityContext(ctx, p.podSecurityContext),
  };
}

// ---- targets --------------------------------------------------------------------------------------

interface EksPodCase {
  pod: PodCase;
  added: ContainerCase[];
  addedInit: ContainerCase[];
  addedSecrets: Gen<string>[];
}

export const eksPodTarget: FuzzTarget<EksPodCase> = {
  name: 'EksJobDefinitionPod',
  arbitrary: cases(() => fc.record({
    pod: podCase(4),
    added: list(containerCase(), 2),
    addedInit: list(containerCase(), 2),
    addedSecrets: list(secretName(), 2),
  })),
  build(ctx, c) {
    const job = new EksJobDefinition(ctx.stack, 'JobDefinition', makePod(ctx, c.pod, ''));
    c.added.forEach((a, i) => job.addContainer(makeContainer(ctx, a, `added${i}`)));
    c.addedInit.forEach((a, i) => job.addInitContainer(makeContainer(ctx, a, `addedinit${i}`)));
    c.addedSecrets.forEach((s) => job.addImagePullSecret(s(ctx)));
  },
};

interface RangeCase {
  /** Plausible: the length of the range (ranges tile the nodes in order); wild: the start. */
  length: Gen<number>;
  end?: Gen<number>;
  pod: PodCase;
}

interface MultiNodeEksCase {
  ranges: RangeCase[];
  /** Plausible: leave the last range open, with numNodes past its start. */
  openLast: boolean;
  extraNodes: number;
  mainNode?: Gen<number>;
  numNodes?: Gen<number>;
  instanceType: boolean;
  addLater: boolean;
}

export const multiNodeEksJobDefinitionTarget: FuzzTarget<MultiNodeEksCase> = {
  name: 'MultiNodeEksJobDefinition',
  arbitrary: cases(() => fc.record({
    ranges: fc.array(fc.record({
      length: isWild() ? num(0, 20) : plain(fc.integer({ min: 1, max: 20 })),
      end: isWild() ? optional(num(0, 40)) : fc.constant(undefined),
      pod: podCase(2),
    }), { minLength: isWild() ? 0 : 1, maxLength: isWild() ? 7 : 5 }),
    openLast: fc.boolean(),
    extraNodes: fc.integer({ min: 0, max: 10 }),
    mainNode: isWild() ? optional(num(0, 40)) : fc.constant(undefined),
    numNodes: isWild() ? optional(num(1, 60)) : fc.constant(undefined),
    instanceType: fc.boolean(),
    addLater: fc.boolean(),
  })),
  build(ctx, c) {
    // plausible cases tile the nodes in order and share one namespace; wild ones take their indexes as drawn
    const wild = c.ranges.some((r) => r.end !== undefined) || c.mainNode !== undefined || c.numNodes !== undefined;
    let next = 0;
    const namespace = c.ranges[0]?.pod.kubernetesNamespace;
    const ranges: EksNodeRange[] = c.ranges.map((r, i) => {
      const length = r.length(ctx);
      const pod = makePod(ctx, { ...r.pod, kubernetesNamespace: wild ? r.pod.kubernetesNamespace : namespace }, `r${i}-`);
      if (wild) {
        return { ...pod, startNode: length, endNode: opt(ctx, r.end) };
      }
      const start = next;
      next += Token.isUnresolved(length) ? 1 : length;
      const last = i === c.ranges.length - 1;
      return { ...pod, startNode: start, endNode: last && c.openLast ? undefined : start + (Token.isUnresolved(length) ? 1 : length) - 1 };
    });
    const numNodes = wild ? opt(ctx, c.numNodes) : (c.openLast ? next + c.extraNodes : undefined);
    const job = new MultiNodeEksJobDefinition(ctx.stack, 'JobDefinition', {
      nodeRanges: c.addLater ? [] : ranges,
      mainNode: wild ? opt(ctx, c.mainNode) : 0,
      numNodes,
      instanceType: c.instanceType ? ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE) : undefined,
    });
    if (c.addLater) {
      ranges.forEach((r) => job.addNodeRange(r));
    }
  },
};
