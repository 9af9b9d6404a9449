import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { EcsVolume, EfsVolume, HostVolume } from '../ecs-volume';
import { checkNotEmpty, checkRange, Problem, show, unresolved } from './validation';

const VOLUME_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const MAX_PORT = 65535;

/** The problems of one volume, at position `i` of a container's volumes. */
export function validateVolume(volume: EcsVolume, i: number): Problem[] {
  const at = `volumes[${i}]`;
  if (!EfsVolume.isEfsVolume(volume) && !HostVolume.isHostVolume(volume)) {
    return [`${at} must be made with EcsVolume.efs() or EcsVolume.host(), got another kind: volume ${show(volume.name)} is neither an EfsVolume nor a HostVolume`];
  }
  const problems: Problem[] = [];
  if (!unresolved(volume.name) && !VOLUME_NAME.test(volume.name)) {
    problems.push(`${at}.name must be 1 to 255 letters, digits, hyphens and underscores, got ${show(volume.name)}`);
  }
  problems.push(checkNotEmpty(`${at}.containerPath`, volume.containerPath));
  if (EfsVolume.isEfsVolume(volume)) {
    problems.push(...validateEfsVolume(volume, at));
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

/** The `Volumes` entry of a volume (one that `validateVolume()` accepted: an EFS or a host volume). */
export function renderVolume(volume: EcsVolume): CfnJobDefinition.VolumesProperty {
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
