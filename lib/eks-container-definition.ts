import { Size } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct, IConstruct } from 'constructs';
import { LinuxCapabilities, SeccompProfile, SeccompProfileType } from './eks-security-context';
import { EksVolume } from './eks-volume';
import { bindImageForPod } from './private/container-image';
import {
  acceptVolume, KnownVolume, mebibytesQuantity, renderRawVolumeMount, renderVolumeMount, validateVolume, validateVolumeSet,
} from './private/eks-volumes';
import { checkCapabilities, checkSeccompProfile, prefixedCapabilities, renderCapabilities, renderSeccompProfile } from './private/eks-security';
import { checkDnsLabel } from './private/kubernetes';
import { lazyAny } from './private/lazy-any';
import { checkSizeTokenUnit } from './private/units';
import { applyPropertyInjectors } from './private/property-injection';
import {
  addValidation, checkAtLeast, checkNotEmpty, checkNotReservedEnvName, checkRange, checkWholeMiB, concreteMiB, MAX_INTEGER, Problem, show,
  throwIfInvalid, unresolved, warn,
} from './private/validation';

/**
 * When the kubelet pulls the container's image.
 *
 * @see https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
 */
export enum ImagePullPolicy {
  /**
   * Every time the container starts, the kubelet asks the registry for the image's digest and
   * pulls the image if the node does not have that digest yet.
   */
  ALWAYS = 'Always',

  /**
   * The image is pulled only when the node does not have it yet.
   */
  IF_NOT_PRESENT = 'IfNotPresent',

  /**
   * The image is never pulled: it must already be on the node, or the container fails to start.
   */
  NEVER = 'Never',
}

/**
 * The container of the pod that runs an EKS job.
 */
export interface IEksContainerDefinition extends IConstruct {
  /**
   * The image the container runs.
   */
  readonly image: ecs.ContainerImage;

  /**
   * The arguments passed to the entrypoint (`args` of the Kubernetes container).
   *
   * Without them, the `CMD` of the image applies.
   *
   * @default - no args
   */
  readonly args?: string[];

  /**
   * The entrypoint of the container (`command` of the Kubernetes container).
   *
   * Without it, the `ENTRYPOINT` of the image applies.
   *
   * @default - no command
   */
  readonly command?: string[];

  /**
   * The environment variables of the container.
   *
   * @default - no environment variables
   */
  readonly env?: { [key: string]: string };

  /**
   * When the kubelet pulls the image.
   *
   * @default - `ALWAYS` if the `:latest` tag is specified, `IF_NOT_PRESENT` otherwise
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * The name of the container.
   *
   * @default 'Default'
   */
  readonly name?: string;

  /**
   * The most memory the container may use.
   *
   * The container is stopped if it uses more.
   *
   * @default - No memory limit
   */
  readonly memoryLimit?: Size;

  /**
   * The memory reserved for the container, used by Batch and Kubernetes to place the pod.
   *
   * @default - No memory reserved
   */
  readonly memoryReservation?: Size;

  /**
   * The most vCPUs the container may use.
   *
   * @default - No CPU limit
   */
  readonly cpuLimit?: number;

  /**
   * The vCPUs reserved for the container, used by Batch and Kubernetes to place the pod.
   *
   * @default - No CPUs reserved
   */
  readonly cpuReservation?: number;

  /**
   * The most GPUs the container may use.
   *
   * @default - No GPU limit
   */
  readonly gpuLimit?: number;

  /**
   * The GPUs reserved for the container.
   *
   * @default - No GPUs reserved
   */
  readonly gpuReservation?: number;

  /**
   * Whether the container runs privileged: with nearly every capability of root on the node.
   *
   * @default false
   */
  readonly privileged?: boolean;

  /**
   * Whether a process of the container may gain more privileges than its parent process.
   *
   * @default - not set: Batch and Kubernetes decide
   */
  readonly allowPrivilegeEscalation?: boolean;

  /**
   * Whether the root file system of the container is mounted read-only.
   *
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;

  /**
   * The group ID (`gid`) the container's processes run as.
   *
   * @default - none
   */
  readonly runAsGroup?: number;

  /**
   * Whether the container may run as root (user ID 0).
   *
   * When not `true`, the container must run as a non-root user: Kubernetes refuses to start
   * it when its user (the image's `USER`, or `runAsUser`) is root.
   *
   * @default - the container must run as a non-root user
   */
  readonly runAsRoot?: boolean;

