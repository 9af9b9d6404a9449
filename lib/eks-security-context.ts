/*
 * The Kubernetes security settings of an EKS job's pod and containers that are not a single flag of the container:
 * seccomp profiles, Linux capabilities and the pod-level security context.
 */

/**
 * Which kind of seccomp profile filters the system calls of a container.
 *
 * @see https://kubernetes.io/docs/reference/node/seccomp/
 */
export enum SeccompProfileType {
  /**
   * The default profile of the container runtime (containerd on EKS nodes).
   */
  RUNTIME_DEFAULT = 'RuntimeDefault',

  /**
   * A profile from a file on the node, named by the profile's `localhostProfile`.
   */
  LOCALHOST = 'Localhost',

  /**
   * No filtering: the container may make every system call.
   */
  UNCONFINED = 'Unconfined',
}

/**
 * The seccomp profile that filters the system calls of a container, or of every container of a pod.
 *
 * Create one with `SeccompProfile.runtimeDefault()`, `SeccompProfile.unconfined()` or
 * `SeccompProfile.localhost(localhostProfile)`: only a `Localhost` profile names a file.
 *
 * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksSeccompProfile.html
 */
export class SeccompProfile {
  /**
   * The default profile of the container runtime.
   */
  public static runtimeDefault(): SeccompProfile {
    return new SeccompProfile(SeccompProfileType.RUNTIME_DEFAULT);
  }

  /**
   * No seccomp filtering at all.
   */
  public static unconfined(): SeccompProfile {
    return new SeccompProfile(SeccompProfileType.UNCONFINED);
  }

  /**
   * A profile from a file that must be on every node the job may run on.
   *
   * @param localhostProfile the path of the profile's file, relative to the kubelet's seccomp profile
   * directory (`/var/lib/kubelet/seccomp` by default): 1 to 4095 characters, without a leading `/`
   * or a `..` element. Install the file with the launch template of the compute environment.
   */
  public static localhost(localhostProfile: string): SeccompProfile {
    return new SeccompProfile(SeccompProfileType.LOCALHOST, localhostProfile);
  }

  /**
   * Whether `x` is a `SeccompProfile`.
   */
  public static isSeccompProfile(x: any): x is SeccompProfile {
    return x !== null && typeof x === 'object' && SECCOMP_PROFILE_BRAND in x;
  }

  /**
   * The kind of profile.
   */
  public readonly type: SeccompProfileType;

  /**
   * The path of the profile's file on the node, for a `Localhost` profile.
   *
   * @default - not a `Localhost` profile
   */
  public readonly localhostProfile?: string;

  private constructor(type: SeccompProfileType, localhostProfile?: string) {
    this.type = type;
    this.localhostProfile = localhostProfile;
    Object.defineProperty(this, SECCOMP_PROFILE_BRAND, { value: true });
  }
}

const SECCOMP_PROFILE_BRAND = Symbol.for('@aws-cdk/aws-batch-alpha.SeccompProfile');

/**
 * Linux capabilities to add to, or drop from, the set the container runtime gives a container.
 *
 * Names are given without the `CAP_` prefix (`NET_ADMIN`, `SYS_PTRACE`); `ALL` stands for every capability.
 *
 * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksContainerLinuxCapabilities.html
 */
export interface LinuxCapabilities {
  /**
   * The capabilities added to the default set.
   *
   * At most 64, each 1 to 128 characters. A name with the `CAP_` prefix is warned about.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
   * @default - none added
   */
  readonly add?: string[];

  /**
   * The capabilities removed from the default set; `['ALL']` removes every one, which the
   * restricted Pod Security Standard asks for.
   *
   * At most 64, each 1 to 128 characters. A name with the `CAP_` prefix is warned about.
   *
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
   * @default - none dropped
   */
  readonly drop?: string[];
}

/**
 * The security settings of a pod: defaults for each of its containers and init containers that
 * does not set its own, and the group that owns the pod's volumes.
 *
 * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksPodSecurityContext.html
 */
export interface PodSecurityContext {
  /**
   * A supplemental group of every process of the pod; volumes that support ownership management
   * (such as `emptyDir` and most persistent volumes) are made writable by it.
   *
   * A whole number from 0 to 2147483647.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
   * @default - no supplemental group, and the volumes keep their ownership
   */
  readonly fsGroup?: number;

  /**
   * The user ID (`uid`) of the processes of every container that sets no `runAsUser` of its own.
   *
   * A whole number from 0 to 2147483647. 0 (root) needs `runAsRoot: true` on each such container,
   * which must otherwise run as a non-root user.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksPodSecurityContext.html
   * @default - the user of each container's image
   */
  readonly runAsUser?: number;

  /**
   * The group ID (`gid`) of the processes of every container that sets no `runAsGroup` of its own.
   *
   * A whole number from 0 to 2147483647.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksPodSecurityContext.html
   * @default - the group of each container's image
   */
  readonly runAsGroup?: number;

  /**
   * Whether the containers must run as a non-root user.
   *
   * Every container of this library sets its own value (`runAsRoot`, by default: must run as
   * a non-root user), which overrides the pod's; `false` here is warned about while a container
   * still must run as a non-root user. Rendered for tools that read the pod's settings.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
   * @default - not set: each container's own setting applies
   */
  readonly runAsNonRoot?: boolean;

  /**
   * The seccomp profile of every container that sets no `seccompProfile` of its own.
   *
   * @see https://kubernetes.io/docs/reference/node/seccomp/
   * @default - the node's default: `Unconfined`, unless its kubelet is configured to default to `RuntimeDefault`
   */
  readonly seccompProfile?: SeccompProfile;
}
