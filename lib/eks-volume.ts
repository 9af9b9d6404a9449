import { Size } from 'aws-cdk-lib';
import { brand, hasBrand } from './private/brand';

/**
 * What every Kubernetes volume of an EKS job has: a name, and where (if anywhere) the container mounts it.
 */
export interface EksVolumeOptions {
  /**
   * The name of the volume.
   *
   * A DNS-1123 label: up to 63 lower-case letters, digits and hyphens, starting and ending
   * with a letter or digit. Unique among the volumes of the container. Volumes of the same name
   * in several containers of a pod are one pod volume, which must be defined alike in each.
   *
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
   */
  readonly name: string;

  /**
   * The path in the container at which the volume is mounted.
   *
   * Unique among the mounted volumes of the container.
   *
   * @default - the volume is not mounted
   */
  readonly mountPath?: string;

  /**
   * Whether the container mounts the volume read-only.
   *
   * Needs `mountPath`: a volume that is not mounted cannot be mounted read-only.
   *
   * @default false
   */
  readonly readonly?: boolean;

  /**
   * The path inside the volume that is mounted at `mountPath`, instead of the volume's root.
   *
   * A relative path without `..` elements. Needs `mountPath`. Lets containers that share a
   * volume each mount a directory of their own.
   *
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath
   * @default - the root of the volume is mounted
   */
  readonly subPath?: string;
}

/**
 * A Kubernetes volume of the pod that runs an EKS job, mounted into its container.
 *
 * Create one with `EksVolume.emptyDir()`, `EksVolume.hostPath()`, `EksVolume.persistentVolumeClaim()`
 * or `EksVolume.secret()`. Containers of one pod that each have a volume of the same name share
 * that volume, each mounting it at its own `mountPath`.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 */
export abstract class EksVolume {
  /**
   * A volume that starts empty when the pod starts and is deleted when the pod ends.
   */
  public static emptyDir(options: EmptyDirVolumeOptions): EmptyDirVolume {
    return new EmptyDirVolume(options);
  }

  /**
   * A file or directory of the node that runs the pod.
   */
  public static hostPath(options: HostPathVolumeOptions): HostPathVolume {
    return new HostPathVolume(options);
  }

  /**
   * A persistent volume, claimed through a Kubernetes persistent volume claim.
   */
  public static persistentVolumeClaim(options: PersistentVolumeClaimVolumeOptions): PersistentVolumeClaimVolume {
    return new PersistentVolumeClaimVolume(options);
  }

  /**
   * A Kubernetes secret, each of its keys a file in the volume.
   */
  public static secret(options: SecretPathVolumeOptions): SecretPathVolume {
    return new SecretPathVolume(options);
  }

  /**
   * The name of the volume.
   */
  public readonly name: string;

  /**
   * The path in the container at which the volume is mounted.
   *
   * @default - the volume is not mounted
   */
  public readonly containerPath?: string;

  /**
   * Whether the container mounts the volume read-only.
   *
   * @default false
   */
  public readonly readonly?: boolean;

  /**
   * The path inside the volume that is mounted, instead of its root.
   *
   * @default - the root of the volume is mounted
   */
  public readonly subPath?: string;

  constructor(options: EksVolumeOptions) {
    this.name = options.name;
    this.containerPath = options.mountPath;
    this.readonly = options.readonly;
    this.subPath = options.subPath;
  }
}

/**
 * Where an `emptyDir` volume keeps its data.
 */
export enum EmptyDirMediumType {
  /**
   * The storage of the node: its disk, or whatever backs the kubelet's directory.
   */
  DISK = '',

  /**
   * A tmpfs in the node's RAM: fast, cleared when the node restarts, and counted against
   * the container's memory limit.
   */
  MEMORY = 'Memory',
}

/**
 * Options for an `emptyDir` volume.
 */
export interface EmptyDirVolumeOptions extends EksVolumeOptions {
  /**
   * Where the volume keeps its data.
   *
   * @default EmptyDirMediumType.DISK
   */
  readonly medium?: EmptyDirMediumType;

  /**
   * The most data the volume may hold, a positive whole number of MiB.
   *
   * @default - no size limit
   */
  readonly sizeLimit?: Size;
}

/**
 * A volume that starts empty when the pod starts and is deleted when the pod ends.
 *
 * Its data survives restarts of the container, not the end of the pod.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
 */
export class EmptyDirVolume extends EksVolume {
  /**
   * Whether `x` is an `EmptyDirVolume`.
   */
  public static isEmptyDirVolume(x: any): x is EmptyDirVolume {
    return hasBrand(x, 'EmptyDirVolume');
  }