  /**
   * The user ID (`uid`) the container's processes run as.
   *
   * @default - the user that is specified in the image metadata.
   */
  readonly runAsUser?: number;

  /**
   * Linux capabilities added to, or dropped from, the set the container runtime gives the container.
   *
   * @default - the container runtime's default set
   */
  readonly capabilities?: LinuxCapabilities;

  /**
   * The seccomp profile that filters the container's system calls, in place of the pod's.
   *
   * @default - the pod's `seccompProfile`, else the node's default
   */
  readonly seccompProfile?: SeccompProfile;

  /**
   * The volumes of the pod, each mounted into the container at its `mountPath`.
   *
   * A copy: use `addVolume()` to add one.
   */
  readonly volumes: EksVolume[];

  /**
   * Adds a volume to the pod, mounted into the container at its `mountPath`.
   */
  addVolume(volume: EksVolume): void;
}

/**
 * Props to create the container of an EKS job.
 */
export interface EksContainerDefinitionProps {
  /**
   * The image the container runs: any `ContainerImage`, including images in ECR and image assets.
   *
   * The image is pulled by the kubelet with the credentials of the node (the instance role of
   * the EKS compute environment), which must be allowed to pull it; the job definition grants
   * nothing. Registry credentials (`ContainerImage.fromRegistry(name, { credentials })`) are an
   * ECS feature and are rejected: for a private registry, give the job definition `imagePullSecrets`.
   */
  readonly image: ecs.ContainerImage;

  /**
   * The arguments passed to the entrypoint (`args` of the Kubernetes container).
   *
   * Without them, the `CMD` of the image applies. `$(NAME)` is replaced by the value of the environment variable `NAME`.
   *
   * @see https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
   * @default - no args
   */
  readonly args?: string[];

  /**
   * The entrypoint of the container (`command` of the Kubernetes container).
   *
   * Without it, the `ENTRYPOINT` of the image applies. Not run in a shell: use `['/bin/sh', '-c', '...']` for shell syntax.
   *
   * @default - no command
   */
  readonly command?: string[];

  /**
   * The environment variables of the container.
   *
   * Names must not start with `AWS_BATCH`: Batch sets those.
   *
   * @default - no environment variables
   */
  readonly env?: { [key: string]: string };

  /**
   * When the kubelet pulls the image.
   *
   * @default - `ALWAYS` if the `:latest` tag is specified, `IF_NOT_PRESENT` otherwise
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * The name of the container.
   *
   * A DNS-1123 label: up to 63 lower-case letters, digits and hyphens, starting and ending
   * with a letter or digit.
   *
   * @default 'Default'
   */
  readonly name?: string;

  /**
   * The most memory the container may use.
   *
   * The container is stopped if it uses more. A whole number of MiB, at least 4. When `memoryReservation` is set too, both must be equal.
   * At least one of `memoryLimit` and `memoryReservation` is required by Batch.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/memory-cpu-batch-eks.html
   * @default - No memory limit
   */
  readonly memoryLimit?: Size;

  /**
   * The memory reserved for the container, used by Batch and Kubernetes to place the pod.
   *
   * A whole number of MiB, at least 4. When `memoryLimit` is set too, both must be equal.
   * At least one of `memoryLimit` and `memoryReservation` is required by Batch.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/memory-cpu-batch-eks.html
   * @default - No memory reserved
   */
  readonly memoryReservation?: Size;

  /**
   * The most vCPUs the container may use.
   *
   * The container is throttled beyond. A multiple of 0.25, at least `cpuReservation`. At least one of `cpuLimit` and
   * `cpuReservation` is required by Batch.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/memory-cpu-batch-eks.html
   * @default - No CPU limit
   */
  readonly cpuLimit?: number;

  /**
   * The vCPUs reserved for the container, used by Batch and Kubernetes to place the pod.
   *
   * A multiple of 0.25, at most `cpuLimit`. At least one of `cpuLimit` and `cpuReservation`
   * is required by Batch.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/memory-cpu-batch-eks.html
   * @default - No CPUs reserved
   */
  readonly cpuReservation?: number;

  /**
   * The most GPUs the container may use.
   *
   * A whole number. When `gpuReservation` is set too, both must be equal.
   *
   * @default - No GPU limit
   */
  readonly gpuLimit?: number;

