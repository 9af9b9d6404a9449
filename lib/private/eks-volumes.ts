import { Size } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { EksVolume, EmptyDirVolume, HostPathVolume, SecretPathVolume } from '../eks-volume';
import { checkDnsLabel, checkDnsSubdomain } from './kubernetes';
import { checkSizeTokenUnit } from './units';
import { checkNotEmpty, checkUnique, checkWholeMiB, Problem } from './validation';

/** The problems of one volume, its props named under `prop` (e.g. `volumes[2]`). */
export function validateVolume(prop: string, volume: EksVolume): Problem[] {
  const problems: Problem[] = [
    checkDnsLabel(`${prop}.name`, volume.name),
    checkNotEmpty(`${prop}.mountPath`, volume.containerPath),
  ];
  if (volume.readonly === true && volume.containerPath === undefined) {
    problems.push(`${prop}.readonly must be false when the volume has no mountPath (an unmounted volume cannot be mounted read-only), got true`);
  }
  if (EmptyDirVolume.isEmptyDirVolume(volume)) {
    // 0 passes: Kubernetes forbids only negative quantities
    problems.push(checkWholeMiB(`${prop}.sizeLimit`, volume.sizeLimit, 0));
    problems.push(checkSizeTokenUnit(`${prop}.sizeLimit`, volume.sizeLimit, 'mebibytes'));
  } else if (HostPathVolume.isHostPathVolume(volume)) {
    problems.push(checkNotEmpty(`${prop}.hostPath`, volume.path));
  } else if (SecretPathVolume.isSecretPathVolume(volume)) {
    problems.push(checkDnsSubdomain(`${prop}.secretName`, volume.secretName));
  } else {
    problems.push(`${prop} must be made with EksVolume.emptyDir(), EksVolume.hostPath() or EksVolume.secret(), got another kind of volume`);
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
  // validateVolume() accepted only the three kinds: this is a secret volume
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