  /**
   * Where the volume keeps its data.
   *
   * @default EmptyDirMediumType.DISK
   */
  public readonly medium?: EmptyDirMediumType;

  /**
   * The most data the volume may hold.
   *
   * @default - no size limit
   */
  public readonly sizeLimit?: Size;

  constructor(options: EmptyDirVolumeOptions) {
    super(options);
    this.medium = options.medium;
    this.sizeLimit = options.sizeLimit;
  }
}
brand(EmptyDirVolume, 'EmptyDirVolume');

/**
 * Options for a `hostPath` volume.
 */
export interface HostPathVolumeOptions extends EksVolumeOptions {
  /**
   * The path of the file or directory on the node.
   *
   * Jobs that write to it can change the node itself; prefer another kind of volume where one will do.
   *
   * @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
   */
  readonly hostPath: string;
}

/**
 * A file or directory of the node that runs the pod.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
 */
export class HostPathVolume extends EksVolume {
  /**
   * Whether `x` is a `HostPathVolume`.
   */
  public static isHostPathVolume(x: any): x is HostPathVolume {
    return hasBrand(x, 'HostPathVolume');
  }

  /**
   * The path of the file or directory on the node.
   */
  public readonly path: string;

  constructor(options: HostPathVolumeOptions) {
    super(options);
    this.path = options.hostPath;
  }
}
brand(HostPathVolume, 'HostPathVolume');

/**
 * Options for a `secret` volume.
 */
export interface SecretPathVolumeOptions extends EksVolumeOptions {
  /**
   * The name of the Kubernetes secret, in the namespace the jobs run in.
   *
   * @see https://kubernetes.io/docs/concepts/configuration/secret/
   */
  readonly secretName: string;

  /**
   * Whether the pod may start when the secret (or one of its keys) does not exist.
   *
   * @default true
   */
  readonly optional?: boolean;
}

/**
 * A Kubernetes secret, each of its keys a file in the volume.
 *
 * Kubernetes keeps the volume in memory (tmpfs): the secret is never written to the node's disk.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#secret
 */
export class SecretPathVolume extends EksVolume {
  /**
   * Whether `x` is a `SecretPathVolume`.
   */
  public static isSecretPathVolume(x: any): x is SecretPathVolume {
    return hasBrand(x, 'SecretPathVolume');
  }

  /**
   * The name of the Kubernetes secret.
   */
  public readonly secretName: string;

  /**
   * Whether the pod may start when the secret (or one of its keys) does not exist.
   *
   * @default true
   */
  public readonly optional?: boolean;

  constructor(options: SecretPathVolumeOptions) {
    super(options);
    this.secretName = options.secretName;
    this.optional = options.optional ?? true;
  }
}
brand(SecretPathVolume, 'SecretPathVolume');

/**
 * Options for a `persistentVolumeClaim` volume.
 */
export interface PersistentVolumeClaimVolumeOptions extends EksVolumeOptions {
  /**
   * The name of the persistent volume claim, in the namespace the job's pod runs in.
   *
   * A DNS-1123 subdomain. The claim must exist (and be bound to a persistent volume) before
   * the job runs: until then, the pod does not start.
   *
   * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims
   */
  readonly claimName: string;

  /**
   * Whether every container of the pod mounts the claim read-only, whatever its own `readonly`.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_EksPersistentVolumeClaim.html
   * @default false
   */
  readonly readonlyClaim?: boolean;
}

/**
 * A persistent volume, claimed through a Kubernetes persistent volume claim: storage that outlives the pod.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#persistentvolumeclaim
 */
export class PersistentVolumeClaimVolume extends EksVolume {
  /**
   * Whether `x` is a `PersistentVolumeClaimVolume`.
   */
  public static isPersistentVolumeClaimVolume(x: any): x is PersistentVolumeClaimVolume {
    return hasBrand(x, 'PersistentVolumeClaimVolume');
  }

  /**
   * The name of the persistent volume claim.
   */
  public readonly claimName: string;

  /**
   * Whether every container of the pod mounts the claim read-only.
   *
   * @default false
   */
  public readonly readonlyClaim?: boolean;

  constructor(options: PersistentVolumeClaimVolumeOptions) {
    super(options);
    this.claimName = options.claimName;
    this.readonlyClaim = options.readonlyClaim;
  }
}
brand(PersistentVolumeClaimVolume, 'PersistentVolumeClaimVolume');