  /**
   * The GPUs reserved for the container.
   *
   * A whole number. When `gpuLimit` is set too, both must be equal.
   *
   * @default - No GPUs reserved
   */
  readonly gpuReservation?: number;

  /**
   * Whether the container runs privileged: with nearly every capability of root on the node.
   *
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
   * @default false
   */
  readonly privileged?: boolean;

  /**
   * Whether a process of the container may gain more privileges than its parent process.
   *
   * `false` sets `no_new_privs` on the container's processes, so that setuid binaries and file
   * capabilities grant nothing. A privileged container always may: `false` with `privileged: true`
   * is rejected, as Kubernetes rejects it.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
   * @default - not set: Batch and Kubernetes decide
   */
  readonly allowPrivilegeEscalation?: boolean;

  /**
   * Whether the root file system of the container is mounted read-only.
   *
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;

  /**
   * The group ID (`gid`) the container's processes run as.
   *
   * @default - none
   */
  readonly runAsGroup?: number;

  /**
   * Whether the container may run as root (user ID 0).
   *
   * When not `true`, the container must run as a non-root user (`runAsNonRoot: true` is
   * rendered): Kubernetes refuses to start it when its user (the image's `USER`, its
   * `runAsUser`, or else the pod's) is root. Many public images run as root; set this to `true`, or `runAsUser`
   * to a non-zero user ID, to run them.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
   * @default - the container must run as a non-root user
   */
  readonly runAsRoot?: boolean;

  /**
   * The user ID (`uid`) the container's processes run as.
   *
   * 0 (root) needs `runAsRoot: true`.
   *
   * @default - the user that is specified in the image metadata.
   */
  readonly runAsUser?: number;

  /**
   * Linux capabilities added to, or dropped from, the set the container runtime gives the container.
   *
   * Names without the `CAP_` prefix (`NET_ADMIN`; `ALL` for every capability), at most 64 in each
   * list. The restricted Pod Security Standard, which a namespace may enforce, asks for
   * `drop: ['ALL']` and adds only `NET_BIND_SERVICE`; the library does not enforce it.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksContainerLinuxCapabilities.html
   * @default - the container runtime's default set
   */
  readonly capabilities?: LinuxCapabilities;

  /**
   * The seccomp profile that filters the container's system calls, in place of the pod's.
   *
   * A privileged container always runs unconfined: a profile other than `unconfined()` on it is
   * not applied, and warned about. The baseline and restricted Pod Security Standards, which a
   * namespace may enforce, forbid `unconfined()`; the library does not enforce them.
   *
   * @see https://kubernetes.io/docs/reference/node/seccomp/
   * @default - the pod's `seccompProfile`, else the node's default
   */
  readonly seccompProfile?: SeccompProfile;

  /**
   * The volumes of the pod, each mounted into the container at its `mountPath`.
   *
   * More can be added with `addVolume()`.
   *
   * @default - no volumes
   */
  readonly volumes?: EksVolume[];
}

const KIND = 'EksContainerDefinition';
const CPU_STEP = 0.25;
const MIN_MEMORY_MIB = 4;

/**
 * The container of the pod that runs an EKS job.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/eks-job-definitions.html
 */
export class EksContainerDefinition extends Construct implements IEksContainerDefinition {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EksContainerDefinition';

  public readonly image: ecs.ContainerImage;
  public readonly args?: string[];
  public readonly command?: string[];
  public readonly env?: { [key: string]: string };
  public readonly imagePullPolicy?: ImagePullPolicy;
  public readonly name?: string;
  public readonly memoryLimit?: Size;
  public readonly memoryReservation?: Size;
  public readonly cpuLimit?: number;
  public readonly cpuReservation?: number;
  public readonly gpuLimit?: number;
  public readonly gpuReservation?: number;
  public readonly privileged?: boolean;
  public readonly allowPrivilegeEscalation?: boolean;
  public readonly readonlyRootFilesystem?: boolean;
  public readonly runAsGroup?: number;
  public readonly runAsRoot?: boolean;
  public readonly runAsUser?: number;
  public readonly capabilities?: LinuxCapabilities;
  public readonly seccompProfile?: SeccompProfile;

  private readonly _volumes: KnownVolume[];
  private readonly imageConfig: ecs.ContainerImageConfig;

