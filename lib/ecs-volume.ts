import * as efs from 'aws-cdk-lib/aws-efs';
import { brand, hasBrand } from './private/brand';

/**
 * Options common to every volume of an ECS container.
 */
export interface EcsVolumeOptions {
  /**
   * The name of the volume, unique within the container.
   *
   * Up to 255 letters, digits, hyphens and underscores.
   */
  readonly name: string;

  /**
   * Where the volume is mounted in the container.
   */
  readonly containerPath: string;

  /**
   * Whether the container may only read the volume.
   *
   * @default false
   */
  readonly readonly?: boolean;
}

/**
 * A volume mounted into an ECS container: an EFS file system, an S3 Files file system or a path of the host.
 */
export abstract class EcsVolume {
  /**
   * A volume backed by an Amazon EFS file system, which grows and shrinks with its content.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/efs-volumes.html
   */
  public static efs(options: EfsVolumeOptions): EfsVolume {
    return new EfsVolume(options);
  }

  /**
   * A volume backed by an Amazon S3 Files file system: the objects of an S3 bucket, read and written as files.
   *
   * The job role (created when the container or task has none) is allowed to mount the file system,
   * and to write to it unless the volume is `readonly`. S3 Files volumes run on Fargate; Batch does
   * not support them on EC2 yet.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/s3files-volumes.html
   */
  public static s3Files(options: S3FilesVolumeOptions): S3FilesVolume {
    return new S3FilesVolume(options);
  }

  /**
   * A volume on the host the container runs on.
   *
   * Without a `hostPath`, Docker picks the path, and the data may be lost once the
   * containers using it stop. Host volumes are for jobs on EC2 resources.
   */
  public static host(options: HostVolumeOptions): HostVolume {
    return new HostVolume(options);
  }

  /**
   * The name of the volume.
   */
  public readonly name: string;

  /**
   * Where the volume is mounted in the container.
   */
  public readonly containerPath: string;

  /**
   * Whether the container may only read the volume.
   *
   * @default false
   */
  public readonly readonly?: boolean;

  constructor(options: EcsVolumeOptions) {
    this.name = options.name;
    this.containerPath = options.containerPath;
    this.readonly = options.readonly;
  }
}

/**
 * Options of a volume backed by an EFS file system.
 */
export interface EfsVolumeOptions extends EcsVolumeOptions {
  /**
   * The file system the volume mounts.
   */
  readonly fileSystem: efs.IFileSystem;

  /**
   * The directory of the file system mounted as the volume's root.
   *
   * With an access point it must be `/` or absent: the access point's own path applies.
   *
   * @default - root of the EFS File System
   */
  readonly rootDirectory?: string;

  /**
   * Whether data is encrypted between the host and the file system.
   *
   * Required by access points and by IAM authorization (`useJobRole`).
   *
   * @see https://docs.aws.amazon.com/efs/latest/ug/encryption-in-transit.html
   * @default false
   */
  readonly enableTransitEncryption?: boolean;

  /**
   * The port of the encrypted connection to the file system, between 0 and 65535.
   *
   * @see https://docs.aws.amazon.com/efs/latest/ug/efs-mount-helper.html
   * @default - chosen by the EFS Mount Helper
   */
  readonly transitEncryptionPort?: number;

  /**
   * The EFS access point to mount through.
   *
   * Requires `enableTransitEncryption`.
   *
   * @see https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html
   * @default - no accessPointId
   */
  readonly accessPointId?: string;

  /**
   * Whether the file system is mounted with the job role's IAM identity.
   *
   * Requires `enableTransitEncryption`.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/efs-volumes.html#efs-volume-accesspoints
   * @default false
   */
  readonly useJobRole?: boolean;
}

/**
 * A volume backed by an EFS file system.
 */
export class EfsVolume extends EcsVolume {
  /**
   * Whether `x` is an `EfsVolume`.
   */
  public static isEfsVolume(x: any): x is EfsVolume {
    return hasBrand(x, 'EfsVolume');
  }

  /**
   * The file system the volume mounts.
   */
  public readonly fileSystem: efs.IFileSystem;

  /**
   * The directory of the file system mounted as the volume's root.
   *
   * @default - root of the EFS File System
   */
  public readonly rootDirectory?: string;

  /**
   * Whether data is encrypted between the host and the file system.
   *
   * @default false
   */
  public readonly enableTransitEncryption?: boolean;

  /**
   * The port of the encrypted connection to the file system.
   *
   * @default - chosen by the EFS Mount Helper
   */
  public readonly transitEncryptionPort?: number;

