import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { EcsVolume, EfsVolume, HostVolume, S3FilesVolume } from '../ecs-volume';
import { cloudFormationNames } from './cfn-names';
import { checkNotEmpty, checkRange, Problem, show, unresolved, warn } from './validation';

const VOLUME_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const MAX_PORT = 65535;

/** The problems of one volume, at position `i` of a container's volumes. */
export function validateVolume(volume: EcsVolume, i: number): Problem[] {
  const at = `volumes[${i}]`;
  if (!EfsVolume.isEfsVolume(volume) && !HostVolume.isHostVolume(volume) && !S3FilesVolume.isS3FilesVolume(volume)) {
    return [`${at} must be made with EcsVolume.efs(), EcsVolume.s3Files() or EcsVolume.host(), got another kind: `
      + `volume ${show(volume.name)} is neither an EfsVolume, an S3FilesVolume nor a HostVolume`];
  }
  const problems: Problem[] = [];
  if (!unresolved(volume.name) && !VOLUME_NAME.test(volume.name)) {
    problems.push(`${at}.name must be 1 to 255 letters, digits, hyphens and underscores, got ${show(volume.name)}`);
  }
  problems.push(checkNotEmpty(`${at}.containerPath`, volume.containerPath));
  if (EfsVolume.isEfsVolume(volume)) {
    problems.push(...validateEfsVolume(volume, at));
  }
  if (S3FilesVolume.isS3FilesVolume(volume)) {
    problems.push(...validateS3FilesVolume(volume, at));
  }
  return problems;
}

function validateEfsVolume(volume: EfsVolume, at: string): Problem[] {
  const problems: Problem[] = [];
  // enableTransitEncryption is a boolean: a token there cannot be judged.
  const encrypted = volume.enableTransitEncryption === true || unresolved(volume.enableTransitEncryption);
  if (volume.accessPointId !== undefined && !encrypted) {
    problems.push(`${at}.enableTransitEncryption must be true when an accessPointId is given, got ${show(volume.enableTransitEncryption)}`);
  }
  if (volume.useJobRole === true && !encrypted) {
    problems.push(`${at}.enableTransitEncryption must be true when useJobRole is true, got ${show(volume.enableTransitEncryption)}`);
  }
  if (volume.accessPointId !== undefined && volume.rootDirectory !== undefined
    && !unresolved(volume.rootDirectory) && volume.rootDirectory !== '/') {
    problems.push(`${at}.rootDirectory must be '/' or absent when an accessPointId is given, got ${show(volume.rootDirectory)}`);
  }
  if (volume.rootDirectory !== undefined && !unresolved(volume.rootDirectory) && volume.rootDirectory.length > 4096) {
    problems.push(`${at}.rootDirectory must be at most 4096 characters, got ${volume.rootDirectory.length}`);
  }
  problems.push(checkRange(`${at}.transitEncryptionPort`, volume.transitEncryptionPort, 0, MAX_PORT, true));
  return problems;
}

/**
 * The problems of an S3 Files volume: with an access point, the root directory must be `/` or absent (ECS API
 * reference, `S3FilesVolumeConfiguration`), and the port is a port.
 */
function validateS3FilesVolume(volume: S3FilesVolume, at: string): Problem[] {
  const problems: Problem[] = [];
  if (volume.accessPointArn !== undefined && volume.rootDirectory !== undefined
    && !unresolved(volume.rootDirectory) && volume.rootDirectory !== '/') {
    problems.push(`${at}.rootDirectory must be '/' or absent when an accessPointArn is given, got ${show(volume.rootDirectory)}`);
  }
  problems.push(checkRange(`${at}.transitEncryptionPort`, volume.transitEncryptionPort, 0, MAX_PORT, true));
  return problems;
}

/** An ARN as an IAM policy takes it for a resource: a partition of AWS, a service, a region, an account (or none). */
const ANY_ARN = /^arn:aws[A-Za-z-]*:[^:*?]+:[^:]*:(\d{12})?:.+$/;
/** The ARN of an S3 Files file system, as the Amazon ECS developer guide gives it. */
const S3FILES_FILE_SYSTEM_ARN = /^arn:[a-z0-9-]+:s3files:[a-z0-9-]+:\d{12}:file-system\/[^/]+$/;
/** The ARN of an access point of an S3 Files file system: the file system's ARN, then `/access-point/<id>`. */
const S3FILES_ACCESS_POINT_ARN = /^(arn:[a-z0-9-]+:s3files:[a-z0-9-]+:\d{12}:file-system\/[^/]+)\/access-point\/[^/]+$/;

/**
 * Warns (`s3FilesVolumeArn`) about ARNs of an S3 Files volume that cannot name an S3 Files file system or access
 * point: no Batch page gives a pattern for them, so Batch may accept what is then never mounted. Tokens pass.
 */
export function warnAboutS3FilesArns(scope: IConstruct, volume: S3FilesVolume, at: string): void {
  const fileSystemArn = volume.fileSystemArn;
  if (!unresolved(fileSystemArn) && !S3FILES_FILE_SYSTEM_ARN.test(fileSystemArn)) {
    warn(scope, 's3FilesVolumeArn', `${at}.fileSystemArn should be the ARN of an S3 Files file system `
      + `(arn:<partition>:s3files:<region>:<account>:file-system/<id>), got ${show(fileSystemArn)}; the job cannot mount anything else${ANY_ARN.test(fileSystemArn) ? '' : ', and the job role is granted nothing on it'}`);
  }
  const accessPointArn = volume.accessPointArn;
  if (accessPointArn === undefined || unresolved(accessPointArn)) {
    return;
  }
  const parts = S3FILES_ACCESS_POINT_ARN.exec(accessPointArn);
  if (parts === null) {
    warn(scope, 's3FilesVolumeArn', `${at}.accessPointArn should be the ARN of an S3 Files access point `
      + `(<file system ARN>/access-point/<id>), got ${show(accessPointArn)}; the job cannot mount through anything else`);
  } else if (!unresolved(fileSystemArn) && parts[1] !== fileSystemArn) {
    warn(scope, 's3FilesVolumeArn', `${at}.accessPointArn should be an access point of the file system ${show(fileSystemArn)}, `
      + `got ${show(accessPointArn)}, an access point of another file system`);
  }
}