  constructor(scope: Construct, id: string, props: EksContainerDefinitionProps) {
    props = applyPropertyInjectors(EksContainerDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id);

    const volumes = [...(props.volumes ?? [])];
    throwIfInvalid(KIND, this, [
      ...validateContainerProps(props),
      ...volumes.flatMap((volume, i) => validateVolume(`volumes[${i}]`, volume)),
    ]);
    warnUpperCaseName(this, props.name);
    warnSecurityContext(this, props);

    this.image = props.image;
    this.args = props.args;
    this.command = props.command;
    this.env = props.env;
    this.imagePullPolicy = props.imagePullPolicy;
    this.name = props.name;
    this.memoryLimit = props.memoryLimit;
    this.memoryReservation = props.memoryReservation;
    this.cpuLimit = props.cpuLimit;
    this.cpuReservation = props.cpuReservation;
    this.gpuLimit = props.gpuLimit;
    this.gpuReservation = props.gpuReservation;
    this.privileged = props.privileged;
    this.allowPrivilegeEscalation = props.allowPrivilegeEscalation;
    this.readonlyRootFilesystem = props.readonlyRootFilesystem;
    this.runAsGroup = props.runAsGroup;
    this.runAsRoot = props.runAsRoot;
    this.runAsUser = props.runAsUser;
    this.capabilities = props.capabilities;
    this.seccompProfile = props.seccompProfile;
    this._volumes = volumes.map((volume, i) => acceptVolume(KIND, this, `volumes[${i}]`, volume));

    this.imageConfig = bindImageForPod(this, props.image);
    if (this.imageConfig.repositoryCredentials !== undefined) {
      throwIfInvalid(KIND, this, [
        'image must not use registry credentials (an ECS feature; Kubernetes pulls with the node\'s credentials or image pull secrets), got an image with credentials',
      ]);
    }

    addValidation(KIND, this, () => validateVolumeSet(this.volumes));
  }

  /**
   * The volumes of the pod (a copy: use `addVolume()` to add one).
   */
  public get volumes(): EksVolume[] {
    return this._volumes.map((known) => known.volume);
  }

  public addVolume(volume: EksVolume): void {
    const prop = `volumes[${this._volumes.length}]`;
    throwIfInvalid(KIND, this, validateVolume(prop, volume));
    this._volumes.push(acceptVolume(KIND, this, prop, volume));
  }

  /**
   * The volumes with their kinds, as the pod renders them.
   *
   * @internal
   */
  public get _knownVolumes(): readonly KnownVolume[] {
    return this._volumes;
  }

  /**
   * The Kubernetes container, as the job definition's pod renders it.
   *
   * Rendered as upstream does (templates stay identical): `Env` is always a list, `Resources`
   * always has `Limits` and `Requests`, and `RunAsNonRoot` is always set.
   *
   * @internal
   */
  public _renderContainer(): CfnJobDefinition.EksContainerProperty {
    return {
      image: this.imageConfig.imageName,
      command: this.command,
      args: this.args,
      env: Object.entries(this.env ?? {}).map(([name, value]) => ({ name, value })),
      name: this.name,
      imagePullPolicy: this.imagePullPolicy,
      resources: {
        limits: {
          'cpu': this.cpuLimit,
          'memory': this.memoryLimit !== undefined ? mebibytesQuantity(this.memoryLimit) : undefined,
          'nvidia.com/gpu': this.gpuLimit,
        },
        requests: {
          'cpu': this.cpuReservation,
          'memory': this.memoryReservation !== undefined ? mebibytesQuantity(this.memoryReservation) : undefined,
          'nvidia.com/gpu': this.gpuReservation,
        },
      },
      securityContext: {
        privileged: this.privileged,
        readOnlyRootFilesystem: this.readonlyRootFilesystem,
        runAsGroup: this.runAsGroup,
        runAsNonRoot: this.runAsRoot !== true,
        runAsUser: this.runAsUser,
      },
      volumeMounts: lazyAny(() => this.volumes
        .map(renderVolumeMount)
        .filter((mount): mount is CfnJobDefinition.EksContainerVolumeMountProperty => mount !== undefined), { omitEmptyArray: true }),
    };
  }

  /**
   * The name of the image the container runs, as rendered.
   *
   * @internal
   */
  public get _imageName(): string {
    return this.imageConfig.imageName;
  }