  /**
   * The EFS access point to mount through.
   *
   * @default - no accessPointId
   */
  public readonly accessPointId?: string;

  /**
   * Whether the file system is mounted with the job role's IAM identity.
   *
   * @default false
   */
  public readonly useJobRole?: boolean;

  constructor(options: EfsVolumeOptions) {
    super(options);
    this.fileSystem = options.fileSystem;
    this.rootDirectory = options.rootDirectory;
    this.enableTransitEncryption = options.enableTransitEncryption;
    this.transitEncryptionPort = options.transitEncryptionPort;
    this.accessPointId = options.accessPointId;
    this.useJobRole = options.useJobRole;
  }
}
brand(EfsVolume, 'EfsVolume');

/**
 * Options of a volume backed by an Amazon S3 Files file system.
 */
export interface S3FilesVolumeOptions extends EcsVolumeOptions {
  /**
   * The ARN of the S3 Files file system the volume mounts.
   *
   * Of the form `arn:<partition>:s3files:<region>:<account>:file-system/<id>`. The job role is
   * allowed `s3files:ClientMount` on it, and `s3files:ClientWrite` unless the volume is `readonly`.
   * A job that also reads the bucket directly needs `s3:GetObject`, `s3:GetObjectVersion` and
   * `s3:ListBucket` on the bucket, which you grant yourself.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_S3FilesVolumeConfiguration.html
   */
  readonly fileSystemArn: string;

  /**
   * The ARN of the S3 Files access point to mount through.
   *
   * The access point enforces its own root directory and POSIX user, so `rootDirectory` must then be
   * `/` or absent.
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-files-access-points-creating.html
   * @default - the file system is mounted without an access point
   */
  readonly accessPointArn?: string;

  /**
   * The directory of the file system mounted as the volume's root.
   *
   * `/` is the same as leaving it out. With an access point it must be `/` or absent.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_S3FilesVolumeConfiguration.html
   * @default - the root of the file system
   */
  readonly rootDirectory?: string;

  /**
   * The port of the encrypted connection between the host and the file system, between 0 and 65535.
   *
   * Traffic to an S3 Files file system is always encrypted in transit; only the port can be chosen.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/s3files-volumes.html
   * @default - Batch uses port 2049
   */
  readonly transitEncryptionPort?: number;
}

/**
 * A volume backed by an Amazon S3 Files file system.
 */
export class S3FilesVolume extends EcsVolume {
  /**
   * Whether `x` is an `S3FilesVolume`.
   */
  public static isS3FilesVolume(x: any): x is S3FilesVolume {
    return hasBrand(x, 'S3FilesVolume');
  }

  /**
   * The ARN of the S3 Files file system the volume mounts.
   */
  public readonly fileSystemArn: string;

  /**
   * The ARN of the S3 Files access point to mount through.
   *
   * @default - the file system is mounted without an access point
   */
  public readonly accessPointArn?: string;

  /**
   * The directory of the file system mounted as the volume's root.
   *
   * @default - the root of the file system
   */
  public readonly rootDirectory?: string;

  /**
   * The port of the encrypted connection between the host and the file system.
   *
   * @default - Batch uses port 2049
   */
  public readonly transitEncryptionPort?: number;

  constructor(options: S3FilesVolumeOptions) {
    super(options);
    this.fileSystemArn = options.fileSystemArn;
    this.accessPointArn = options.accessPointArn;
    this.rootDirectory = options.rootDirectory;
    this.transitEncryptionPort = options.transitEncryptionPort;
  }
}
brand(S3FilesVolume, 'S3FilesVolume');

/**
 * Options of a volume on the host.
 */
export interface HostVolumeOptions extends EcsVolumeOptions {
  /**
   * The path on the host that the volume mounts.
   *
   * @default - Docker will choose the host path.
   * The data may not persist after the containers that use it stop running.
   */
  readonly hostPath?: string;
}

/**
 * A volume on the host the container runs on.
 */
export class HostVolume extends EcsVolume {
  /**
   * Whether `x` is a `HostVolume`.
   */
  public static isHostVolume(x: any): x is HostVolume {
    return hasBrand(x, 'HostVolume');
  }

  /**
   * The path on the host that the volume mounts.
   *
   * @default - chosen by Docker
   */
  public readonly hostPath?: string;

  constructor(options: HostVolumeOptions) {
    super(options);
    this.hostPath = options.hostPath;
  }
}
brand(HostVolume, 'HostVolume');
