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
   * with a letter or digit. Unique among the volumes of the container.
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
}

/**
 * A Kubernetes volume of the pod that runs an EKS job, mounted into its container.
 *
 * Create one with `EksVolume.emptyDir()`, `EksVolume.hostPath()` or `EksVolume.secret()`.
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

  constructor(options: EksVolumeOptions) {
    this.name = options.name;
    this.containerPath = options.mountPath;
    this.readonly = options.readonly;
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