  /**
   * The members of the container that aws-cdk-lib 2.95.1's L1 does not have, in CloudFormation names, for
   * `lib/private/newer-cfn.ts` to merge under `_renderContainer()`'s; `undefined` when it has none.
   *
   * `VolumeMounts` is aligned with the mounts `_renderContainer()` renders (`{}` for a mount without any).
   *
   * @internal
   */
  public _renderNewerMembers(): { [name: string]: unknown } | undefined {
    const mounted = this.volumes.filter((v) => v.containerPath !== undefined);
    const subPaths = mounted.some((v) => v.subPath !== undefined);
    const securityContext = this.renderNewerSecurityContext();
    if (securityContext === undefined && !subPaths) {
      return undefined;
    }
    return {
      SecurityContext: securityContext,
      VolumeMounts: subPaths ? mounted.map((v) => ({ SubPath: v.subPath })) : undefined,
    };
  }

  /**
   * The Kubernetes container in CloudFormation names, for pods rendered through `lib/private/newer-cfn.ts`.
   *
   * The same template as `_renderContainer()` gives through the L1, plus what the L1 of aws-cdk-lib
   * 2.95.1 lacks; members in the order the L1 renders them.
   *
   * @internal
   */
  public _renderRawContainer(): { [name: string]: unknown } {
    const mounts = this.volumes.map(renderRawVolumeMount).filter((m) => m !== undefined);
    return {
      Args: this.args,
      Command: this.command,
      Env: Object.entries(this.env ?? {}).map(([name, value]) => ({ Name: name, Value: value })),
      Image: this.imageConfig.imageName,
      ImagePullPolicy: this.imagePullPolicy,
      Name: this.name,
      Resources: {
        Limits: {
          'cpu': this.cpuLimit,
          'memory': this.memoryLimit !== undefined ? mebibytesQuantity(this.memoryLimit) : undefined,
          'nvidia.com/gpu': this.gpuLimit,
        },
        Requests: {
          'cpu': this.cpuReservation,
          'memory': this.memoryReservation !== undefined ? mebibytesQuantity(this.memoryReservation) : undefined,
          'nvidia.com/gpu': this.gpuReservation,
        },
      },
      SecurityContext: {
        AllowPrivilegeEscalation: this.allowPrivilegeEscalation,
        Capabilities: renderCapabilities(this.capabilities),
        Privileged: this.privileged,
        ReadOnlyRootFilesystem: this.readonlyRootFilesystem,
        RunAsGroup: this.runAsGroup,
        RunAsNonRoot: this.runAsRoot !== true,
        RunAsUser: this.runAsUser,
        SeccompProfile: renderSeccompProfile(this.seccompProfile),
      },
      VolumeMounts: mounts.length > 0 ? mounts : undefined,
    };
  }

  /** The members of the security context that aws-cdk-lib 2.95.1's L1 lacks; `undefined` when none is set. */
  private renderNewerSecurityContext(): { [name: string]: unknown } | undefined {
    const members = {
      AllowPrivilegeEscalation: this.allowPrivilegeEscalation,
      Capabilities: renderCapabilities(this.capabilities),
      SeccompProfile: renderSeccompProfile(this.seccompProfile),
    };
    return Object.values(members).some((v) => v !== undefined) ? members : undefined;
  }
}

/**
 * Security settings that Kubernetes accepts but that do not do what they say: a capability named with the
 * `CAP_` prefix (Batch asks for names without it), and a seccomp profile on a privileged container (which
 * always runs unconfined).
 */
function warnSecurityContext(scope: Construct, props: EksContainerDefinitionProps): void {
  const prefixed = prefixedCapabilities('capabilities', props.capabilities);
  if (prefixed.length > 0) {
    warn(scope, 'eksCapabilityPrefix', `${prefixed.join(', ')}: capability names are given without the 'CAP_' prefix `
      + '(\'NET_ADMIN\', not \'CAP_NET_ADMIN\'), as Batch documents them; with it, the runtime may not know the capability');
  }
  const type: unknown = props.seccompProfile?.type;
  if (props.privileged === true && type !== undefined && !unresolved(type) && type !== SeccompProfileType.UNCONFINED) {
    warn(scope, 'eksSeccompProfilePrivileged', `seccompProfile ${show(type)} is not applied: a privileged container always runs `
      + 'unconfined (Kubernetes, "Seccomp and Kubernetes"); leave it out, or make the container unprivileged');
  }
}

/**
 * Kubernetes takes only lower-case container names, yet Batch names its default container
 * `Default` and runs it as `default`: whether it lower-cases the names it is given is undocumented.
 */