/**
 * What a container does when an S3 Files volume is mounted into it: the job role of a single container is
 * its own, while the containers of a task share the task's.
 */
export type S3FilesMount = (volume: S3FilesVolume, at: string) => void;

/**
 * Why an S3 Files volume on EC2 is warned about rather than rejected: the Batch user guide says EC2 does not
 * support them *at this time*, and that support is planned.
 */
export const S3_FILES_EC2_WARNING = 'Batch does not support S3 Files volumes on EC2 resources yet, and a job that mounts one '
  + 'there fails at launch (AWS Batch user guide, "Amazon S3 Files volumes"); multi-node jobs run on EC2 only. '
  + 'Run the job on Fargate, or acknowledge this warning once Batch supports S3 Files on EC2';

/** The S3 Files actions on the file system that mounting the volume needs: mount, and write unless read-only. */
export function s3FilesActions(volume: S3FilesVolume): string[] {
  // a token `readonly` may be false: write is allowed then
  return volume.readonly === true ? ['s3files:ClientMount'] : ['s3files:ClientMount', 's3files:ClientWrite'];
}

/**
 * Allows the job role to mount the volume's file system (`s3files:ClientMount`) and, unless the volume is read-only,
 * to write to it (`s3files:ClientWrite`): the Batch user guide ("Amazon S3 Files volumes") requires both of the
 * job role. What an imported role does with the grant is the role's affair, as for every CDK grant.
 */
export function grantS3FilesVolume(jobRole: iam.IRole, volume: S3FilesVolume): void {
  // IAM rejects a policy whose resource is not an ARN: a value that is none (warned about) names nothing to grant on
  if (unresolved(volume.fileSystemArn) || ANY_ARN.test(volume.fileSystemArn)) {
    iam.Grant.addToPrincipal({ grantee: jobRole, actions: s3FilesActions(volume), resourceArns: [volume.fileSystemArn] });
  }
}

/**
 * The members of the `Volumes` entry of a volume that aws-cdk-lib 2.95.1's L1 does not have, in CloudFormation
 * names (for `lib/private/newer-cfn.ts`), or `undefined` when it has none.
 */
export function renderNewerVolumeMembers(volume: EcsVolume): { [name: string]: unknown } | undefined {
  if (!S3FilesVolume.isS3FilesVolume(volume)) {
    return undefined;
  }
  return {
    S3FilesVolumeConfiguration: {
      AccessPointArn: volume.accessPointArn,
      FileSystemArn: volume.fileSystemArn,
      RootDirectory: volume.rootDirectory,
      TransitEncryptionPort: volume.transitEncryptionPort,
    },
  };
}

/**
 * The members of a container's `Volumes` that aws-cdk-lib 2.95.1's L1 does not have, aligned with the list the L1
 * renders (`{}` for a volume without any); `undefined` when no volume has any.
 */
export function renderNewerVolumes(volumes: EcsVolume[]): Array<{ [name: string]: unknown }> | undefined {
  const newer = volumes.map(renderNewerVolumeMembers);
  return newer.some((v) => v !== undefined) ? newer.map((v) => v ?? {}) : undefined;
}

/** The whole `Volumes` entry of a volume in CloudFormation names, for structures rendered raw (a task's volumes). */
export function renderRawVolume(volume: EcsVolume): unknown {
  const newer = renderNewerVolumeMembers(volume);
  return newer === undefined ? cloudFormationNames(renderVolume(volume)) : { Name: volume.name, ...newer };
}

/**
 * The `Volumes` entry of a volume (one that `validateVolume()` accepted), as aws-cdk-lib 2.95.1's L1 takes it:
 * for an S3 Files volume only its name, the rest being newer than that L1 (`renderNewerVolumeMembers()`).
 */
export function renderVolume(volume: EcsVolume): CfnJobDefinition.VolumesProperty {
  if (S3FilesVolume.isS3FilesVolume(volume)) {
    return { name: volume.name };
  }
  if (EfsVolume.isEfsVolume(volume)) {
    return {
      name: volume.name,
      efsVolumeConfiguration: {
        fileSystemId: volume.fileSystem.fileSystemId,
        rootDirectory: volume.rootDirectory,
        transitEncryption: enabledOrDisabled(volume.enableTransitEncryption),
        transitEncryptionPort: volume.transitEncryptionPort,
        authorizationConfig: volume.accessPointId !== undefined || volume.useJobRole
          ? { accessPointId: volume.accessPointId, iam: enabledOrDisabled(volume.useJobRole) }
          : undefined,
      },
    };
  }
  return { name: volume.name, host: { sourcePath: (volume as HostVolume).hostPath } };
}

/** The `MountPoints` entry of a volume. */
export function renderMountPoint(volume: EcsVolume): CfnJobDefinition.MountPointsProperty {
  return { containerPath: volume.containerPath, readOnly: volume.readonly, sourceVolume: volume.name };
}

function enabledOrDisabled(flag: boolean | undefined): string | undefined {
  if (flag === undefined) {
    return undefined;
  }
  return flag ? 'ENABLED' : 'DISABLED';
}
