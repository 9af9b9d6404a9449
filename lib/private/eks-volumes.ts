import { Size } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { EksVolume, EmptyDirVolume, HostPathVolume, PersistentVolumeClaimVolume, SecretPathVolume } from '../eks-volume';
import { checkDescendingPath, checkDnsLabel, checkDnsSubdomain } from './kubernetes';
import { checkSizeTokenUnit } from './units';
import { checkNotEmpty, checkUnique, checkWholeMiB, Problem, show, unresolved } from './validation';

/** The problems of one volume, its props named under `prop` (e.g. `volumes[2]`). */
export function validateVolume(prop: string, volume: EksVolume): Problem[] {
  const problems: Problem[] = [
    checkDnsLabel(`${prop}.name`, volume.name),
    checkNotEmpty(`${prop}.mountPath`, volume.containerPath),
  ];
  if (volume.readonly === true && volume.containerPath === undefined) {
    problems.push(`${prop}.readonly must be false when the volume has no mountPath (an unmounted volume cannot be mounted read-only), got true`);
  }
  problems.push(checkDescendingPath(`${prop}.subPath`, volume.subPath));
  if (volume.subPath !== undefined && volume.containerPath === undefined) {
    problems.push(`${prop}.subPath needs a mountPath (only a mounted volume has a mounted sub-path), got ${show(volume.subPath)} without a mountPath`);
  }
  if (EmptyDirVolume.isEmptyDirVolume(volume)) {
    // 0 passes: Kubernetes forbids only negative quantities
    problems.push(checkWholeMiB(`${prop}.sizeLimit`, volume.sizeLimit, 0));
    problems.push(checkSizeTokenUnit(`${prop}.sizeLimit`, volume.sizeLimit, 'mebibytes'));
  } else if (HostPathVolume.isHostPathVolume(volume)) {
    problems.push(checkNotEmpty(`${prop}.hostPath`, volume.path));
  } else if (SecretPathVolume.isSecretPathVolume(volume)) {
    problems.push(checkDnsSubdomain(`${prop}.secretName`, volume.secretName));
  } else if (PersistentVolumeClaimVolume.isPersistentVolumeClaimVolume(volume)) {
    problems.push(checkDnsSubdomain(`${prop}.claimName`, volume.claimName));
  } else {
    problems.push(`${prop} must be made with EksVolume.emptyDir(), EksVolume.hostPath(), EksVolume.persistentVolumeClaim() or EksVolume.secret(), got another kind of volume`);
  }
  return problems;
}

/** The problems of the volumes of one container together: names and mount paths must be unique. */
export function validateVolumeSet(volumes: EksVolume[]): Problem[] {
  return [
    ...checkUnique('volumes', volumes, (v) => v.name, 'name'),
    ...checkUnique('volumes', volumes, (v) => v.containerPath, 'mountPath'),
  ];
}

/** A Kubernetes quantity in MiB (`2048Mi`); a size given as a token renders as a reference joined with `Mi`. */
export function mebibytesQuantity(size: Size): string {
  return `${size.toMebibytes()}Mi`;
}

/** The pod volume of an EKS volume. */
export function renderVolume(volume: EksVolume): CfnJobDefinition.EksVolumeProperty {
  if (EmptyDirVolume.isEmptyDirVolume(volume)) {
    return {
      name: volume.name,
      emptyDir: {
        medium: volume.medium,
        sizeLimit: volume.sizeLimit !== undefined ? mebibytesQuantity(volume.sizeLimit) : undefined,
      },
    };
  }
  if (HostPathVolume.isHostPathVolume(volume)) {
    return { name: volume.name, hostPath: { path: volume.path } };
  }
  if (PersistentVolumeClaimVolume.isPersistentVolumeClaimVolume(volume)) {
    // aws-cdk-lib 2.95.1's L1 has no persistentVolumeClaim: it is rendered by renderNewerVolumeMembers()
    return { name: volume.name };
  }
  // validateVolume() accepted only the four kinds: this is a secret volume
  const secret = volume as SecretPathVolume;
  return { name: secret.name, secret: { secretName: secret.secretName, optional: secret.optional } };
}

/** The container's mount of an EKS volume, or `undefined` for a volume that is not mounted. */
export function renderVolumeMount(volume: EksVolume): CfnJobDefinition.EksContainerVolumeMountProperty | undefined {
  if (volume.containerPath === undefined) {
    return undefined;
  }
  return { name: volume.name, mountPath: volume.containerPath, readOnly: volume.readonly };
}

/**
 * The members of the pod volume of an EKS volume that aws-cdk-lib 2.95.1's L1 does not have (for
 * `lib/private/newer-cfn.ts`), or `undefined` when it has none.
 */
export function renderNewerVolumeMembers(volume: EksVolume): { [name: string]: unknown } | undefined {
  if (PersistentVolumeClaimVolume.isPersistentVolumeClaimVolume(volume)) {
    return { PersistentVolumeClaim: { ClaimName: volume.claimName, ReadOnly: volume.readonlyClaim } };
  }
  return undefined;
}

/** The pod volume of an EKS volume, in CloudFormation names (for `lib/private/newer-cfn.ts`). */
export function renderRawVolume(volume: EksVolume): { [name: string]: unknown } {
  if (EmptyDirVolume.isEmptyDirVolume(volume)) {
    return {
      EmptyDir: {
        Medium: volume.medium,
        SizeLimit: volume.sizeLimit !== undefined ? mebibytesQuantity(volume.sizeLimit) : undefined,
      },
      Name: volume.name,
    };
  }
  if (HostPathVolume.isHostPathVolume(volume)) {
    return { HostPath: { Path: volume.path }, Name: volume.name };
  }
  if (PersistentVolumeClaimVolume.isPersistentVolumeClaimVolume(volume)) {
    return { Name: volume.name, PersistentVolumeClaim: { ClaimName: volume.claimName, ReadOnly: volume.readonlyClaim } };
  }
  if (SecretPathVolume.isSecretPathVolume(volume)) {
    return { Name: volume.name, Secret: { Optional: volume.optional, SecretName: volume.secretName } };
  }
  // Unreachable for valid volumes: validateVolume() rejects other kinds first.
  throw new Error(`volume '${volume.name}' is of an unknown kind`);
}

/** The container's mount of an EKS volume in CloudFormation names, or `undefined` for a volume that is not mounted. */
export function renderRawVolumeMount(volume: EksVolume): { [name: string]: unknown } | undefined {
  if (volume.containerPath === undefined) {
    return undefined;
  }
  return { MountPath: volume.containerPath, Name: volume.name, ReadOnly: volume.readonly, SubPath: volume.subPath };
}

/**
 * What a volume is, apart from where it is mounted: two containers of a pod that have a volume of the same
 * name share one pod volume, so their definitions must agree. `undefined` when a token hides the definition.
 */
export function volumeDefinition(volume: EksVolume): string | undefined {
  const hidden = EmptyDirVolume.isEmptyDirVolume(volume) ? volume.sizeLimit?.isUnresolved() === true
    : HostPathVolume.isHostPathVolume(volume) ? unresolved(volume.path)
      : PersistentVolumeClaimVolume.isPersistentVolumeClaimVolume(volume) ? unresolved(volume.claimName) || unresolved(volume.readonlyClaim)
        : SecretPathVolume.isSecretPathVolume(volume) ? unresolved(volume.secretName) || unresolved(volume.optional)
          : true;
  return hidden ? undefined : JSON.stringify(renderRawVolume(volume));
}