function warnUpperCaseName(scope: Construct, name: string | undefined): void {
  if (name !== undefined && !unresolved(name) && name !== name.toLowerCase()) {
    warn(scope, 'eksContainerNameCase', `name ${show(name)} has upper-case letters, which Kubernetes does not take in container names; `
      + 'Batch documents its default container name as \'Default\' but not whether it lower-cases names: prefer a lower-case name');
  }
}

function validateContainerProps(props: EksContainerDefinitionProps): Problem[] {
  return [
    // upper case is warned about, not rejected: see warnUpperCaseName()
    checkDnsLabel('name', props.name?.toLowerCase()) !== undefined ? checkDnsLabel('name', props.name) : undefined,
    ...validateCpu(props.cpuLimit, props.cpuReservation),
    ...validateMemory(props.memoryLimit, props.memoryReservation),
    ...validateGpu(props.gpuLimit, props.gpuReservation),
    checkRange('runAsUser', props.runAsUser, 0, MAX_INTEGER, true),
    checkRange('runAsGroup', props.runAsGroup, 0, MAX_INTEGER, true),
    props.runAsUser === 0 && props.runAsRoot !== true
      ? 'runAsUser must not be 0 (root) unless runAsRoot is true: the container is required to run as a non-root user, got 0'
      : undefined,
    ...checkCapabilities('capabilities', props.capabilities),
    ...checkSeccompProfile('seccompProfile', props.seccompProfile),
    props.allowPrivilegeEscalation === false && props.privileged === true
      ? 'allowPrivilegeEscalation must not be false when privileged is true (a privileged container can always gain privileges; Kubernetes rejects the pair), got false'
      : undefined,
    ...Object.keys(props.env ?? {}).map(checkEnvName),
  ];
}

function validateCpu(limit: number | undefined, reservation: number | undefined): Problem[] {
  const problems: Problem[] = [checkCpu('cpuLimit', limit), checkCpu('cpuReservation', reservation)];
  if (limit === undefined && reservation === undefined) {
    problems.push('cpuLimit or cpuReservation must be set (Batch on EKS needs at least one), got neither');
  }
  if (isNumber(limit) && isNumber(reservation) && limit < reservation) {
    problems.push(`cpuLimit must be at least cpuReservation (${show(reservation)}), got ${show(limit)}`);
  }
  return problems;
}

function checkCpu(prop: string, value: number | undefined): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  if (typeof value !== 'number' || !(value >= CPU_STEP) || !Number.isInteger(value / CPU_STEP)) {
    return `${prop} must be a positive multiple of ${CPU_STEP} vCPU, got ${show(value)}`;
  }
  return undefined;
}

function validateMemory(limit: Size | undefined, reservation: Size | undefined): Problem[] {
  const problems: Problem[] = [
    checkWholeMiB('memoryLimit', limit, MIN_MEMORY_MIB),
    checkWholeMiB('memoryReservation', reservation, MIN_MEMORY_MIB),
    checkSizeTokenUnit('memoryLimit', limit, 'mebibytes'),
    checkSizeTokenUnit('memoryReservation', reservation, 'mebibytes'),
  ];
  if (limit === undefined && reservation === undefined) {
    problems.push('memoryLimit or memoryReservation must be set (Batch on EKS needs at least one), got neither');
  }
  const limitMiB = concreteMiB(limit);
  const reservationMiB = concreteMiB(reservation);
  if (limitMiB !== undefined && reservationMiB !== undefined && limitMiB !== reservationMiB) {
    problems.push(`memoryLimit must equal memoryReservation (${reservationMiB} MiB) when both are set, got ${limitMiB} MiB`);
  }
  return problems;
}

function validateGpu(limit: number | undefined, reservation: number | undefined): Problem[] {
  const problems: Problem[] = [checkAtLeast('gpuLimit', limit, 0, true), checkAtLeast('gpuReservation', reservation, 0, true)];
  if (isNumber(limit) && isNumber(reservation) && limit !== reservation) {
    problems.push(`gpuLimit must equal gpuReservation (${show(reservation)}) when both are set, got ${show(limit)}`);
  }
  return problems;
}

function checkEnvName(name: string): Problem {
  return checkNotEmpty('env names', name) ?? checkNotReservedEnvName('env names', name, ' (Batch sets those)');
}

/** A concrete number (not a token). */
function isNumber(value: number | undefined): value is number {
  return value !== undefined && !unresolved(value);
}
